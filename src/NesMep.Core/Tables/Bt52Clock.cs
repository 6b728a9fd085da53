using System;
using NesMep.Core.Json;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// BT52 UTC Clock (reference §5.8): LTIME_DATE at 0 and the byte 6 flags (see <see cref="ClockTable"/>).
    /// A 6-byte partial read (as in the guide's N1 example) decodes without byte 6.
    /// </summary>
    public sealed class Bt52Clock : ClockTable
    {
        public const string ErrorShort = "BT52 needs 6 bytes";

        public Bt52Clock()
            : base(ErrorShort)
        {
        }

        /// <summary>The clock as a UTC <see cref="DateTime"/>; only meaningful when <see cref="TableDecoder.IsKnown"/>.</summary>
        public DateTime Utc
        {
            get { return Time.ToDateTime(); }
        }

        public override void WriteJsonFields(JsonWriter w)
        {
            WriteClockJson(w, "utc", true);
        }
    }
}
