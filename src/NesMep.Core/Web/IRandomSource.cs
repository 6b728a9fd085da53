namespace NesMep.Core.Web
{
    /// <summary>
    /// Cryptographically strong random bytes (session ids, CSRF tokens, salts). The host uses
    /// RandomNumberGenerator (System.Random on .NET is a seeded PRNG: never there). The ESP32 adapter uses
    /// System.Random.NextBytes, which on nanoFramework's ESP32 targets reads the hardware RNG (esp_random,
    /// nf-interpreter targets/ESP32/_nanoCLR/targetRandom.cpp): true random once Wi-Fi is started (ESP-IDF),
    /// so the firmware draws secrets only after the radio is up.
    /// </summary>
    public interface IRandomSource
    {
        void Fill(byte[] buffer);
    }
}
