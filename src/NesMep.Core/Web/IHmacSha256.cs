namespace NesMep.Core.Web
{
    /// <summary>
    /// HMAC-SHA256 supplied by the platform: System.Security.Cryptography.HMACSHA256 on .NET and on
    /// nanoFramework (mbedTLS). The core only builds PBKDF2 on top, so no hash code lives here.
    /// Called from several request threads at once (a login's PBKDF2 runs outside the web lock,
    /// login tokens are made and checked without it): an implementation keeps no shared state.
    /// </summary>
    public interface IHmacSha256
    {
        /// <summary>Writes the 32-byte HMAC-SHA256 of data[offset..offset+count) under key to output[outputOffset..].</summary>
        void Compute(byte[] key, byte[] data, int offset, int count, byte[] output, int outputOffset);
    }
}
