using NesMep.Core.Json;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// What BT52 and BT55 share (reference §5.8): LTIME_DATE at 0, then byte 6 = day of week (bits 0–2,
    /// 0 = Sunday), DST in effect (3), GMT (4), time zone applied (5), DST applied (6). Read from table
    /// offset 0; a 6-byte partial read (as in the guide's N1 example) decodes without byte 6.
    /// </summary>
    public abstract class ClockTable : TableDecoder
    {
        private const int FlagsOffset = LtimeDate.Size;

        private readonly LtimeDate _time = new LtimeDate();

        protected ClockTable(string errorShort)
            : base(LtimeDate.Size, errorShort)
        {
        }

        /// <summary>Date and time fields (valid when <see cref="TableDecoder.IsKnown"/>).</summary>
        public LtimeDate Time
        {
            get { return _time; }
        }

        /// <summary>True when byte 6 was in the data.</summary>
        public bool HasFlags { get; private set; }

        /// <summary>Byte 6, or <see cref="TableWindow.Absent"/>.</summary>
        public int Flags { get; private set; }

        /// <summary>0 = Sunday … 6 = Saturday, or <see cref="TableWindow.Absent"/>.</summary>
        public int DayOfWeek
        {
            get { return HasFlags ? Flags & 0x07 : TableWindow.Absent; }
        }

        public bool DstInEffect
        {
            get { return HasFlags && (Flags & 0x08) != 0; }
        }

        public bool IsGmt
        {
            get { return HasFlags && (Flags & 0x10) != 0; }
        }

        public bool TimeZoneApplied
        {
            get { return HasFlags && (Flags & 0x20) != 0; }
        }

        public bool DstApplied
        {
            get { return HasFlags && (Flags & 0x40) != 0; }
        }

        protected override void Clear()
        {
            HasFlags = false;
            Flags = TableWindow.Absent;
        }

        protected override string? Decode(byte[] data, int offset, int count, int tableOffset)
        {
            string? error;
            if (!_time.TryDecode(data, offset, out error))
            {
                return error;
            }

            if (count > FlagsOffset)
            {
                Flags = data[offset + FlagsOffset];
                HasFlags = true;
            }

            return null;
        }

        /// <summary>The time as <paramref name="name"/> (ISO 8601, "Z" when <paramref name="utc"/>), then the flags.</summary>
        protected void WriteClockJson(JsonWriter w, string name, bool utc)
        {
            w.Property(name, _time.ToIsoString(utc));
            if (HasFlags)
            {
                w.Property("day_of_week", DayOfWeek);
                w.Property("dst_in_effect", DstInEffect);
                w.Property("is_gmt", IsGmt);
                w.Property("time_zone_applied", TimeZoneApplied);
                w.Property("dst_applied", DstApplied);
            }
        }
    }
}
