using System;
using System.Text;

namespace NesMep.Core.Protocol
{
    /// <summary>
    /// Hex text to bytes and back, without culture or LINQ (nanoFramework subset). Text is walked as one
    /// char[]: on nanoFramework s[i] re-walks the UTF-8 string each time, so an indexed loop is quadratic
    /// (docs/nanoframework-subset.md, "Runtime costs").
    /// </summary>
    public static class Hex
    {
        /// <summary>Upper-case hex digit of a value 0–15.</summary>
        public static char UpperDigit(int value)
        {
            return (char)(value < 10 ? '0' + value : 'A' + value - 10);
        }

        /// <summary>Lower-case hex digit of a value 0–15 (JSON and log escapes).</summary>
        public static char LowerDigit(int value)
        {
            return (char)(value < 10 ? '0' + value : 'a' + value - 10);
        }

        /// <summary>Value of one hex digit, or -1.</summary>
        public static int DigitValue(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }

        public static bool IsWhiteSpace(char c)
        {
            return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '-' || c == ':' || c == ',';
        }

        /// <summary>
        /// Parses hex text; spaces, tabs, newlines, '-', ':' and ',' between bytes are ignored, as is a
        /// leading "0x". Returns null and sets <paramref name="error"/> on bad input.
        /// </summary>
        public static byte[]? TryParse(string? text, out string? error)
        {
            error = null;
            if (text == null)
            {
                error = "no hex given";
                return null;
            }

            char[] chars = text.ToCharArray();
            int digits = 0;
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (IsWhiteSpace(c))
                {
                    continue;
                }

                if (c == '0' && i + 1 < chars.Length && (chars[i + 1] == 'x' || chars[i + 1] == 'X'))
                {
                    i++;
                    continue;
                }

                if (DigitValue(c) < 0)
                {
                    error = "not a hex digit: '" + c + "' at position " + i;
                    return null;
                }

                digits++;
            }

            if ((digits & 1) != 0)
            {
                error = "odd number of hex digits (" + digits + ")";
                return null;
            }

            byte[] result = new byte[digits / 2];
            int n = 0;
            int high = -1;
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (IsWhiteSpace(c))
                {
                    continue;
                }

                if (c == '0' && i + 1 < chars.Length && (chars[i + 1] == 'x' || chars[i + 1] == 'X'))
                {
                    i++;
                    continue;
                }

                int v = DigitValue(c);
                if (high < 0)
                {
                    high = v;
                }
                else
                {
                    result[n++] = (byte)((high << 4) | v);
                    high = -1;
                }
            }

            return result;
        }

        /// <summary>Parses hex text or throws <see cref="ArgumentException"/> with the reason.</summary>
        public static byte[] Parse(string text)
        {
            string? error;
            byte[]? b = TryParse(text, out error);
            if (b == null)
            {
                throw new ArgumentException(error);
            }

            return b;
        }

        /// <summary>Upper-case hex, no separators.</summary>
        public static string Format(byte[] data, int offset, int count)
        {
            return Format(data, offset, count, false);
        }

        public static string Format(byte[] data)
        {
            return Format(data, 0, data.Length, false);
        }

        /// <summary>Upper-case hex; with <paramref name="spaced"/> one space between bytes.</summary>
        public static string Format(byte[] data, int offset, int count, bool spaced)
        {
            StringBuilder sb = new StringBuilder(count * (spaced ? 3 : 2));
            for (int i = 0; i < count; i++)
            {
                if (spaced && i > 0)
                {
                    sb.Append(' ');
                }

                byte b = data[offset + i];
                sb.Append(UpperDigit(b >> 4));
                sb.Append(UpperDigit(b & 0x0F));
            }

            return sb.ToString();
        }
    }
}
