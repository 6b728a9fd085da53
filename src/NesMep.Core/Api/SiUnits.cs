using NesMep.Core.Json;
using NesMep.Core.Model;

namespace NesMep.Core.Api
{
    /// <summary>
    /// The quantities in SI-style units for /api/v1 and the MQTT state topic: each under its
    /// <see cref="QuantityTable.Key"/>, the meter's integer divided by 10^<see cref="QuantityTable.Decimals"/>.
    /// </summary>
    public static class SiUnits
    {
        /// <summary>
        /// Writes every quantity as "key": value into the open object, null when unavailable (shared by
        /// /api/v1/reading and the MQTT state topic).
        /// </summary>
        public static void WriteValues(JsonWriter w, MeterReading? r, long now)
        {
            for (int q = 0; q < Quantity.Count; q++)
            {
                w.Name(QuantityTable.Key(q));
                if (r != null && r.IsAvailable(q, now))
                {
                    w.Fixed(r.Value(q), QuantityTable.Decimals(q));
                }
                else
                {
                    w.Null();
                }
            }
        }
    }
}
