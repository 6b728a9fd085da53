// Facade of nanoFramework.Iot.Device.DhcpServer 1.2.951 (NuGet package nanoFramework.Iot.Device.DhcpServer), Iot.Device.DhcpServer.DhcpServer.
// Declarations only, written by us from the upstream nanoframework/nanoFramework.IoT.Device devices/DhcpServer sources; build-time use only, never shipped.
// 1.2.951 is the version the nanoframework/Samples WiFiAP sample pairs with CoreLibrary 1.17.11. Behaviour the firmware
// must respect: nanoFramework's soft access point hands out no addresses by itself (upstream's WiFiAP sample starts this
// server); Start binds UDP 67 and starts one thread that polls the socket every 200 ms, leases addresses of the /24 of
// `address`, expires them after `timeToLeave` seconds, and sends CaptivePortalUrl as DHCP option 114 when set.
// The listening sockets are static: one server per process.
namespace Iot.Device.DhcpServer
{
    public class DhcpServer : System.IDisposable
    {
        public DhcpServer() => throw null;
        public string CaptivePortalUrl { get => throw null; set => throw null; }
        public bool Start(System.Net.IPAddress address, System.Net.IPAddress mask, ushort timeToLeave = 1200) => throw null;
        public void Stop() => throw null;
        public void Dispose() => throw null;
    }
}
