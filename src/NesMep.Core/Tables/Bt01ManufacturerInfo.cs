using NesMep.Core.Json;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// BT01 General Manufacturer Information (reference §5.2), read from table offset 0. Manufacturer
    /// and model are required; hardware bytes 12/13, firmware bytes 14/15 and the BCD serial at 16 are
    /// decoded when the data reaches them.
    /// </summary>
    public sealed class Bt01ManufacturerInfo : TableDecoder
    {
        public const int MinSize = 12;
        public const string ErrorShort = "BT01 needs at least 12 bytes";

        public Bt01ManufacturerInfo()
            : base(MinSize, ErrorShort)
        {
        }

        /// <summary>CHAR[4] at 0 without trailing spaces/NULs.</summary>
        public string? Manufacturer { get; private set; }

        /// <summary>CHAR[4] at 0 exactly as sent (the Dabbler JSON key Meter_Manufacturer uses this).</summary>
        public string? ManufacturerRaw { get; private set; }

        /// <summary>CHAR[8] at 4 without trailing spaces/NULs.</summary>
        public string? Model { get; private set; }

        public string? ModelRaw { get; private set; }

        /// <summary>Byte 12, or <see cref="TableWindow.Absent"/>.</summary>
        public int HardwareVersion { get; private set; }

        /// <summary>Byte 13, or <see cref="TableWindow.Absent"/>.</summary>
        public int HardwareRevision { get; private set; }

        public bool HasFirmware { get; private set; }

        /// <summary>Bytes 14–15 as one 16-bit value, byte 14 = MSB, or <see cref="TableWindow.Absent"/>.</summary>
        public int FirmwareRaw { get; private set; }

        /// <summary>Bits 15..12 of <see cref="FirmwareRaw"/>.</summary>
        public int FirmwareMajor { get; private set; }

        /// <summary>Bits 11..5.</summary>
        public int FirmwareMinor { get; private set; }

        /// <summary>Bits 4..0.</summary>
        public int FirmwareBuild { get; private set; }

        /// <summary>"major.minor.build" as the guide writes it: 0x3155 → "3.10.21", 0x3018 → "3.00.24"; null if absent.</summary>
        public string? FirmwareVersion { get; private set; }

        /// <summary>"byte14.byte15" in decimal as the Dabbler firmware shows it: 0x3155 → "49.85"; null if absent.</summary>
        public string? LegacyVersion { get; private set; }

        /// <summary>BCD serial (8 bytes at 16) as 16 digits, or null if absent.</summary>
        public string? SerialNumber { get; private set; }

        /// <summary>
        /// A packed BT01 firmware value (major bits 15..12, minor 11..5, build 4..0) the way the guide
        /// writes versions: minor always two digits (0x3018 → "3.00.24", 0x4136 → "4.09.22").
        /// </summary>
        public static string FormatFirmware(int raw)
        {
            int minor = (raw >> 5) & 0x7F;
            return ((raw >> 12) & 0x0F).ToString() + "." + (minor < 10 ? "0" : "") + minor.ToString() + "." +
                   (raw & 0x1F).ToString();
        }

        protected override string? Decode(byte[] data, int offset, int count, int tableOffset)
        {
            Manufacturer = TableText.Trimmed(data, offset, 4, false);
            ManufacturerRaw = TableText.Raw(data, offset, 4);
            Model = TableText.Trimmed(data, offset + 4, 8, false);
            ModelRaw = TableText.Raw(data, offset + 4, 8);
            HardwareVersion = TableWindow.UInt8(data, offset, count, 0, 12);
            HardwareRevision = TableWindow.UInt8(data, offset, count, 0, 13);
            HasFirmware = count >= 16;
            if (HasFirmware)
            {
                int hi = data[offset + 14];
                int lo = data[offset + 15];
                FirmwareRaw = (hi << 8) | lo;
                FirmwareMajor = (FirmwareRaw >> 12) & 0x0F;
                FirmwareMinor = (FirmwareRaw >> 5) & 0x7F;
                FirmwareBuild = FirmwareRaw & 0x1F;
                FirmwareVersion = FormatFirmware(FirmwareRaw);
                LegacyVersion = hi.ToString() + "." + lo.ToString();
            }
            else
            {
                FirmwareRaw = TableWindow.Absent;
                FirmwareMajor = TableWindow.Absent;
                FirmwareMinor = TableWindow.Absent;
                FirmwareBuild = TableWindow.Absent;
                FirmwareVersion = null;
                LegacyVersion = null;
            }

            SerialNumber = count >= 24 ? TableText.Bcd(data, offset + 16, 8) : null;
            return null;
        }

        public override void WriteJsonFields(JsonWriter w)
        {
            w.Property("manufacturer", Manufacturer);
            w.Property("model", Model);
            w.Property("manufacturer_raw", ManufacturerRaw);
            w.Property("model_raw", ModelRaw);
            WriteKnown(w, "hardware_version", HardwareVersion);
            WriteKnown(w, "hardware_revision", HardwareRevision);

            if (HasFirmware)
            {
                w.Property("firmware_version", FirmwareVersion);
                w.Property("firmware_legacy", LegacyVersion);
                w.Property("firmware_raw", FirmwareRaw);
            }

            if (SerialNumber != null)
            {
                w.Property("serial_number", SerialNumber);
            }
        }
    }
}
