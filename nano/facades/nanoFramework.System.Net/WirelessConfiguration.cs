// Facade of System.Net 1.11.52 (NuGet package nanoFramework.System.Net), System.Net.NetworkInformation.Wireless80211Configuration, WirelessAPConfiguration, AuthenticationType, EncryptionType and RadioType.
// Declarations only, written by us from the upstream nanoframework/System.Net sources; build-time use only, never shipped.
// Station and soft-AP settings live in the device's configuration block; SaveConfiguration stores them and the
// native network stack applies them at the next start (a reboot). WirelessAPConfiguration.SaveConfiguration rejects
// a non-open AP whose password is shorter than 8 or 64 and more characters.
namespace System.Net.NetworkInformation
{
    public class Wireless80211Configuration
    {
        public Wireless80211Configuration(uint id) => throw null;

        public AuthenticationType Authentication { get => throw null; set => throw null; }
        public EncryptionType Encryption { get => throw null; set => throw null; }
        public RadioType Radio { get => throw null; set => throw null; }
        public ConfigurationOptions Options { get => throw null; set => throw null; }
        public string Password { get => throw null; set => throw null; }
        public string Ssid { get => throw null; set => throw null; }
        public uint Id => throw null;

        public void SaveConfiguration() => throw null;
        public static Wireless80211Configuration[] GetAllWireless80211Configurations() => throw null;

        [Flags]
        public enum ConfigurationOptions : byte
        {
            None = 0,
            Disable = 0x01,
            Enable = 0x02,
            AutoConnect = 0x06,
            SmartConfig = 0x0A,
        }
    }

    public class WirelessAPConfiguration
    {
        public WirelessAPConfiguration(uint id) => throw null;

        public AuthenticationType Authentication { get => throw null; set => throw null; }
        public EncryptionType Encryption { get => throw null; set => throw null; }
        public RadioType Radio { get => throw null; set => throw null; }
        public string Password { get => throw null; set => throw null; }
        public string Ssid { get => throw null; set => throw null; }
        public ConfigurationOptions Options { get => throw null; set => throw null; }
        public byte Channel { get => throw null; set => throw null; }
        public byte MaxConnections { get => throw null; set => throw null; }
        public uint Id => throw null;

        public void SaveConfiguration() => throw null;
        public static WirelessAPConfiguration[] GetAllWirelessAPConfigurations() => throw null;
        public void DeAuthStation(int stationIndex) => throw null;

        // The stations joined to the soft access point now (native; read in nanoframework/System.Net
        // NetworkInformation/WirelessAPConfiguration.cs); the firmware only counts them.
        public WirelessAPStation[] GetConnectedStations() => throw null;

        [Flags]
        public enum ConfigurationOptions : byte
        {
            None = 0,
            Disable = 0x01,
            Enable = 0x02,
            AutoStart = 0x06,
            HiddenSSID = 0x08,
        }
    }

    public class WirelessAPStation
    {
        internal WirelessAPStation() => throw null;
    }

    public enum AuthenticationType : byte
    {
        None = 0,
        EAP,
        PEAP,
        WCN,
        Open,
        Shared,
        WEP,
        WPA,
        WPA2,
    }

    public enum EncryptionType : byte
    {
        None = 0,
        WEP,
        WPA,
        WPA2,
        WPA_PSK,
        WPA2_PSK,
        Certificate,
    }

    public enum RadioType : byte
    {
        NotSpecified = 0,
        _802_11a = 1,
        _802_11b = 2,
        _802_11g = 4,
        _802_11n = 8,
    }
}
