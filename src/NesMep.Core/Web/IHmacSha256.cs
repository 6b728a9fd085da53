namespace NesMep.Core.Web
{
    /// <summary>
    /// HMAC-SHA256 supplied by the platform: System.Security.Cryptography.HMACSHA256 on .NET and on
    /// nanoFramework (mbedTLS). The core only builds PBKDF2 on top, so no hash code lives here.
    /// </summary>
    public interface IHmacSha256
    {
        /// <summary>Writes the 32-byte HMAC-SHA256 of data[offset..offset+count) under key to output[outputOffset..].</summary>
        void Compute(byte[] key, byte[] data, int offset, int count, byte[] output, int outputOffset);
    }
}
