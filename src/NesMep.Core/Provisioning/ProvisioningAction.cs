namespace NesMep.Core.Provisioning
{
    /// <summary>
    /// What <see cref="ProvisioningMachine.Boot"/> and <see cref="ProvisioningMachine.Step"/> ask the firmware to do.
    /// The machine only decides; the firmware's adapter performs the action with the platform's API. None of them
    /// touches the meter side: the meter is read through every state, reboots excepted.
    /// </summary>
    public static class ProvisioningAction
    {
        public const int None = 0;

        /// <summary>
        /// Write <see cref="ProvisioningMachine.WantedRadio"/> (with <see cref="ProvisioningMachine.AccessPointSsid"/>)
        /// into the device's radio configuration and reboot (nanoFramework applies it only at boot).
        /// </summary>
        public const int Reboot = 1;

        /// <summary>
        /// The access point is up: start the DHCP server and the captive DNS responder on 192.168.4.1 (the web
        /// server's captive behaviour follows <see cref="ProvisioningMachine.InAccessPoint"/>).
        /// </summary>
        public const int StartAccessPoint = 2;

        /// <summary>Join the network of the settings (wifi.ssid, wifi.password); report StationJoined or keep quiet.</summary>
        public const int JoinStation = 3;

        /// <summary>Start a Wi-Fi scan and report its result with <see cref="ProvisioningMachine.NetworksScanned"/>.</summary>
        public const int Scan = 4;

        public static string Name(int action)
        {
            switch (action)
            {
                case Reboot:
                    return "reboot";
                case StartAccessPoint:
                    return "start_access_point";
                case JoinStation:
                    return "join_station";
                case Scan:
                    return "scan";
                default:
                    return "none";
            }
        }
    }
}
