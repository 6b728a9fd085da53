using System;

namespace NesMep.Core.Protocol
{
    /// <summary>
    /// A MEP access key (MBK or MAK): always the 16 bytes the digest uses (protocol reference §4.1).
    /// The key bytes never leave this assembly except into a digest: ToString() is masked and no
    /// error message quotes the input.
    /// </summary>
    public sealed class MepKey
    {
        public const int Length = 16;

        /// <summary>The message listing the accepted forms, used by every parse error.</summary>
        public const string AcceptedForms =
            "the MEP key must be 20 characters exactly as printed by the utility, " +
            "40 hex digits (the same 20 bytes in hex) or 32 hex digits (the 16 key bytes)";

        private readonly byte[] _bytes;

        private MepKey(byte[] bytes16, MepKeyForm form)
        {
            _bytes = bytes16;
            Form = form;
        }

        public MepKeyForm Form { get; }

        /// <summary>Human text for the detected form (shown in the configuration UI).</summary>
        public string FormDescription
        {
            get
            {
                switch (Form)
                {
                    case MepKeyForm.Ascii20:
                        return "20 ASCII characters";
                    case MepKeyForm.Hex40:
                        return "40 hex digits";
                    case MepKeyForm.Hex32:
                        return "32 hex digits";
                    default:
                        return "16 raw bytes";
                }
            }
        }

        /// <summary>The guide's default MAK, 16 × 0x01, used by its examples and by the simulator.</summary>
        public static MepKey DefaultMak()
        {
            byte[] b = new byte[Length];
            for (int i = 0; i < Length; i++)
            {
                b[i] = 0x01;
            }

            return new MepKey(b, MepKeyForm.Bytes);
        }

        /// <summary>Builds a key from at least 16 bytes; only the first 16 are used.</summary>
        public static MepKey FromBytes(byte[] bytes)
        {
            if (bytes == null || bytes.Length < Length)
            {
                throw new ArgumentException("a MEP key needs at least 16 bytes");
            }

            byte[] b = new byte[Length];
            Array.Copy(bytes, b, Length);
            return new MepKey(b, MepKeyForm.Bytes);
        }

        /// <summary>
        /// Parses any accepted form. Leading and trailing white space is ignored; inside hex forms
        /// white space between digits is ignored too. On failure returns null and an error that
        /// names the accepted forms but never repeats the input.
        /// </summary>
        public static MepKey? TryParse(string? text, out string? error)
        {
            error = null;
            if (text == null)
            {
                error = "no MEP key given: " + AcceptedForms;
                return null;
            }

            string trimmed = text.Trim();
            if (trimmed.Length == 0)
            {
                error = "no MEP key given: " + AcceptedForms;
                return null;
            }

            char[] chars = trimmed.ToCharArray();
            if (chars.Length == 20)
            {
                byte[] ascii = new byte[Length];
                for (int i = 0; i < 20; i++)
                {
                    char c = chars[i];
                    if (c < (char)0x20 || c > (char)0x7E)
                    {
                        error = "the 20-character MEP key contains a character that is not printable ASCII (position " +
                                (i + 1) + "); " + AcceptedForms;
                        return null;
                    }

                    if (i < Length)
                    {
                        ascii[i] = (byte)c;
                    }
                }

                return new MepKey(ascii, MepKeyForm.Ascii20);
            }

            // Hex forms: drop white space, then decide by digit count.
            char[] digits = new char[chars.Length];
            int n = 0;
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
                {
                    continue;
                }

                if (Hex.DigitValue(c) < 0)
                {
                    error = "the MEP key has " + trimmed.Length + " characters and is not hex (position " + (i + 1) +
                            "); " + AcceptedForms;
                    return null;
                }

                digits[n++] = c;
            }

            if (n != 40 && n != 32)
            {
                error = "the MEP key has " + n + " hex digits; " + AcceptedForms;
                return null;
            }

            byte[] key = new byte[Length];
            for (int i = 0; i < Length; i++)
            {
                key[i] = (byte)((Hex.DigitValue(digits[2 * i]) << 4) | Hex.DigitValue(digits[2 * i + 1]));
            }

            return new MepKey(key, n == 40 ? MepKeyForm.Hex40 : MepKeyForm.Hex32);
        }

        /// <summary>Parses or throws <see cref="FormatException"/>; the message never contains the key.</summary>
        public static MepKey Parse(string text)
        {
            string? error;
            MepKey? key = TryParse(text, out error);
            if (key == null)
            {
                throw new FormatException(error);
            }

            return key;
        }

        /// <summary>The key byte at <paramref name="index"/> (0..15); only the digest reads it.</summary>
        internal byte ByteAt(int index)
        {
            return _bytes[index];
        }

        /// <summary>True when both keys have the same 16 bytes (constant time).</summary>
        public bool SameBytes(MepKey other)
        {
            if (other == null)
            {
                return false;
            }

            int diff = 0;
            for (int i = 0; i < Length; i++)
            {
                diff |= _bytes[i] ^ other._bytes[i];
            }

            return diff == 0;
        }

        public override string ToString()
        {
            return "MepKey(" + FormDescription + ", ****)";
        }
    }
}
