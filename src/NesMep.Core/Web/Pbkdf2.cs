using System;

namespace NesMep.Core.Web
{
    /// <summary>PBKDF2 (RFC 8018 §5.2) with HMAC-SHA256 as the pseudo-random function.</summary>
    public static class Pbkdf2
    {
        public const int BlockSize = 32;

        public static byte[] DeriveSha256(IHmacSha256 hmac, byte[] password, byte[] salt, int iterations, int length)
        {
            if (hmac == null || password == null || salt == null)
            {
                throw new ArgumentNullException(hmac == null ? "hmac" : password == null ? "password" : "salt");
            }

            if (iterations < 1 || length < 1)
            {
                throw new ArgumentOutOfRangeException(iterations < 1 ? "iterations" : "length");
            }

            byte[] result = new byte[length];
            byte[] first = new byte[salt.Length + 4];
            Array.Copy(salt, first, salt.Length);
            byte[] u = new byte[BlockSize];
            byte[] next = new byte[BlockSize];
            byte[] t = new byte[BlockSize];
            int blocks = (length + BlockSize - 1) / BlockSize;
            for (int block = 1; block <= blocks; block++)
            {
                // U1 = PRF(P, S || INT_32_BE(i)); Uj = PRF(P, Uj-1); T = U1 ^ U2 ^ ... ^ Uc
                first[salt.Length] = (byte)(block >> 24);
                first[salt.Length + 1] = (byte)(block >> 16);
                first[salt.Length + 2] = (byte)(block >> 8);
                first[salt.Length + 3] = (byte)block;
                hmac.Compute(password, first, 0, first.Length, u, 0);
                Array.Copy(u, t, BlockSize);
                for (int i = 1; i < iterations; i++)
                {
                    // Separate output buffer: a platform HMAC need not support in-place input/output.
                    hmac.Compute(password, u, 0, BlockSize, next, 0);
                    byte[] swap = u;
                    u = next;
                    next = swap;
                    for (int k = 0; k < BlockSize; k++)
                    {
                        t[k] ^= u[k];
                    }
                }

                int offset = (block - 1) * BlockSize;
                int n = length - offset < BlockSize ? length - offset : BlockSize;
                Array.Copy(t, 0, result, offset, n);
            }

            return result;
        }
    }
}
