namespace NesMep.Core.Provisioning
{
    /// <summary>One network of a Wi-Fi scan, as the firmware reports it (WifiAvailableNetwork).</summary>
    public sealed class WifiNetwork
    {
        public WifiNetwork(string ssid, int rssiDbm, bool secure)
        {
            Ssid = ssid;
            RssiDbm = rssiDbm;
            Secure = secure;
        }

        public string Ssid { get; private set; }

        /// <summary>Signal in dBm (negative; closer to 0 is stronger).</summary>
        public int RssiDbm { get; private set; }

        /// <summary>Needs a password (anything but an open network).</summary>
        public bool Secure { get; private set; }
    }
}
