using System.Text;

namespace NesMep.Core.Web
{
    /// <summary>
    /// An application/x-www-form-urlencoded body ("a=1&amp;b=x+y%21"): the one body format every
    /// POST of the web UI uses, because it parses in a few lines on the device too. Names must be
    /// unique, so a value can never be silently overridden by a second copy.
    /// </summary>
    public sealed class FormBody
    {
        public const int MaxFields = 64;
        public const int MaxLength = 16384;

        private readonly string[] _names = new string[MaxFields];
        private readonly string[] _values = new string[MaxFields];

        private FormBody()
        {
        }

        public int Count { get; private set; }

        public string Name(int i)
        {
            return _names[i];
        }

        public string Value(int i)
        {
            return _values[i];
        }

        /// <summary>The decoded value, or null when the field was not sent.</summary>
        public string? Get(string name)
        {
            for (int i = 0; i < Count; i++)
            {
                if (_names[i] == name)
                {
                    return _values[i];
                }
            }

            return null;
        }

        public bool Has(string name)
        {
            return Get(name) != null;
        }

        /// <summary>Parses; on failure returns null and a reason that never quotes a value.</summary>
        public static FormBody? Parse(string body, out string? error)
        {
            error = null;
            FormBody form = new FormBody();
            if (body == null || body.Length == 0)
            {
                return form;
            }

            if (body.Length > MaxLength)
            {
                error = "form body longer than " + MaxLength + " characters";
                return null;
            }

            string[] pairs = body.Split('&');
            for (int i = 0; i < pairs.Length; i++)
            {
                string pair = pairs[i];
                if (pair.Length == 0)
                {
                    continue;
                }

                int eq = pair.IndexOf('=');
                string? name = Decode(eq < 0 ? pair : pair.Substring(0, eq));
                string? value = eq < 0 ? "" : Decode(pair.Substring(eq + 1));
                if (name == null || value == null)
                {
                    error = "malformed percent-encoding in the form body";
                    return null;
                }

                if (name.Length == 0)
                {
                    error = "form field without a name";
                    return null;
                }

                if (form.Get(name) != null)
                {
                    error = "form field '" + name + "' sent twice";
                    return null;
                }

                if (form.Count == MaxFields)
                {
                    error = "more than " + MaxFields + " form fields";
                    return null;
                }

                form._names[form.Count] = name;
                form._values[form.Count] = value;
                form.Count++;
            }

            return form;
        }

        /// <summary>Percent- and '+'-decoding to UTF-8 text; null when a '%' is not followed by two hex digits.</summary>
        public static string? Decode(string s)
        {
            if (s.IndexOf('%') < 0 && s.IndexOf('+') < 0)
            {
                return s;
            }

            char[] chars = s.ToCharArray();
            byte[] buffer = new byte[s.Length * 3];
            int n = 0;
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (c == '+')
                {
                    buffer[n++] = (byte)' ';
                }
                else if (c == '%')
                {
                    if (i + 2 >= chars.Length)
                    {
                        return null;
                    }

                    int hi = NesMep.Core.Protocol.Hex.DigitValue(chars[i + 1]);
                    int lo = NesMep.Core.Protocol.Hex.DigitValue(chars[i + 2]);
                    if (hi < 0 || lo < 0)
                    {
                        return null;
                    }

                    buffer[n++] = (byte)((hi << 4) | lo);
                    i += 2;
                }
                else if (c < (char)0x80)
                {
                    buffer[n++] = (byte)c;
                }
                else
                {
                    // Browsers always encode non-ASCII; accept raw text too by re-encoding it, a surrogate
                    // pair as one character (a lone half would become U+FFFD on its own).
                    int count = c >= (char)0xD800 && c <= (char)0xDBFF && i + 1 < chars.Length ? 2 : 1;
                    n += Encoding.UTF8.GetBytes(s, i, count, buffer, n);
                    i += count - 1;
                }
            }

            return Encoding.UTF8.GetString(buffer, 0, n);
        }
    }
}
