namespace NesMep.Core.Optical
{
    /// <summary>
    /// The optical port password the Security service sends (reference §13.2: 20 bytes; NES meters accept
    /// their MK, PK or RK). Utilities hand it out separately from the MEP keys, as 20 characters or
    /// 40 hex digits. Errors name the accepted forms and never repeat the input.
    /// </summary>
    public static class OpticalKey
    {
        public const string AcceptedForms = "give the optical key as 20 characters (printable ASCII) or 40 hex digits";

        /// <summary>The 20 key bytes, or null with <paramref name="error"/> set.</summary>
        public static byte[]? TryParse(string? text, out string? error)
        {
            error = null;
            string trimmed = text == null ? "" : text.Trim();
            char[] chars = trimmed.ToCharArray();
            if (chars.Length == 0)
            {
                error = "no optical key given: " + AcceptedForms;
                return null;
            }

            if (chars.Length == C1218Codes.PasswordLength)
            {
                byte[] ascii = new byte[C1218Codes.PasswordLength];
                for (int i = 0; i < chars.Length; i++)
                {
                    if (chars[i] < (char)0x20 || chars[i] > (char)0x7E)
                    {
                        error = "the 20-character optical key contains a character that is not printable ASCII (position " + (i + 1) + "); " + AcceptedForms;
                        return null;
                    }

                    ascii[i] = (byte)chars[i];
                }

                return ascii;
            }

            byte[] key = new byte[C1218Codes.PasswordLength];
            int digits = 0;
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (c == ' ' || c == '\t')
                {
                    continue;
                }

                int v = Protocol.Hex.DigitValue(c);
                if (v < 0 || digits >= 2 * C1218Codes.PasswordLength)
                {
                    error = v < 0
                        ? "the optical key has " + chars.Length + " characters and is not hex (position " + (i + 1) + "); " + AcceptedForms
                        : "the optical key has more than 40 hex digits; " + AcceptedForms;
                    return null;
                }

                key[digits / 2] = (byte)((key[digits / 2] << 4) | v);
                digits++;
            }

            if (digits != 2 * C1218Codes.PasswordLength)
            {
                error = "the optical key has " + digits + " hex digits; " + AcceptedForms;
                return null;
            }

            return key;
        }
    }
}
