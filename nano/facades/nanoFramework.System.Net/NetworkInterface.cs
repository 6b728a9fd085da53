// Facade of System.Net 1.11.52 (NuGet package nanoFramework.System.Net), System.Net.NetworkInformation.NetworkInterface and NetworkInterfaceType.
// Declarations only, written by us from the upstream nanoframework/System.Net sources; build-time use only, never shipped.
// nanoFramework-only API: each interface has a stored configuration; SpecificConfigId indexes the matching
// Wireless80211Configuration or WirelessAPConfiguration. Address changes are written to the device's config block.
namespace System.Net.NetworkInformation
{
    public class NetworkInterface
    {
        protected NetworkInterface(int interfaceIndex) => throw null;

        public static bool GetIsNetworkAvailable() => throw null;
        public static NetworkInterface[] GetAllNetworkInterfaces() => throw null;

        public void EnableStaticIPv4(string ipv4Address, string ipv4SubnetMask, string ipv4GatewayAddress) => throw null;
        public void EnableDhcp() => throw null;
        public void EnableStaticIPv4Dns(string[] dnsAddresses) => throw null;
        public void ReleaseDhcpLease() => throw null;
        public void RenewDhcpLease() => throw null;

        public bool IsAutomaticDnsEnabled => throw null;
        public string IPv4Address => throw null;
        public string IPv4GatewayAddress => throw null;
        public string IPv4SubnetMask => throw null;
        public bool IsDhcpEnabled => throw null;
        public string[] IPv4DnsAddresses => throw null;
        public byte[] PhysicalAddress { get => throw null; set => throw null; }
        public NetworkInterfaceType NetworkInterfaceType => throw null;
        public uint SpecificConfigId { get => throw null; set => throw null; }
    }

    public enum NetworkInterfaceType
    {
        Unknown = 1,
        Ethernet = 6,
        Wireless80211 = 71,
        WirelessAP = 72,
    }
}
