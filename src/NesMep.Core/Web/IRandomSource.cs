namespace NesMep.Core.Web
{
    /// <summary>
    /// Cryptographically strong random bytes (session ids, CSRF tokens, salts). The host uses
    /// RandomNumberGenerator; the ESP32 adapter its hardware RNG. Never System.Random.
    /// </summary>
    public interface IRandomSource
    {
        void Fill(byte[] buffer);
    }
}
