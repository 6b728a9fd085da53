namespace NesMep.Core.Web
{
    /// <summary>Culture-free parsing of form values (nanoFramework 1.x lacks NumberStyles and the char classification helpers).</summary>
    public static class WebText
    {
        /// <summary>Optional '-', then 1..10 decimal digits, within int range. No spaces, no '+'.</summary>
        public static bool TryParseInt(string text, out int value)
        {
            value = 0;
            if (text == null || text.Length == 0 || text.Length > 11)
            {
                return false;
            }

            char[] chars = text.ToCharArray();
            bool negative = chars[0] == '-';
            int start = negative ? 1 : 0;
            if (start == chars.Length)
            {
                return false;
            }

            long v = 0;
            for (int i = start; i < chars.Length; i++)
            {
                char c = chars[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                v = (v * 10) + (c - '0');
            }

            if (negative)
            {
                v = -v;
            }

            if (v < int.MinValue || v > int.MaxValue)
            {
                return false;
            }

            value = (int)v;
            return true;
        }

        /// <summary>"1", "true", "on" → true; "0", "false", "off" → false (what checkboxes and scripts send).</summary>
        public static bool TryParseBool(string text, out bool value)
        {
            value = false;
            if (text == "1" || text == "true" || text == "on")
            {
                value = true;
                return true;
            }

            return text == "0" || text == "false" || text == "off";
        }

        /// <summary>Every character is printable ASCII (0x21..0x7E), or also space when allowed.</summary>
        public static bool IsPrintableAscii(string text, bool allowSpace)
        {
            foreach (char c in text.ToCharArray())
            {
                if (c == ' ' ? !allowSpace : c < (char)0x21 || c > (char)0x7E)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Null when usable as a host name label (RFC 1123: 1..63 letters, digits, '-', not at either end).</summary>
        public static string? CheckHostName(string name)
        {
            if (name == null || name.Length == 0)
            {
                return "give a host name, e.g. esp32-mep";
            }

            if (name.Length > 63)
            {
                return "at most 63 characters";
            }

            char[] chars = name.ToCharArray();
            foreach (char c in chars)
            {
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                if (!ok)
                {
                    return "use letters, digits and '-' only (no dots or spaces)";
                }
            }

            if (chars[0] == '-' || chars[chars.Length - 1] == '-')
            {
                return "must not start or end with '-'";
            }

            return null;
        }

        public static char ToLower(char c)
        {
            return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
        }

        public static string ToLowerAscii(string s)
        {
            char[] c = s.ToCharArray();
            for (int i = 0; i < c.Length; i++)
            {
                c[i] = ToLower(c[i]);
            }

            return new string(c);
        }

        /// <summary>The path without its query string.</summary>
        public static string StripQuery(string path)
        {
            if (path == null)
            {
                return "";
            }

            int q = path.IndexOf('?');
            return q < 0 ? path : path.Substring(0, q);
        }

        /// <summary>The query string without '?', or "".</summary>
        public static string Query(string path)
        {
            if (path == null)
            {
                return "";
            }

            int q = path.IndexOf('?');
            return q < 0 ? "" : path.Substring(q + 1);
        }
    }
}
