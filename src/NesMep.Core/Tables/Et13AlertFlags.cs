using System.Diagnostics.CodeAnalysis;
using NesMep.Core.Json;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// Alert flags of the MEP entry of ET13 MEP/M-Bus Device Configuration (reference §5.12). ET13 is
    /// ARRAY[ET11.0] of ET11.1-byte entries; entry 4 is the MEP client (Gen 4: 4 and 5); its byte 8 holds
    /// the alert flags. Decodes from a full image or from a 1-byte partial read of that byte.
    /// </summary>
    public sealed class Et13AlertFlags : FlagByteTable, IWindowDecoder
    {
        public const int DefaultEntrySize = 66;
        public const int DefaultMepEntryIndex = 4;
        public const int BaudRateFieldOffset = 6;
        public const int DeviceAlarmMaskFieldOffset = 7;
        public const int AlertFlagsFieldOffset = 8;

        public const string ErrorBadEntry = "bad ET13 entry size or index";
        public const string ErrorNotInWindow = "window does not hold the ET13 alert flags";

        public Et13AlertFlags()
            : base(ErrorBadEntry, ErrorNotInWindow)
        {
        }

        /// <summary>Bit 0: scheduled read request.</summary>
        public bool ScheduledRead
        {
            get { return (Flags & 0x01) != 0; }
        }

        /// <summary>Bit 1: on-demand request waiting in ET15.</summary>
        public bool OnDemandRequest
        {
            get { return (Flags & 0x02) != 0; }
        }

        /// <summary>Bit 3: M-Bus change.</summary>
        public bool MBusChange
        {
            get { return (Flags & 0x08) != 0; }
        }

        /// <summary>Bit 4: delta data alert.</summary>
        public bool DeltaDataAlert
        {
            get { return (Flags & 0x10) != 0; }
        }

        /// <summary>Baud rate code of the MEP entry (§2.2), or Absent when outside the window.</summary>
        public int BaudRateCode { get; private set; }

        public int DeviceAlarmMask { get; private set; }

        /// <summary>Table offset of the alert flags: entrySize × mepEntryIndex + 8 (66 × 4 + 8 = 272).</summary>
        public static int AlertFlagsOffset(int entrySize, int mepEntryIndex)
        {
            return (entrySize * mepEntryIndex) + AlertFlagsFieldOffset;
        }

        /// <summary>Decodes with the default entry size 66 and MEP entry index 4.</summary>
        public bool TryDecode(byte[] data, int offset, int count, int tableOffset, [NotNullWhen(false)] out string? error)
        {
            return TryDecode(data, offset, count, tableOffset, DefaultEntrySize, DefaultMepEntryIndex, out error);
        }

        /// <summary>
        /// Decodes the flags of entry <paramref name="mepEntryIndex"/> (entries of ET11.1 bytes) from
        /// table bytes [tableOffset, tableOffset + count).
        /// </summary>
        public bool TryDecode(byte[] data, int offset, int count, int tableOffset, int entrySize, int mepEntryIndex, [NotNullWhen(false)] out string? error)
        {
            bool entryOk = entrySize > AlertFlagsFieldOffset && entrySize <= 255
                && mepEntryIndex >= 0 && mepEntryIndex <= 255;
            int entry = entryOk ? entrySize * mepEntryIndex : -1;
            return TryDecodeFlags(data, offset, count, tableOffset, entry, AlertFlagsFieldOffset, out error);
        }

        public override void WriteJsonFields(JsonWriter w)
        {
            w.Property("alert_flags", Flags);
            w.Property("scheduled_read", ScheduledRead);
            w.Property("on_demand_request", OnDemandRequest);
            w.Property("mbus_change", MBusChange);
            w.Property("delta_data_alert", DeltaDataAlert);
            WriteKnown(w, "baud_rate_code", BaudRateCode);
            WriteKnown(w, "device_alarm_mask", DeviceAlarmMask);
        }

        protected override void Clear()
        {
            BaudRateCode = TableWindow.Absent;
            DeviceAlarmMask = TableWindow.Absent;
        }

        protected override void DecodeEntry(byte[] data, int offset, int count, int tableOffset, int entry)
        {
            BaudRateCode = TableWindow.UInt8(data, offset, count, tableOffset, entry + BaudRateFieldOffset);
            DeviceAlarmMask = TableWindow.UInt8(data, offset, count, tableOffset, entry + DeviceAlarmMaskFieldOffset);
        }
    }
}
