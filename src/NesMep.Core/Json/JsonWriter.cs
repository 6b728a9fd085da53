using System.Text;
using NesMep.Core.Protocol;

namespace NesMep.Core.Json
{
    /// <summary>
    /// Minimal JSON writer over a <see cref="TextOut"/> (a StringBuilder, or an HTTP body flushed in chunks). Numbers are written with integer arithmetic only,
    /// so the firmware and the Linux host produce byte-identical documents (no culture, no doubles).
    /// Commas are inserted automatically.
    /// </summary>
    public sealed class JsonWriter
    {
        private const int MaxDepth = 32;
        private readonly TextOut _sb;
        private readonly bool[] _hasItems = new bool[MaxDepth];
        private int _depth;
        private bool _afterName;

        public JsonWriter()
            : this(new StringBuilder(256))
        {
        }

        public JsonWriter(StringBuilder sb)
            : this(new StringTextOut(sb))
        {
        }

        public JsonWriter(TextOut output)
        {
            _sb = output;
        }

        /// <summary>Ready for a new document on the same output (a request slot reuses its writer).</summary>
        public void Reset()
        {
            _depth = 0;
            _afterName = false;
        }

        public JsonWriter BeginObject()
        {
            BeforeValue();
            _sb.Append('{');
            Push();
            return this;
        }

        public JsonWriter EndObject()
        {
            _depth--;
            _sb.Append('}');
            return this;
        }

        public JsonWriter BeginArray()
        {
            BeforeValue();
            _sb.Append('[');
            Push();
            return this;
        }

        public JsonWriter EndArray()
        {
            _depth--;
            _sb.Append(']');
            return this;
        }

        public JsonWriter Name(string name)
        {
            if (_depth > 0 && _hasItems[_depth - 1])
            {
                _sb.Append(',');
            }

            if (_depth > 0)
            {
                _hasItems[_depth - 1] = true;
            }

            AppendName(_sb, name);
            _sb.Append(':');
            _afterName = true;
            return this;
        }

        public JsonWriter String(string? value)
        {
            BeforeValue();
            if (value == null)
            {
                _sb.Append("null");
            }
            else
            {
                AppendString(_sb, value);
            }

            return this;
        }

        public JsonWriter Number(long value)
        {
            BeforeValue();
            _sb.Append(value);
            return this;
        }

        public JsonWriter Number(int value)
        {
            BeforeValue();
            _sb.Append((long)value);
            return this;
        }

        public JsonWriter Number(uint value)
        {
            BeforeValue();
            _sb.Append((long)value);
            return this;
        }

        /// <summary>Writes value / 10^decimals as a decimal number, e.g. (12345, 3) → 12.345.</summary>
        public JsonWriter Fixed(long value, int decimals)
        {
            BeforeValue();
            AppendFixed(_sb, value, decimals);
            return this;
        }

        public JsonWriter Bool(bool value)
        {
            BeforeValue();
            _sb.Append(value ? "true" : "false");
            return this;
        }

        public JsonWriter Null()
        {
            BeforeValue();
            _sb.Append("null");
            return this;
        }

        /// <summary>
        /// Writes bytes as one upper-case hex string value (Hex.Format's text) digit by digit, so a 478-byte
        /// frame costs no 1.9 KB string on the way to the body.
        /// </summary>
        public JsonWriter HexString(byte[] data, int offset, int count)
        {
            BeforeValue();
            _sb.Append('"');
            for (int i = 0; i < count; i++)
            {
                byte b = data[offset + i];
                _sb.Append(Hex.UpperDigit(b >> 4));
                _sb.Append(Hex.UpperDigit(b & 0x0F));
            }

            _sb.Append('"');
            return this;
        }

        /// <summary>
        /// A string value that is the program's own text (a source name, a unit, a device class, a JSON key used
        /// as a value): appended as it is when it holds nothing to escape, like a <see cref="Name"/>, so no char[]
        /// copy of it is made. User and meter text goes through <see cref="String"/>, which also escapes lone
        /// surrogates (program text has none).
        /// </summary>
        public JsonWriter Literal(string value)
        {
            BeforeValue();
            AppendName(_sb, value);
            return this;
        }

        /// <summary>
        /// Starts a string value written in parts (<see cref="StringPart"/>, <see cref="LiteralPart"/>, then
        /// <see cref="StringEnd"/>), so an id or name that is a serial plus a suffix is never joined into a string first.
        /// </summary>
        public JsonWriter StringStart()
        {
            BeforeValue();
            _sb.Append('"');
            return this;
        }

        /// <summary>User or meter text inside a string value, escaped as <see cref="String"/> escapes it.</summary>
        public JsonWriter StringPart(string text)
        {
            AppendEscaped(_sb, text);
            return this;
        }

        /// <summary>The program's own text inside a string value, appended as it is (see <see cref="Literal"/>).</summary>
        public JsonWriter LiteralPart(string text)
        {
            AppendRaw(_sb, text);
            return this;
        }

        public JsonWriter StringEnd()
        {
            _sb.Append('"');
            return this;
        }

        /// <summary>Writes pre-formatted JSON verbatim as the next value.</summary>
        public JsonWriter Raw(string json)
        {
            BeforeValue();
            _sb.Append(json);
            return this;
        }

        public JsonWriter Property(string name, string? value)
        {
            return Name(name).String(value);
        }

        public JsonWriter Property(string name, int value)
        {
            return Name(name).Number(value);
        }

        public JsonWriter Property(string name, long value)
        {
            return Name(name).Number(value);
        }

        public JsonWriter Property(string name, uint value)
        {
            return Name(name).Number(value);
        }

        public JsonWriter Property(string name, bool value)
        {
            return Name(name).Bool(value);
        }

        /// <summary>The document so far when the output is a <see cref="StringTextOut"/>.</summary>
        public override string ToString()
        {
            string? text = _sb.ToString();
            return text == null ? "" : text;
        }

        /// <summary>Appends value / 10^decimals without floating point.</summary>
        public static void AppendFixed(StringBuilder sb, long value, int decimals)
        {
            AppendFixed(new StringTextOut(sb), value, decimals);
        }

        /// <summary>Appends value / 10^decimals without floating point.</summary>
        public static void AppendFixed(TextOut sb, long value, int decimals)
        {
            if (decimals <= 0)
            {
                sb.Append(value);
                return;
            }

            long scale = 1;
            for (int i = 0; i < decimals; i++)
            {
                scale *= 10;
            }

            // The magnitude as ulong: -long.MinValue does not fit a long.
            ulong magnitude = (ulong)value;
            if (value < 0)
            {
                sb.Append('-');
                magnitude = (ulong)(-(value + 1)) + 1;
            }

            sb.AppendUnsigned(magnitude / (ulong)scale);
            sb.Append('.');
            ulong frac = magnitude % (ulong)scale;
            int digits = 1;
            for (ulong rest = frac; rest >= 10; rest /= 10)
            {
                digits++;
            }

            for (int i = digits; i < decimals; i++)
            {
                sb.Append('0');
            }

            sb.AppendUnsigned(frac);
        }

        /// <summary>
        /// A property name: the program's own identifier, appended as it is when it holds nothing to escape (no
        /// copy of it is made: a body writes dozens of names), else through <see cref="AppendString(TextOut, string)"/>.
        /// </summary>
        private static void AppendName(TextOut sb, string name)
        {
            sb.Append('"');
            AppendRaw(sb, name);
            sb.Append('"');
        }

        /// <summary>The program's own text (no surrogates): as it is unless it holds something to escape.</summary>
        private static void AppendRaw(TextOut sb, string text)
        {
            if (text.IndexOfAny(NameSpecials) >= 0)
            {
                AppendEscaped(sb, text);
            }
            else
            {
                sb.Append(text);
            }
        }

        private static char[]? _nameSpecials;

        /// <summary>What a name must not hold to be appended as it is: control characters, DEL, quote, backslash.
        /// Built on first use (no allocation at type initialisation on the device).</summary>
        private static char[] NameSpecials
        {
            get
            {
                if (_nameSpecials == null)
                {
                    char[] specials = new char[35];
                    for (int i = 0; i < 32; i++)
                    {
                        specials[i] = (char)i;
                    }

                    specials[32] = '"';
                    specials[33] = '\\';
                    specials[34] = (char)0x7F;
                    _nameSpecials = specials;
                }

                return _nameSpecials;
            }
        }

        /// <summary>
        /// Appends a JSON string literal with the escapes RFC 8259 requires. The text is walked as one char[]:
        /// on nanoFramework s[i] is O(length) and returns the high surrogate twice for a surrogate pair, which
        /// turned an emoji into "\ud83d\ud83d"; ToCharArray() is correct on both runtimes.
        /// </summary>
        public static void AppendString(StringBuilder sb, string value)
        {
            AppendString(new StringTextOut(sb), value);
        }

        /// <summary>Appends a JSON string literal (see the StringBuilder overload).</summary>
        public static void AppendString(TextOut sb, string value)
        {
            sb.Append('"');
            AppendEscaped(sb, value);
            sb.Append('"');
        }

        /// <summary>The inside of a JSON string literal: <paramref name="value"/> with the escapes RFC 8259 requires.</summary>
        private static void AppendEscaped(TextOut sb, string value)
        {
            if (value.Length == 0)
            {
                return;
            }

            char[] chars = value.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                switch (c)
                {
                    case '"':
                        sb.Append("\\\"");
                        break;
                    case '\\':
                        sb.Append("\\\\");
                        break;
                    case '\n':
                        sb.Append("\\n");
                        break;
                    case '\r':
                        sb.Append("\\r");
                        break;
                    case '\t':
                        sb.Append("\\t");
                        break;
                    case '\b':
                        sb.Append("\\b");
                        break;
                    case '\f':
                        sb.Append("\\f");
                        break;
                    default:
                        if (c < (char)0x20 || c == (char)0x7F || (c >= (char)0xD800 && c <= (char)0xDFFF && !IsValidSurrogate(chars, i)))
                        {
                            AppendUnicodeEscape(sb, c);
                        }
                        else
                        {
                            sb.Append(c);
                        }

                        break;
                }
            }
        }

        private static bool IsValidSurrogate(char[] s, int i)
        {
            char c = s[i];
            if (c <= (char)0xDBFF)
            {
                return i + 1 < s.Length && s[i + 1] >= (char)0xDC00 && s[i + 1] <= (char)0xDFFF;
            }

            return i > 0 && s[i - 1] >= (char)0xD800 && s[i - 1] <= (char)0xDBFF;
        }

        private static void AppendUnicodeEscape(TextOut sb, char c)
        {
            sb.Append("\\u");
            sb.Append(Hex.LowerDigit((c >> 12) & 0xF));
            sb.Append(Hex.LowerDigit((c >> 8) & 0xF));
            sb.Append(Hex.LowerDigit((c >> 4) & 0xF));
            sb.Append(Hex.LowerDigit(c & 0xF));
        }

        private void Push()
        {
            _hasItems[_depth] = false;
            _depth++;
        }

        private void BeforeValue()
        {
            if (_afterName)
            {
                _afterName = false;
                return;
            }

            if (_depth > 0)
            {
                if (_hasItems[_depth - 1])
                {
                    _sb.Append(',');
                }

                _hasItems[_depth - 1] = true;
            }
        }
    }
}
