using System;
using NesMep.Core.Json;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// BT55 Local Clock State (reference §5.8), 9 bytes: LTIME_DATE at 0 (local TOU time, updated every
    /// minute) and the byte 6 flags (see <see cref="ClockTable"/>); UINT16 LE at 7 = current tier
    /// (bits 0–2), tier drive (6–7), special schedule (8–11), season (12–15).
    /// </summary>
    public sealed class Bt55LocalClock : ClockTable
    {
        public const string ErrorShort = "BT55 needs 6 bytes";

        private const int StatusOffset = 7;

        public Bt55LocalClock()
            : base(ErrorShort)
        {
        }

        /// <summary>The local clock reading as a <see cref="DateTime"/> (the kind is UTC on both runtimes; the value is local).</summary>
        public DateTime LocalTime
        {
            get { return Time.ToDateTime(); }
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

        public override void WriteJsonFields(JsonWriter w)
        {
            WriteClockJson(w, "local_time", false);
            if (HasStatus)
            {
                w.Property("current_tier", CurrentTier);
                w.Property("tier_drive", TierDrive);
                w.Property("special_schedule", SpecialSchedule);
                w.Property("season", Season);
            }
        }

        protected override void Clear()
        {
            base.Clear();
            Status = TableWindow.Absent;
        }

        protected override string? Decode(byte[] data, int offset, int count, int tableOffset)
        {
            string? error = base.Decode(data, offset, count, tableOffset);
            if (error == null)
            {
                Status = TableWindow.UInt16LE(data, offset, count, 0, StatusOffset);
            }

            return error;
        }
    }
}
