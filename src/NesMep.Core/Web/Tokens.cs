using System;
using System.Diagnostics.CodeAnalysis;

namespace NesMep.Core.Web
{
    /// <summary>Random tokens as URL- and cookie-safe text (base64url without padding).</summary>
    public static class Tokens
    {
        /// <summary>32 random bytes: 256 bits, 43 characters.</summary>
        public const int DefaultBytes = 32;

        public static string New(IRandomSource random, int bytes)
        {
            byte[] b = new byte[bytes];
            random.Fill(b);
            return ToBase64Url(b);
        }

        public static string ToBase64Url(byte[] bytes)
        {
            char[] c = Convert.ToBase64String(bytes).ToCharArray();
            int n = 0;
            for (int i = 0; i < c.Length; i++)
            {
                char ch = c[i];
                if (ch == '=')
                {
                    break;
                }

                c[n++] = ch == '+' ? '-' : ch == '/' ? '_' : ch;
            }

            return new string(c, 0, n);
        }

        /// <summary>The bytes of a <see cref="ToBase64Url"/> text, or null when it is not one.</summary>
        public static byte[]? FromBase64Url(string text)
        {
            if (text == null || text.Length % 4 == 1)
            {
                return null;
            }

            char[] c = new char[(text.Length + 3) / 4 * 4];
            char[] given = text.ToCharArray();
            for (int i = 0; i < c.Length; i++)
            {
                char ch = i < given.Length ? given[i] : '=';
                c[i] = ch == '-' ? '+' : ch == '_' ? '/' : ch;
            }

            try
            {
                return Convert.FromBase64String(new string(c));
            }
            catch (FormatException)
            {
                return null;
            }
        }

        /// <summary>True when every character could come from <see cref="ToBase64Url"/> (cheap syntax check before a lookup).</summary>
        public static bool LooksValid([NotNullWhen(true)] string? token)
        {
            if (token == null || token.Length < 16 || token.Length > 128)
            {
                return false;
            }

            foreach (char c in token.ToCharArray())
            {
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
