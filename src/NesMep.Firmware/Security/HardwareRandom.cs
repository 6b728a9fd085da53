using System;
using NesMep.Core.Web;

namespace NesMep.Firmware.Security
{
    /// <summary>
    /// Random bytes from the ESP32's hardware generator: on nanoFramework's ESP32 targets System.Random.NextBytes calls
    /// esp_random() per byte (nf-interpreter targets/ESP32/_nanoCLR/targetRandom.cpp), which is true random while the
    /// radio runs (ESP-IDF). The firmware starts Wi-Fi (station or access point) before the web side draws any secret.
    /// </summary>
    internal sealed class HardwareRandom : IRandomSource
    {
        private readonly Random _random = new Random();

        public void Fill(byte[] buffer)
        {
            lock (_random)
            {
                _random.NextBytes(buffer);
            }
        }
    }
}
