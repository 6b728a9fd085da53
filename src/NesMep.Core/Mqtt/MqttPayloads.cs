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
        /// <summary>Keys of &lt;base&gt;/sensors/mydatajson, in the firmware's order.</summary>
        public static readonly string[] SensorsKeys = new string[]
        {
            "L1_RMS_A", "L2_RMS_A", "L3_RMS_A", "L1_RMS_V", "L2_RMS_V", "L3_RMS_V",
            "L1_PF_Fac", "L2_PF_Fac", "L3_PF_Fac", "ExportReactive_VAr", "ImportReactive_VAr",
        };

        public static readonly int[] SensorsQuantities = new int[]
        {
            Quantity.CurrentL1mA, Quantity.CurrentL2mA, Quantity.CurrentL3mA,
            Quantity.VoltageL1mV, Quantity.VoltageL2mV, Quantity.VoltageL3mV,
            Quantity.PowerFactorL1Milli, Quantity.PowerFactorL2Milli, Quantity.PowerFactorL3Milli,
            Quantity.ReactivePowerExportVAr, Quantity.ReactivePowerImportVAr,
        };

        public static readonly string[] TotalKeys = new string[] { "Fwd_Act_Wh", "Rev_Act_Wh" };

        public static readonly int[] TotalQuantities = new int[] { Quantity.EnergyImportWh, Quantity.EnergyExportWh };

        public static readonly string[] FwdKeys = new string[]
        {
            "Fwd_W", "Fwd_Avg_W", "L1_Fwd_W", "L2_Fwd_W", "L3_Fwd_W", "L1_Fwd_Avg_W", "L2_Fwd_Avg_W", "L3_Fwd_Avg_W",
        };

        public static readonly int[] FwdQuantities = new int[]
        {
            Quantity.PowerImportW, Quantity.AvgPowerImportW,
            Quantity.PowerImportL1W, Quantity.PowerImportL2W, Quantity.PowerImportL3W,
            Quantity.AvgPowerImportL1W, Quantity.AvgPowerImportL2W, Quantity.AvgPowerImportL3W,
        };

        public static readonly string[] RevKeys = new string[]
        {
            "Rev_W", "Rev_Avg_W", "L1_Rev_W", "L2_Rev_W", "L3_Rev_W", "L1_Rev_Avg_W", "L2_Rev_Avg_W", "L3_Rev_Avg_W",
        };

        public static readonly int[] RevQuantities = new int[]
        {
            Quantity.PowerExportW, Quantity.AvgPowerExportW,
            Quantity.PowerExportL1W, Quantity.PowerExportL2W, Quantity.PowerExportL3W,
            Quantity.AvgPowerExportL1W, Quantity.AvgPowerExportL2W, Quantity.AvgPowerExportL3W,
        };

        public static readonly string[] FrequencyKeys = new string[] { "Freq_mHz" };

        public static readonly int[] FrequencyQuantities = new int[] { Quantity.FrequencymHz };

        /// <summary>Key of the signed net grid power (import − export, W) in the state body.</summary>
        public const string NetPowerKey = "power_net_w";

        /// <summary>Key of the module's start time (ISO 8601 UTC) in the diagnostics body.</summary>
        public const string LastBootKey = "last_boot";

        /// <summary>A Dabbler body, or null when none of its values is available.</summary>
        public static string? Dabbler(MeterReading? r, long now, string[] keys, int[] quantities)
        {
            if (r == null)
            {
                return null;
            }

            bool any = false;
            for (int i = 0; i < quantities.Length; i++)
            {
                if (r.IsAvailable(quantities[i], now))
                {
                    any = true;
                    break;
                }
            }

            if (!any)
            {
                return null;
            }

            JsonWriter w = new JsonWriter();
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
            return w.ToString();
        }

        /// <summary>
        /// &lt;base&gt;/state: every quantity under its /api/v1 name (SiUnits) plus power_net_w,
        /// scaled to kWh, V, A, Hz, ratio; null when unavailable.
        /// </summary>
        public static string State(MeterReading? r, long now)
        {
            JsonWriter w = new JsonWriter(new System.Text.StringBuilder(1200));
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
            return w.ToString();
        }

        /// <summary>
        /// &lt;base&gt;/diagnostics: link_state, digest_failures, data_age_s (null before the first
        /// value), uptime_s and, only when the platform measures it, wifi_rssi_dbm.
        /// </summary>
        /// <summary>The diagnostics body; <paramref name="bootUtc"/> is the wall-clock time the module started.</summary>
        public static string Diagnostics(ModuleContext context, long now, IWifiSignal? wifi, System.DateTime bootUtc)
        {
            MeterReading? r = context.Reading;
            JsonWriter w = new JsonWriter();
            w.BeginObject();
            w.Property("link_state", context.LinkStateName(now));
            LinkCounters? c = context.Poller == null ? null : context.Poller.Link.Counters;
            w.Property("digest_failures", c == null ? 0 : c.DigestFailures);
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
            int dbm;
            if (wifi != null)
            {
                w.Name("wifi_rssi_dbm");
                if (wifi.TryGetRssi(out dbm))
                {
                    w.Number(dbm);
                }
                else
                {
                    w.Null();
                }
            }

            w.EndObject();
            return w.ToString();
        }
    }
}
