using System;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace NesMep.Core.Web
{
    /// <summary>
    /// Stored password hashes: "pbkdf2-sha256$ITERATIONS$SALT$HASH" (salt and hash in base64).
    /// The iteration count travels with the hash, so the host can use many more rounds than the
    /// ESP32 and a file moved between them still verifies.
    /// </summary>
    public static class PasswordHash
    {
        public const string Prefix = "pbkdf2-sha256$";
        public const int SaltBytes = 16;
        public const int HashBytes = 32;

        /// <summary>Upper bound when verifying, so a crafted settings file cannot stall the module.</summary>
        public const int MaxIterations = 5000000;

        public static string Create(string password, int iterations, IHmacSha256 hmac, IRandomSource random)
        {
            byte[] salt = new byte[SaltBytes];
            random.Fill(salt);
            byte[] hash = Pbkdf2.DeriveSha256(hmac, Encoding.UTF8.GetBytes(password), salt, iterations, HashBytes);
            return Prefix + iterations.ToString() + "$" + Convert.ToBase64String(salt) + "$" + Convert.ToBase64String(hash);
        }

        /// <summary>True when <paramref name="password"/> matches; false for any malformed stored text.</summary>
        public static bool Verify(string? password, string stored, IHmacSha256 hmac)
        {
            int iterations;
            byte[]? salt;
            byte[]? expected;
            if (password == null || !TryParse(stored, out iterations, out salt, out expected))
            {
                return false;
            }

            byte[] actual = Pbkdf2.DeriveSha256(hmac, Encoding.UTF8.GetBytes(password), salt, iterations, expected.Length);
            return ConstantTime.BytesEqual(actual, expected);
        }

        /// <summary>The rounds a well-formed stored hash was made with, or 0.</summary>
        public static int IterationsOf(string stored)
        {
            int iterations;
            byte[]? salt;
            byte[]? hash;
            return TryParse(stored, out iterations, out salt, out hash) ? iterations : 0;
        }

        public static bool IsWellFormed(string stored)
        {
            int iterations;
            byte[]? salt;
            byte[]? hash;
            return TryParse(stored, out iterations, out salt, out hash);
        }

        private static bool TryParse(string stored, out int iterations, [NotNullWhen(true)] out byte[]? salt, [NotNullWhen(true)] out byte[]? hash)
        {
            iterations = 0;
            salt = null;
            hash = null;
            if (stored == null || !stored.StartsWith(Prefix))
            {
                return false;
            }

            string[] parts = stored.Substring(Prefix.Length).Split('$');
            if (parts.Length != 3 || !WebText.TryParseInt(parts[0], out iterations) || iterations < 1 || iterations > MaxIterations)
            {
                return false;
            }

            try
            {
                salt = Convert.FromBase64String(parts[1]);
                hash = Convert.FromBase64String(parts[2]);
            }
            catch (FormatException)
            {
                return false;
            }

            return salt.Length >= 8 && hash.Length >= 16;
        }
    }
}
