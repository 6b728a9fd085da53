using System.Diagnostics.CodeAnalysis;

namespace NesMep.Core.Web
{
    /// <summary>
    /// The check every free-text setting passes (MQTT user and password, Wi-Fi name, file paths,
    /// web password, …): no control characters, so a value can never forge a log line or break a
    /// file or header, and a length bound. The message never quotes the value (it may be a secret).
    /// </summary>
    public static class TextSetting
    {
        /// <summary>Null when usable, else the problem.</summary>
        public static string? Check(string value, int maxLength)
        {
            if (value == null)
            {
                return null;
            }

            if (value.Length > maxLength)
            {
                return "at most " + maxLength + " characters";
            }

            return HasControl(value) ? "no control characters (line breaks, tabs, …)" : null;
        }

        /// <summary>C0 and C1 controls, DEL, and the Unicode line and paragraph separators.</summary>
        public static bool IsControl(char c)
        {
            return c < ' ' || (c >= (char)0x7F && c <= (char)0x9F) || c == (char)0x2028 || c == (char)0x2029;
        }

        /// <summary>
        /// The text with every control character written as an escape (\n, \r, \t, \u0085 …), so
        /// one log message is always one line whatever it quotes. Returns the same string when
        /// there is nothing to escape (no allocation on the usual path).
        /// </summary>
        [return: NotNullIfNotNull("text")]
        public static string? Escape(string? text)
        {
            if (text == null || !HasControl(text))
            {
                return text;
            }

            System.Text.StringBuilder sb = new System.Text.StringBuilder(text.Length + 16);
            foreach (char c in text.ToCharArray())
            {
                if (!IsControl(c))
                {
                    sb.Append(c);
                }
                else if (c == '\n')
                {
                    sb.Append("\\n");
                }
                else if (c == '\r')
                {
                    sb.Append("\\r");
                }
                else if (c == '\t')
                {
                    sb.Append("\\t");
                }
                else
                {
                    sb.Append("\\u");
                    AppendHex4(sb, c);
                }
            }

            return sb.ToString();
        }

        private static void AppendHex4(System.Text.StringBuilder sb, char c)
        {
            int v = c;
            for (int shift = 12; shift >= 0; shift -= 4)
            {
                sb.Append(NesMep.Core.Protocol.Hex.LowerDigit((v >> shift) & 0xF));
            }
        }

        public static bool HasControl(string value)
        {
            foreach (char c in value.ToCharArray())
            {
                if (IsControl(c))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
