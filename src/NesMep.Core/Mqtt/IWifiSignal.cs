namespace NesMep.Core.Mqtt
{
    /// <summary>
    /// Wi-Fi signal strength, on platforms that have Wi-Fi (the ESP32 module). The Linux host has
    /// none, so it passes no source and the RSSI entity is not announced (its config is removed).
    /// </summary>
    public interface IWifiSignal
    {
        /// <summary>False while not associated.</summary>
        bool TryGetRssi(out int dbm);
    }
}
