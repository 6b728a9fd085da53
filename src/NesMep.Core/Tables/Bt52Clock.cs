using System;
using NesMep.Core.Json;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// BT52 UTC Clock (reference §5.8): LTIME_DATE at 0, then byte 6 = day of week (bits 0–2, 0 = Sunday),
    /// DST in effect (3), GMT (4), time zone applied (5), DST applied (6). A 6-byte partial read (as in
    /// the guide's N1 example) decodes without byte 6.
    /// </summary>
    public sealed class Bt52Clock : IJsonWritable, ITableFields
    {
        public const string ErrorShort = "BT52 needs 6 bytes";

        private readonly LtimeDate _time = new LtimeDate();

        public bool IsKnown { get; private set; }

        /// <summary>Date and time fields (valid when <see cref="IsKnown"/>).</summary>
        public LtimeDate Time
        {
            get { return _time; }
        }

        /// <summary>The clock as a UTC <see cref="DateTime"/>; only meaningful when <see cref="IsKnown"/>.</summary>
        public DateTime Utc
        {
            get { return _time.ToDateTime(); }
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

        public bool TryDecode(byte[] data, int offset, int count, out string error)
        {
            return TryDecode(data, offset, count, 0, out error);
        }

        public bool TryDecode(byte[] data, int offset, int count, int tableOffset, out string error)
        {
            IsKnown = false;
            HasFlags = false;
            Flags = TableWindow.Absent;
            if (!TableWindow.IsValid(data, offset, count, tableOffset))
            {
                error = TableWindow.ErrorBadArguments;
                return false;
            }

            if (tableOffset != 0)
            {
                error = TableWindow.ErrorNotAtStart;
                return false;
            }

            if (count < LtimeDate.Size)
            {
                error = ErrorShort;
                return false;
            }

            if (!_time.TryDecode(data, offset, out error))
            {
                return false;
            }

            if (count > 6)
            {
                Flags = data[offset + 6];
                HasFlags = true;
            }

            IsKnown = true;
            return true;
        }

        public void WriteJson(JsonWriter w)
        {
            w.BeginObject();
            WriteJsonFields(w);
            w.EndObject();
        }

        public void WriteJsonFields(JsonWriter w)
        {
            w.Property("utc", _time.ToIsoString(true));
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
