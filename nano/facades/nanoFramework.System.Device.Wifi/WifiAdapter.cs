// Facade of System.Device.Wifi 1.5.144 (NuGet package nanoFramework.System.Device.Wifi), System.Device.Wifi.WifiAdapter and AvailableNetworksChangedEventHandler.
// Declarations only, written by us from the upstream nanoframework/System.Device.Wifi sources; build-time use only, never shipped.
// 1.5.144 is the version the nanoframework/Samples WiFiAP sample pairs with CoreLibrary 1.17.11.
// ScanAsync returns at once; AvailableNetworksChanged fires when the scan is done and NetworkReport then holds it.
// The upstream WifiNetworkHelper (namespace nanoFramework.Networking, same assembly) is not declared: the firmware
// drives joining itself through its provisioning state machine.
namespace System.Device.Wifi
{
    public delegate void AvailableNetworksChangedEventHandler(WifiAdapter sender, object e);

    public sealed class WifiAdapter : IDisposable
    {
        internal WifiAdapter() => throw null;

        public int NetworkInterface => throw null;
        public WifiNetworkReport NetworkReport => throw null;

        public event AvailableNetworksChangedEventHandler AvailableNetworksChanged { add => throw null; remove => throw null; }

        public static WifiAdapter[] FindAllAdapters() => throw null;
        public void ScanAsync() => throw null;
        public WifiConnectionResult Connect(WifiAvailableNetwork availableNetwork, WifiReconnectionKind reconnectionKind, string passwordCredential) => throw null;
        public WifiConnectionResult Connect(string ssid, WifiReconnectionKind reconnectionKind, string passwordCredential) => throw null;
        public void Disconnect() => throw null;
        public void Dispose() => throw null;
    }
}
