namespace NesMep.Core.Json
{
    /// <summary>
    /// Where <see cref="JsonWriter"/> and the text views write: a StringBuilder (<see cref="StringTextOut"/>,
    /// for payloads that are strings anyway and for tests) or a bounded buffer flushed to an HTTP response
    /// (NesMep.Core.Web.BodyWriter), so a large body never exists as one string.
    /// </summary>
    public abstract class TextOut
    {
        public abstract TextOut Append(char c);

        public abstract TextOut Append(string s);

        private char[]? _digits;

        /// <summary>Appends the decimal digits of a number without building a string for it.</summary>
        public TextOut Append(long value)
        {
            if (value < 0)
            {
                Append('-');
                return AppendUnsigned((ulong)(-(value + 1)) + 1); // -long.MinValue does not fit a long
            }

            return AppendUnsigned((ulong)value);
        }

        public TextOut AppendUnsigned(ulong value)
        {
            if (_digits == null)
            {
                _digits = new char[20];
            }

            int n = 0;
            do
            {
                _digits[n++] = (char)('0' + (int)(value % 10));
                value /= 10;
            }
            while (value != 0);

            while (n > 0)
            {
                Append(_digits[--n]);
            }

            return this;
        }
    }
}
