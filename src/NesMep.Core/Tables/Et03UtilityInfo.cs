using NesMep.Core.Json;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// ET03 Utility Information (reference §5.9), 143 bytes: utility serial CHAR[30] at 0, Image CRC
    /// UINT16 LE at 137 (the Dabbler firmware reads it big-endian; the table data rule is LSB first).
    /// </summary>
    public sealed class Et03UtilityInfo : TableDecoder
    {
        public const int SerialLength = 30;
        public const int ImageCrcOffset = 137;
        public const string ErrorShort = "ET03 needs 30 bytes";

        public Et03UtilityInfo()
            : base(SerialLength, ErrorShort)
        {
        }

        /// <summary>Serial cut at the first NUL, trailing spaces removed (the HA device id, keep stable).</summary>
        public string? UtilitySerialNumber { get; private set; }

        /// <summary>Image CRC, or <see cref="TableWindow.Absent"/> when the data ends before byte 139.</summary>
        public int ImageCrc { get; private set; }

        protected override string? Decode(byte[] data, int offset, int count, int tableOffset)
        {
            UtilitySerialNumber = TableText.Trimmed(data, offset, SerialLength, true);
            ImageCrc = TableWindow.UInt16LE(data, offset, count, 0, ImageCrcOffset);
            return null;
        }

        public override void WriteJsonFields(JsonWriter w)
        {
            w.Property("utility_serial_number", UtilitySerialNumber);
            WriteKnown(w, "image_crc", ImageCrc);
        }
    }
}
