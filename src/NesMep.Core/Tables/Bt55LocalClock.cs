using System;
using NesMep.Core.Json;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// BT55 Local Clock State (reference §5.8), 9 bytes: LTIME_DATE at 0 (local TOU time, updated every
    /// minute); byte 6 = day of week (bits 0–2), DST in effect (3), GMT (4), time zone applied (5),
    /// DST applied (6); UINT16 LE at 7 = current tier (bits 0–2), tier drive (6–7), special schedule
    /// (8–11), season (12–15).
    /// </summary>
    public sealed class Bt55LocalClock : IJsonWritable, ITableFields
    {
        public const string ErrorShort = "BT55 needs 6 bytes";

        private readonly LtimeDate _time = new LtimeDate();

        public bool IsKnown { get; private set; }

        public LtimeDate Time
        {
            get { return _time; }
        }

        /// <summary>The local clock reading as a <see cref="DateTime"/> (the kind is UTC on both runtimes; the value is local).</summary>
        public DateTime LocalTime
        {
            get { return _time.ToDateTime(); }
        }

        public bool HasFlags { get; private set; }

        /// <summary>Byte 6, or <see cref="TableWindow.Absent"/>.</summary>
        public int Flags { get; private set; }

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

        /// <summary>UINT16 at 7, or <see cref="TableWindow.Absent"/>.</summary>
        public int Status { get; private set; }

        public bool HasStatus
        {
            get { return Status != TableWindow.Absent; }
        }

        /// <summary>0-based current tier, or <see cref="TableWindow.Absent"/>.</summary>
        public int CurrentTier
        {
            get { return HasStatus ? Status & 0x07 : TableWindow.Absent; }
        }

        public int TierDrive
        {
            get { return HasStatus ? (Status >> 6) & 0x03 : TableWindow.Absent; }
        }

        public int SpecialSchedule
        {
            get { return HasStatus ? (Status >> 8) & 0x0F : TableWindow.Absent; }
        }

        public int Season
        {
            get { return HasStatus ? (Status >> 12) & 0x0F : TableWindow.Absent; }
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
            Status = TableWindow.Absent;
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

            Status = TableWindow.UInt16LE(data, offset, count, 0, 7);
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
            w.Property("local_time", _time.ToIsoString(false));
            if (HasFlags)
            {
                w.Property("day_of_week", DayOfWeek);
                w.Property("dst_in_effect", DstInEffect);
                w.Property("is_gmt", IsGmt);
                w.Property("time_zone_applied", TimeZoneApplied);
                w.Property("dst_applied", DstApplied);
            }

            if (HasStatus)
            {
                w.Property("current_tier", CurrentTier);
                w.Property("tier_drive", TierDrive);
                w.Property("special_schedule", SpecialSchedule);
                w.Property("season", Season);
            }
        }
    }
}
