namespace NesMep.Core.Tables
{
    /// <summary>
    /// Table ids as sent on the wire. Basic tables BTnn = nn, extended tables ETnn = 2048 + nn
    /// (protocol reference §5.0).
    /// </summary>
    public static class TableIds
    {
        public const int ExtendedBase = 2048;

        public const int BT00 = 0;
        public const int BT01 = 1;
        public const int BT07 = 7;
        public const int BT08 = 8;
        public const int BT20 = 0x14;
        public const int BT21 = 0x15;
        public const int BT22 = 0x16;
        public const int BT23 = 0x17;
        public const int BT27 = 0x1B;
        public const int BT28 = 0x1C;
        public const int BT52 = 0x34;
        public const int BT55 = 0x37;
        public const int ET03 = 0x803;
        public const int ET04 = 0x804;
        public const int ET11 = 0x80B;
        public const int ET13 = 0x80D;
        public const int ET50 = 0x832;
        public const int ET59 = 0x83B;

        /// <summary>"BT23", "ET03" for basic/extended ids, "0x1004" for any other 16-bit id, "invalid" otherwise.</summary>
        public static string Name(int id)
        {
            if (id >= 0 && id < ExtendedBase)
            {
                return "BT" + TwoDigits(id);
            }

            if (id >= ExtendedBase && id < 2 * ExtendedBase)
            {
                return "ET" + TwoDigits(id - ExtendedBase);
            }

            if (id >= 0 && id <= 0xFFFF)
            {
                char[] c = new char[6];
                c[0] = '0';
                c[1] = 'x';
                c[2] = NesMep.Core.Protocol.Hex.UpperDigit((id >> 12) & 0xF);
                c[3] = NesMep.Core.Protocol.Hex.UpperDigit((id >> 8) & 0xF);
                c[4] = NesMep.Core.Protocol.Hex.UpperDigit((id >> 4) & 0xF);
                c[5] = NesMep.Core.Protocol.Hex.UpperDigit(id & 0xF);
                return new string(c);
            }

            return "invalid";
        }

        /// <summary>
        /// Parses "BT23", "bt23", "ET3", "ET03", "ST23"/"MT3" (older names, §5.0), "0x0017" or decimal "23".
        /// Surrounding spaces are ignored. Returns -1 if the text is not a valid table id.
        /// </summary>
        public static int Parse(string? text)
        {
            if (text == null)
            {
                return -1;
            }

            char[] chars = text.ToCharArray();
            int start = 0;
            int end = chars.Length;
            while (start < end && chars[start] == ' ')
            {
                start++;
            }

            while (end > start && chars[end - 1] == ' ')
            {
                end--;
            }

            if (end - start < 1)
            {
                return -1;
            }

            char c0 = ToUpper(chars[start]);
            char c1 = end - start >= 2 ? ToUpper(chars[start + 1]) : ' ';
            if ((c0 == 'B' || c0 == 'S') && c1 == 'T')
            {
                int n = ParseDecimal(chars, start + 2, end, 4);
                return n >= 0 && n < ExtendedBase ? n : -1;
            }

            if ((c0 == 'E' || c0 == 'M') && c1 == 'T')
            {
                int n = ParseDecimal(chars, start + 2, end, 4);
                return n >= 0 && n < ExtendedBase ? ExtendedBase + n : -1;
            }

            if (c0 == '0' && c1 == 'X')
            {
                return ParseHex(chars, start + 2, end);
            }

            int d = ParseDecimal(chars, start, end, 5);
            return d <= 0xFFFF ? d : -1;
        }

        private static string TwoDigits(int n)
        {
            return n < 10 ? "0" + n.ToString() : n.ToString();
        }

        private static char ToUpper(char c)
        {
            return c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
        }

        private static int ParseDecimal(char[] s, int start, int end, int maxDigits)
        {
            if (end <= start || end - start > maxDigits)
            {
                return -1;
            }

            int v = 0;
            for (int i = start; i < end; i++)
            {
                char c = s[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }

                v = (v * 10) + (c - '0');
            }

            return v;
        }

        private static int ParseHex(char[] s, int start, int end)
        {
            if (end <= start || end - start > 4)
            {
                return -1;
            }

            int v = 0;
            for (int i = start; i < end; i++)
            {
                int d = NesMep.Core.Protocol.Hex.DigitValue(s[i]);
                if (d < 0)
                {
                    return -1;
                }

                v = (v << 4) | d;
            }

            return v;
        }
    }
}
