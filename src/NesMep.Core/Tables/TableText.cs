namespace NesMep.Core.Tables
{
    /// <summary>CHAR[n] and BCD helpers for table fields (ASCII, reference §5.1 char format 1).</summary>
    public static class TableText
    {
        /// <summary>Bytes as characters, one char per byte, nothing removed.</summary>
        public static string Raw(byte[] data, int index, int length)
        {
            char[] c = new char[length];
            for (int i = 0; i < length; i++)
            {
                c[i] = (char)data[index + i];
            }

            return new string(c);
        }

        /// <summary>
        /// CHAR[n] field: cut at the first NUL when <paramref name="stopAtNul"/>, then trailing spaces
        /// and NULs removed.
        /// </summary>
        public static string Trimmed(byte[] data, int index, int length, bool stopAtNul)
        {
            int end = length;
            if (stopAtNul)
            {
                for (int i = 0; i < length; i++)
                {
                    if (data[index + i] == 0)
                    {
                        end = i;
                        break;
                    }
                }
            }

            while (end > 0 && (data[index + end - 1] == (byte)' ' || data[index + end - 1] == 0))
            {
                end--;
            }

            return Raw(data, index, end);
        }

        /// <summary>BCD bytes as a digit string, high nibble first; nibbles above 9 appear as A–F.</summary>
        public static string Bcd(byte[] data, int index, int length)
        {
            char[] c = new char[length * 2];
            for (int i = 0; i < length; i++)
            {
                byte b = data[index + i];
                c[2 * i] = NesMep.Core.Protocol.Hex.UpperDigit(b >> 4);
                c[(2 * i) + 1] = NesMep.Core.Protocol.Hex.UpperDigit(b & 0x0F);
            }

            return new string(c);
        }
    }
}
