using System.Diagnostics.CodeAnalysis;
using NesMep.Core.Json;
using NesMep.Core.Protocol;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// MEP flags of an ET50 MEP Inbound Data Space element (reference §5.13): byte 30 of the element,
    /// bit 0 registered, bit 1 procedure responses in ET59, bit 2 M-Bus alerts, bit 3 delta data alerts.
    /// Element size = 35 + 6·ET11.22 (71 with 6 data sources). Decodes from a full image or from a
    /// 1-byte partial read at table offset 30.
    /// </summary>
    public sealed class Et50MepFlags : FlagByteTable, IWindowDecoder
    {
        public const int IdentificationLength = 30;
        public const int FlagsFieldOffset = 30;
        public const int DefaultDataSources = 6;

        public const string ErrorBadElement = "bad ET50 element index or data source count";
        public const string ErrorNotInWindow = "window does not hold the ET50 MEP flags";

        public Et50MepFlags()
            : base(ErrorBadElement, ErrorNotInWindow)
        {
        }

        public bool Registered
        {
            get { return (Flags & 0x01) != 0; }
        }

        /// <summary>Bit 1: read procedure responses from ET59 instead of BT08 (§3.6).</summary>
        public bool Et59Response
        {
            get { return (Flags & 0x02) != 0; }
        }

        public bool MBusAlerts
        {
            get { return (Flags & 0x04) != 0; }
        }

        public bool DeltaDataAlerts
        {
            get { return (Flags & 0x08) != 0; }
        }

        /// <summary>MEP identification string [30] as hex, or null when outside the window.</summary>
        public string? IdentificationHex { get; private set; }

        public static int ElementSize(int dataSources)
        {
            return 35 + (6 * dataSources);
        }

        /// <summary>Table offset of the flags byte of element <paramref name="elementIndex"/>.</summary>
        public static int FlagsOffset(int elementIndex, int dataSources)
        {
            return (elementIndex * ElementSize(dataSources)) + FlagsFieldOffset;
        }

        /// <summary>Decodes element 0 (the only one before fw 4.0).</summary>
        public bool TryDecode(byte[] data, int offset, int count, int tableOffset, [NotNullWhen(false)] out string? error)
        {
            return TryDecode(data, offset, count, tableOffset, 0, DefaultDataSources, out error);
        }

        public bool TryDecode(byte[] data, int offset, int count, int tableOffset, int elementIndex, int dataSources, [NotNullWhen(false)] out string? error)
        {
            bool elementOk = elementIndex >= 0 && elementIndex <= 255 && dataSources >= 0 && dataSources <= 255;
            int element = elementOk ? elementIndex * ElementSize(dataSources) : -1;
            return TryDecodeFlags(data, offset, count, tableOffset, element, FlagsFieldOffset, out error);
        }

        public override void WriteJsonFields(JsonWriter w)
        {
            w.Property("mep_flags", Flags);
            w.Property("registered", Registered);
            w.Property("et59_response", Et59Response);
            w.Property("mbus_alerts", MBusAlerts);
            w.Property("delta_data_alerts", DeltaDataAlerts);
            if (IdentificationHex != null)
            {
                w.Property("identification_hex", IdentificationHex);
            }
        }

        protected override void Clear()
        {
            IdentificationHex = null;
        }

        protected override void DecodeEntry(byte[] data, int offset, int count, int tableOffset, int entry)
        {
            if (TableWindow.Covers(tableOffset, count, entry, IdentificationLength))
            {
                IdentificationHex = Hex.Format(data, offset + entry - tableOffset, IdentificationLength);
            }
        }
    }
}
