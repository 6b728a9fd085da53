using NesMep.Core.Api;
using NesMep.Core.Json;
using NesMep.Core.Link;
using NesMep.Core.Model;

namespace NesMep.Core.Mqtt
{
    /// <summary>
    /// JSON bodies of the state topics. The Dabbler bodies keep the firmware's keys and order
    /// (protocol reference §8) with signed integers in the meter's units; a value that is unavailable
    /// is null (never 0), and a body none of whose values is available is not published at all
    /// (the builders return null). The state body carries every quantity in SI-style units.
    /// </summary>
    public static class MqttPayloads
    {
        // The Dabbler bodies' keys and quantities, derived from QuantityTable on first use (no static
        // constructor: see QuantityTable).
        private static string[]? _sensorsKeys;
        private static int[]? _sensorsQuantities;
        private static string[]? _totalKeys;
        private static int[]? _totalQuantities;
        private static string[]? _fwdKeys;
        private static int[]? _fwdQuantities;
        private static string[]? _revKeys;
        private static int[]? _revQuantities;
        private static string[]? _frequencyKeys;
        private static int[]? _frequencyQuantities;

        /// <summary>Keys of &lt;base&gt;/sensors/mydatajson, in the firmware's order, and their quantities.</summary>
        public static string[] SensorsKeys
        {
            get { return _sensorsKeys ??= Keys(QuantityTable.TopicSensors); }
        }

        public static int[] SensorsQuantities
        {
            get { return _sensorsQuantities ??= Quantities(QuantityTable.TopicSensors); }
        }

        /// <summary>Keys of &lt;base&gt;/meterConsumptionTotal/mydatajson, in the firmware's order, and their quantities.</summary>
        public static string[] TotalKeys
        {
            get { return _totalKeys ??= Keys(QuantityTable.TopicTotal); }
        }

        public static int[] TotalQuantities
        {
            get { return _totalQuantities ??= Quantities(QuantityTable.TopicTotal); }
        }

        /// <summary>Keys of &lt;base&gt;/meterConsumptionFwd/mydatajson, in the firmware's order, and their quantities.</summary>
        public static string[] FwdKeys
        {
            get { return _fwdKeys ??= Keys(QuantityTable.TopicFwd); }
        }

        public static int[] FwdQuantities
        {
            get { return _fwdQuantities ??= Quantities(QuantityTable.TopicFwd); }
        }

        /// <summary>Keys of &lt;base&gt;/meterConsumptionRev/mydatajson, in the firmware's order, and their quantities.</summary>
        public static string[] RevKeys
        {
            get { return _revKeys ??= Keys(QuantityTable.TopicRev); }
        }

        public static int[] RevQuantities
        {
            get { return _revQuantities ??= Quantities(QuantityTable.TopicRev); }
        }

        /// <summary>Keys of &lt;base&gt;/frequency/mydatajson, in the firmware's order, and their quantities.</summary>
        public static string[] FrequencyKeys
        {
            get { return _frequencyKeys ??= Keys(QuantityTable.TopicFrequency); }
        }

        public static int[] FrequencyQuantities
        {
            get { return _frequencyQuantities ??= Quantities(QuantityTable.TopicFrequency); }
        }

        /// <summary>Key of the signed net grid power (import − export, W) in the state body.</summary>
        public const string NetPowerKey = "power_net_w";

        /// <summary>Key of the module's start time (ISO 8601 UTC) in the diagnostics body.</summary>
        public const string LastBootKey = "last_boot";

        /// <summary>The quantities of Dabbler topic <paramref name="topic"/> in body order.</summary>
        private static int[] Quantities(int topic)
        {
            int n = 0;
            while (QuantityTable.At(topic, n) >= 0)
            {
                n++;
            }

            int[] quantities = new int[n];
            for (int i = 0; i < n; i++)
            {
                quantities[i] = QuantityTable.At(topic, i);
            }

            return quantities;
        }

        private static string[] Keys(int topic)
        {
            int[] quantities = Quantities(topic);
            string[] keys = new string[quantities.Length];
            for (int i = 0; i < keys.Length; i++)
            {
                keys[i] = QuantityTable.DabblerKey(quantities[i])!;
            }

            return keys;
        }

        /// <summary>A Dabbler body, or null when none of its values is available.</summary>
        public static string? Dabbler(MeterReading? r, long now, string[] keys, int[] quantities)
        {
            if (!AnyAvailable(r, now, quantities))
            {
                return null;
            }

            JsonWriter w = new JsonWriter();
            WriteDabbler(w, r!, now, keys, quantities); // AnyAvailable is false for a null reading
            return w.ToString();
        }

        /// <summary>True when a Dabbler body with these quantities has a value to publish.</summary>
        public static bool AnyAvailable(MeterReading? r, long now, int[] quantities)
        {
            for (int i = 0; r != null && i < quantities.Length; i++)
            {
                if (r.IsAvailable(quantities[i], now))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Writes a Dabbler body (check <see cref="AnyAvailable"/> first: a body with no value is not published).</summary>
        public static void WriteDabbler(JsonWriter w, MeterReading r, long now, string[] keys, int[] quantities)
        {
            w.BeginObject();
            for (int i = 0; i < keys.Length; i++)
            {
                w.Name(keys[i]);
                if (r.IsAvailable(quantities[i], now))
                {
                    w.Number(r.Value(quantities[i]));
                }
                else
                {
                    w.Null();
                }
            }

            w.EndObject();
        }

        /// <summary>
        /// &lt;base&gt;/state: every quantity under its /api/v1 key (QuantityTable) plus power_net_w,
        /// scaled to kWh, V, A, Hz, ratio; null when unavailable.
        /// </summary>
        public static string State(MeterReading? r, long now)
        {
            JsonWriter w = new JsonWriter(new System.Text.StringBuilder(1200));
            WriteState(w, r, now);
            return w.ToString();
        }

        /// <summary>Writes the &lt;base&gt;/state body (see <see cref="State"/>).</summary>
        public static void WriteState(JsonWriter w, MeterReading? r, long now)
        {
            w.BeginObject();
            SiUnits.WriteValues(w, r, now);
            w.Name(NetPowerKey);
            if (r != null && r.IsAvailable(Quantity.PowerImportW, now) && r.IsAvailable(Quantity.PowerExportW, now))
            {
                w.Number((long)r.Value(Quantity.PowerImportW) - r.Value(Quantity.PowerExportW));
            }
            else
            {
                w.Null();
            }

            w.EndObject();
        }

        /// <summary>
        /// &lt;base&gt;/diagnostics: link_state, digest_failures, data_age_s (null before the first
        /// value), uptime_s, last_boot and, only when the platform measures it, wifi_rssi_dbm.
        /// <paramref name="bootUtc"/> is the wall-clock time the module started.
        /// </summary>
        public static string Diagnostics(ModuleContext context, long now, IWifiSignal? wifi, System.DateTime bootUtc)
        {
            int dbm = 0;
            bool known = wifi != null && wifi.TryGetRssi(out dbm);
            JsonWriter w = new JsonWriter();
            WriteDiagnostics(w, context, now, wifi != null, known, dbm, bootUtc);
            return w.ToString();
        }

        /// <summary>
        /// Writes the diagnostics body from values read before (the signal is read once, so writing the
        /// body twice gives the same bytes): <paramref name="hasWifi"/> whether the platform measures the
        /// signal, <paramref name="rssiKnown"/> whether it did now, <paramref name="dbm"/> the figure.
        /// </summary>
        public static void WriteDiagnostics(JsonWriter w, ModuleContext context, long now, bool hasWifi, bool rssiKnown, int dbm, System.DateTime bootUtc)
        {
            MeterReading? r = context.Reading;
            w.BeginObject();
            w.Property("link_state", context.LinkStateName(now));
            LinkCounters? c = context.Poller == null ? null : context.Poller.Link.Counters;
            w.Property("digest_failures", c == null ? 0 : c.IntegrityFailures); // MEP digests, optical CRCs
            long last = r == null ? -1 : r.LastUpdateMs();
            w.Name("data_age_s");
            if (last < 0)
            {
                w.Null();
            }
            else
            {
                w.Number((now - last) / 1000);
            }

            w.Property("uptime_s", (now - context.StartedMs) / 1000);
            w.Property(LastBootKey, IsoTime.Format(bootUtc));
            NesMep.Core.Lifecycle.BootRecords.WriteSummary(w, context.Info.Boot);
            if (hasWifi)
            {
                w.Name("wifi_rssi_dbm");
                if (rssiKnown)
                {
                    w.Number(dbm);
                }
                else
                {
                    w.Null();
                }
            }

            w.EndObject();
        }
    }
}
