using NesMep.Core.Json;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// ET03 Utility Information (reference §5.9), 143 bytes: utility serial CHAR[30] at 0, Image CRC
    /// UINT16 LE at 137 (the Dabbler firmware reads it big-endian; the table data rule is LSB first).
    /// </summary>
    public sealed class Et03UtilityInfo : IJsonWritable, ITableFields
    {
        public const int SerialLength = 30;
        public const int ImageCrcOffset = 137;
        public const string ErrorShort = "ET03 needs 30 bytes";

        public bool IsKnown { get; private set; }

        /// <summary>Serial cut at the first NUL, trailing spaces removed (the HA device id, keep stable).</summary>
        public string UtilitySerialNumber { get; private set; }

        /// <summary>Image CRC, or <see cref="TableWindow.Absent"/> when the data ends before byte 139.</summary>
        public int ImageCrc { get; private set; }

        public bool TryDecode(byte[] data, int offset, int count, out string error)
        {
            return TryDecode(data, offset, count, 0, out error);
        }

        public bool TryDecode(byte[] data, int offset, int count, int tableOffset, out string error)
        {
            IsKnown = false;
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

            if (count < SerialLength)
            {
                error = ErrorShort;
                return false;
            }

            UtilitySerialNumber = TableText.Trimmed(data, offset, SerialLength, true);
            ImageCrc = TableWindow.UInt16LE(data, offset, count, 0, ImageCrcOffset);
            IsKnown = true;
            error = null;
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
            w.Property("utility_serial_number", UtilitySerialNumber);
            if (ImageCrc != TableWindow.Absent)
            {
                w.Property("image_crc", ImageCrc);
            }
        }
    }
}
