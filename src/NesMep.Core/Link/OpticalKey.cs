using System;
using NesMep.Core.Protocol;

namespace NesMep.Core.Link
{
    /// <summary>
    /// The optical-port password: the 20 bytes of the C12.18 Security service (protocol reference §13.2). NES meters
    /// accept their MK, PK or RK there; utilities issue it apart from the MEP key (issue 13 item 3). Accepted as 20
    /// characters exactly as printed, or 40 hex digits (the same 20 bytes). Like <see cref="MepKey"/>, the bytes
    /// leave only into the Security packet: ToString() is masked and no error quotes the input.
    /// </summary>
    public sealed class OpticalKey
    {
        public const int Length = 20;

        /// <summary>The message listing the accepted forms, used by every parse error.</summary>
        public const string AcceptedForms =
            "the optical key must be 20 characters exactly as printed by the utility or 40 hex digits (the same 20 bytes)";

        private readonly byte[] _bytes;

        private OpticalKey(byte[] bytes20, bool hex)
        {
            _bytes = bytes20;
            IsHex = hex;
        }

        /// <summary>True when it was written as 40 hex digits.</summary>
        public bool IsHex { get; private set; }

        /// <summary>Human text for the detected form (shown in the settings UI).</summary>
        public string FormDescription
        {
            get { return IsHex ? "40 hex digits" : "20 ASCII characters"; }
        }

        /// <summary>
        /// Parses either form; white space around it is ignored, and between hex digits too. On failure returns null
        /// and an error that names the accepted forms but never repeats the input.
        /// </summary>
        public static OpticalKey? TryParse(string? text, out string? error)
        {
            error = null;
            string trimmed = text == null ? "" : text.Trim();
            if (trimmed.Length == 0)
            {
                error = "no optical key given: " + AcceptedForms;
                return null;
            }

            char[] chars = trimmed.ToCharArray();
            byte[] key = new byte[Length];
            if (chars.Length == Length)
            {
                for (int i = 0; i < Length; i++)
                {
                    char c = chars[i];
                    if (c < (char)0x20 || c > (char)0x7E)
                    {
                        error = "the 20-character optical key contains a character that is not printable ASCII (position " + (i + 1) + "); " +
                                AcceptedForms;
                        return null;
                    }

                    key[i] = (byte)c;
                }

                return new OpticalKey(key, false);
            }

            int n = 0;
            int high = -1;
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (Hex.IsWhiteSpace(c))
                {
                    continue;
                }

                int d = Hex.DigitValue(c);
                if (d < 0)
                {
                    error = "the optical key has " + trimmed.Length + " characters and is not hex (position " + (i + 1) + "); " + AcceptedForms;
                    return null;
                }

                if (n < 2 * Length)
                {
                    if (high < 0)
                    {
                        high = d;
                    }
                    else
                    {
                        key[n / 2] = (byte)((high << 4) | d);
                        high = -1;
                    }
                }

                n++;
            }

            if (n != 2 * Length)
            {
                error = "the optical key has " + n + " hex digits; " + AcceptedForms;
                return null;
            }

            return new OpticalKey(key, true);
        }

        /// <summary>Parses or throws <see cref="FormatException"/>; the message never contains the key.</summary>
        public static OpticalKey Parse(string text)
        {
            string? error;
            OpticalKey? key = TryParse(text, out error);
            if (key == null)
            {
                throw new FormatException(error);
            }

            return key;
        }

        /// <summary>Writes the 20 password bytes at <paramref name="offset"/> (the Security request's field, §13.2).</summary>
        public void CopyTo(byte[] buffer, int offset)
        {
            Array.Copy(_bytes, 0, buffer, offset, Length);
        }

        public override string ToString()
        {
            return "OpticalKey(" + FormDescription + ", ****)";
        }
    }
}
