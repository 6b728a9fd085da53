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

        /// <summary><see cref="ErrorBadArguments"/> when <see cref="IsValid"/> fails, else null.</summary>
        internal static string? CheckValid(byte[] data, int offset, int count, int tableOffset)
        {
            return IsValid(data, offset, count, tableOffset) ? null : ErrorBadArguments;
        }

        /// <summary>
        /// The checks of a table decoded only as a whole image: valid arguments, window at table offset 0,
        /// at least <paramref name="minSize"/> bytes (else <paramref name="errorShort"/>). Null when all pass.
        /// </summary>
        internal static string? CheckWhole(byte[] data, int offset, int count, int tableOffset, int minSize,
            string errorShort)
        {
            if (!IsValid(data, offset, count, tableOffset))
            {
                return ErrorBadArguments;
            }

            if (tableOffset != 0)
            {
                return ErrorNotAtStart;
            }

            return count < minSize ? errorShort : null;
        }

        /// <summary>
        /// The checks of a table laid out by BT21: valid arguments, then usable <paramref name="dims"/>
        /// (else <paramref name="errorNoDimensions"/>). Null when both pass.
        /// </summary>
        internal static string? CheckLayout(byte[] data, int offset, int count, int tableOffset, Bt21Dimensions? dims,
            string errorNoDimensions)
        {
            if (!IsValid(data, offset, count, tableOffset))
            {
                return ErrorBadArguments;
            }

            return dims == null || !dims.HasLayout ? errorNoDimensions : null;
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

        /// <summary>
        /// INT32 little-endian at table offset <paramref name="field"/> into values[index], marking
        /// present[index], when the window covers it. Returns 1 if read, else 0 (callers count what they
        /// decoded). Does not allocate: BT23 and BT28 use it on the steady poll.
        /// </summary>
        internal static int ReadInt32LE(byte[] data, int offset, int count, int tableOffset, int field,
            int[] values, bool[] present, int index)
        {
            if (!Covers(tableOffset, count, field, 4))
            {
                return 0;
            }

            values[index] = ByteOrder.ReadInt32LE(data, offset + field - tableOffset);
            present[index] = true;
            return 1;
        }
    }
}
