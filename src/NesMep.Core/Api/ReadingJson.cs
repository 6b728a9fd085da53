using NesMep.Core.Json;
using NesMep.Core.Model;

namespace NesMep.Core.Api
{
    /// <summary>
    /// GET /api/v1/reading (docs/api.md): every quantity in SI-style units, null when unavailable,
    /// its age in seconds and a quality word: "good", "stale" (older than the stale limit) or
    /// "never_read".
    /// </summary>
    public static class ReadingJson
    {
        // The quality words as JSON literals: written as they are, without the escape walk (a char[] copy per value).
        private const string Good = "\"good\"";
        private const string Stale = "\"stale\"";
        private const string NeverRead = "\"never_read\"";

        /// <summary>Writes the body; <see cref="ApiRouter"/> chooses the writer (a chunked HTTP body, or a string for tests).</summary>
        public static void Write(ModuleContext context, JsonWriter w)
        {
            long now = context.Clock.NowMs;
            MeterReading? r = context.Reading;
            w.BeginObject();
            w.Property("timestamp", IsoTime.Format(context.Clock.UtcNow));
            w.Name("meter_serial");
            if (r == null || r.Identity.UtilitySerial.Length == 0)
            {
                w.Null();
            }
            else
            {
                w.String(r.Identity.UtilitySerial);
            }

            w.Name("meter_time");
            if (r == null || !r.HasMeterClock)
            {
                w.Null();
            }
            else
            {
                w.String(IsoTime.Format(r.MeterClockNow(now)));
            }

            w.Property("link_state", context.LinkStateName(now));
            long last = r == null ? -1 : r.LastUpdateMs();
            w.Name("data_age_s");
            if (last < 0)
            {
                w.Null();
            }
            else
            {
                w.Fixed(now - last, 3);
            }

            w.Name("stale_after_s").Fixed(r == null ? 0 : r.Settings.StaleAfterMs, 3);

            w.Name("values").BeginObject();
            SiUnits.WriteValues(w, r, now);
            w.EndObject();

            w.Name("age_s").BeginObject();
            for (int q = 0; q < Quantity.Count; q++)
            {
                w.Name(QuantityTable.Key(q));
                long age = r == null ? -1 : r.AgeMs(q, now);
                if (age < 0)
                {
                    w.Null();
                }
                else
                {
                    w.Fixed(age, 3);
                }
            }

            w.EndObject();

            w.Name("quality").BeginObject();
            for (int q = 0; q < Quantity.Count; q++)
            {
                w.Name(QuantityTable.Key(q)).Raw(r == null || r.AgeMs(q, now) < 0 ? NeverRead : r.IsAvailable(q, now) ? Good : Stale);
            }

            w.EndObject();
            w.EndObject();
        }
    }
}
