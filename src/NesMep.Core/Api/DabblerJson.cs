using NesMep.Core.Json;
using NesMep.Core.Model;

namespace NesMep.Core.Api
{
    /// <summary>
    /// The body of GET /getDashDataWS, the Dabbler module's contract that the Home Assistant
    /// integration polls (protocol reference §7.1, ecosystem §1.4): the same 34 keys in the same order
    /// (a quantity's key and place are in its QuantityTable row),
    /// numbers as signed integers in the meter's units (Wh, W, mA, mV, mHz). Differences, all on
    /// purpose: a value that is unavailable is JSON null, never 0 (the integration then reports a
    /// problem instead of recording a false reading); strings are escaped; CurrentDateTime is the time
    /// of the newest verified data, so it stops moving when the link is down.
    /// </summary>
    public static class DabblerJson
    {
        /// <summary>Writes the body; <see cref="ApiRouter"/> chooses the writer (a chunked HTTP body, or a string for tests).</summary>
        public static void Write(ModuleContext context, JsonWriter w)
        {
            long now = context.Clock.NowMs;
            MeterReading? r = context.Reading;
            MeterIdentity? id = r == null ? null : r.Identity;
            w.BeginObject();
            w.Property("ESP_SW", context.Info.Name);
            w.Property("ESP_SW_By", context.Info.Maker);
            w.Property("ESP_SW_Version", context.Info.Version);
            StringOrNull(w, "Meter_Manufacturer", id == null || !id.Known ? null : id.Manufacturer);
            StringOrNull(w, "Meter_Model", id == null || !id.Known ? null : id.Model);
            StringOrNull(w, "Meter_SW_Version", id == null || !id.Known ? null : id.FirmwareLegacy);
            StringOrNull(w, "Utility_SN", id == null || id.UtilitySerial.Length == 0 ? null : id.UtilitySerial);

            long last = r == null ? -1 : r.LastUpdateMs();
            if (r == null || last < 0)
            {
                w.Name("CurrentDateTimeString").Null();
                w.Name("CurrentDateTime").Null();
            }
            else
            {
                System.DateTime dataTime = r.HasMeterClock ? r.MeterClockNow(last) : context.Clock.UtcNow.AddMilliseconds(last - now);
                w.Property("CurrentDateTimeString", IsoTime.FormatDabbler(dataTime));
                w.Property("CurrentDateTime", IsoTime.Format(dataTime));
            }

            // The quantities with a place in this body, in the firmware's order (QuantityTable).
            for (int p = 0; ; p++)
            {
                int q = QuantityTable.At(QuantityTable.ViewDash, p);
                if (q < 0)
                {
                    break;
                }

                Value(w, QuantityTable.DabblerKey(q)!, r, q, now);
            }

            w.EndObject();
        }

        private static void StringOrNull(JsonWriter w, string name, string? value)
        {
            w.Name(name);
            if (value == null)
            {
                w.Null();
            }
            else
            {
                w.String(value);
            }
        }

        private static void Value(JsonWriter w, string name, MeterReading? r, int quantity, long now)
        {
            w.Name(name);
            if (r == null || !r.IsAvailable(quantity, now))
            {
                w.Null();
            }
            else
            {
                w.Number(r.Value(quantity));
            }
        }
    }
}
