using NesMep.Core.Protocol;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// Helpers for decoding a window of a table: <c>data[offset .. offset+count)</c> holds table bytes
    /// <c>[tableOffset .. tableOffset+count)</c>. Optional fields read as <see cref="Absent"/> (-1) when
    /// the window does not cover them, so missing data is never reported as zero.
    /// </summary>
    public static class TableWindow
    {
        public const int Absent = -1;

        /// <summary>Largest offset a partial read can address (3-byte offset, reference §3.2).</summary>
        public const int MaxTableOffset = 0xFFFFFF;

        public const string ErrorBadArguments = "bad buffer arguments";
        public const string ErrorNotAtStart = "window must start at table offset 0";

        /// <summary>True if the buffer arguments are usable (never throws).</summary>
        public static bool IsValid(byte[] data, int offset, int count, int tableOffset)
        {
            return data != null && offset >= 0 && count >= 0 && offset <= data.Length - count
                && tableOffset >= 0 && tableOffset <= MaxTableOffset;
        }

        /// <summary>True if table bytes [fieldOffset, fieldOffset+size) lie fully inside the window.</summary>
        public static bool Covers(int tableOffset, int count, int fieldOffset, int size)
        {
            return fieldOffset >= tableOffset && size >= 0 && fieldOffset - tableOffset <= count - size;
        }

        /// <summary>UINT8 at table offset <paramref name="field"/>, or <see cref="Absent"/>.</summary>
        public static int UInt8(byte[] data, int offset, int count, int tableOffset, int field)
        {
            if (!Covers(tableOffset, count, field, 1))
            {
                return Absent;
            }

            return data[offset + field - tableOffset];
        }

        /// <summary>UINT16 little-endian at table offset <paramref name="field"/>, or <see cref="Absent"/>.</summary>
        public static int UInt16LE(byte[] data, int offset, int count, int tableOffset, int field)
        {
            if (!Covers(tableOffset, count, field, 2))
            {
                return Absent;
            }

            return ByteOrder.ReadUInt16LE(data, offset + field - tableOffset);
        }
    }
}
