using System;
using System.Security.Cryptography;
using NesMep.Core.Web;

namespace NesMep.Firmware.Security
{
    /// <summary>
    /// The core's HMAC-SHA256 on the device: nanoFramework.System.Security.Cryptography's HMACSHA256, native mbedTLS.
    /// Upstream hashes whole arrays only, so a partial input is copied first. No shared state: a new HMACSHA256 per call
    /// (the core calls it from several request threads).
    /// </summary>
    internal sealed class PlatformHmac : IHmacSha256
    {
        public void Compute(byte[] key, byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            byte[] input = data;
            if (offset != 0 || count != data.Length)
            {
                input = new byte[count];
                Array.Copy(data, offset, input, 0, count);
            }

            using (HMACSHA256 hmac = new HMACSHA256(key))
            {
                byte[] hash = hmac.ComputeHash(input);
                Array.Copy(hash, 0, output, outputOffset, 32);
            }
        }
    }
}
