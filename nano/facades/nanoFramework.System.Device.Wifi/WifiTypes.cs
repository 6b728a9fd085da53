// Facade of System.Device.Wifi 1.5.144 (NuGet package nanoFramework.System.Device.Wifi), System.Device.Wifi.WifiAvailableNetwork, WifiNetworkReport, WifiConnectionResult and the Wi-Fi enums.
// Declarations only, written by us from the upstream nanoframework/System.Device.Wifi sources; build-time use only, never shipped.
namespace System.Device.Wifi
{
    public class WifiAvailableNetwork
    {
        public WifiAvailableNetwork() => throw null;
        public string Bsid => throw null;
        public string Ssid => throw null;
        public WifiNetworkKind NetworkKind => throw null;
        public double NetworkRssiInDecibelMilliwatts => throw null;
        public byte SignalBars => throw null;
    }

    public class WifiNetworkReport
    {
        internal WifiNetworkReport() => throw null;
        public WifiAvailableNetwork[] AvailableNetworks => throw null;
    }

    public class WifiConnectionResult
    {
        internal WifiConnectionResult() => throw null;
        public WifiConnectionStatus ConnectionStatus => throw null;
    }

    public enum WifiConnectionStatus
    {
        AccessRevoked,
        InvalidCredential,
        NetworkNotAvailable,
        Success,
        Timeout,
        UnspecifiedFailure,
        UnsupportedAuthenticationProtocol,
    }

    public enum WifiReconnectionKind
    {
        Automatic,
        Manual,
    }

    public enum WifiNetworkKind
    {
        Adhoc,
        Any,
        Infrastructure,
    }
}
