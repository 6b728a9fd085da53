// Facade of System.Net 1.11.52 (NuGet package nanoFramework.System.Net), System.Net.Sockets.Socket and its enums, SocketException.
// Declarations only, written by us from the upstream nanoframework/System.Net sources; build-time use only, never shipped.
// 1.11.52 is the version the nanoframework/Samples WiFiAP, WebServer and AzureSDK samples pair with CoreLibrary 1.17.11.
// Only the datagram (UDP) surface the DNS/mDNS responders and the SNTP fallback need is declared; enum members keep
// their upstream values. Dispose is declared explicitly (`using` works); call Close() to release a socket.
namespace System.Net.Sockets
{
    public class Socket : IDisposable
    {
        public Socket(AddressFamily addressFamily, SocketType socketType, ProtocolType protocolType) => throw null;

        public int Available => throw null;
        public EndPoint LocalEndPoint => throw null;
        public EndPoint RemoteEndPoint => throw null;
        public int ReceiveTimeout { get => throw null; set => throw null; }
        public int SendTimeout { get => throw null; set => throw null; }
        public SocketType SocketType => throw null;

        public void Bind(EndPoint localEP) => throw null;
        public void Connect(EndPoint remoteEP) => throw null;
        public int Send(byte[] buffer, int offset, int size, SocketFlags socketFlags) => throw null;
        public int SendTo(byte[] buffer, int offset, int size, SocketFlags socketFlags, EndPoint remoteEP) => throw null;
        public int SendTo(byte[] buffer, int size, SocketFlags socketFlags, EndPoint remoteEP) => throw null;
        public int SendTo(byte[] buffer, SocketFlags socketFlags, EndPoint remoteEP) => throw null;
        public int SendTo(byte[] buffer, EndPoint remoteEP) => throw null;
        public int Receive(byte[] buffer) => throw null;
        public int Receive(byte[] buffer, SocketFlags socketFlags) => throw null;
        public int Receive(byte[] buffer, int size, SocketFlags socketFlags) => throw null;
        public int Receive(byte[] buffer, int offset, int size, SocketFlags socketFlags) => throw null;
        public int ReceiveFrom(byte[] buffer, int offset, int size, SocketFlags socketFlags, ref EndPoint remoteEP) => throw null;
        public int ReceiveFrom(byte[] buffer, int size, SocketFlags socketFlags, ref EndPoint remoteEP) => throw null;
        public int ReceiveFrom(byte[] buffer, SocketFlags socketFlags, ref EndPoint remoteEP) => throw null;
        public int ReceiveFrom(byte[] buffer, ref EndPoint remoteEP) => throw null;
        public void SetSocketOption(SocketOptionLevel optionLevel, SocketOptionName optionName, int optionValue) => throw null;
        public void SetSocketOption(SocketOptionLevel optionLevel, SocketOptionName optionName, bool optionValue) => throw null;
        public void SetSocketOption(SocketOptionLevel optionLevel, SocketOptionName optionName, byte[] optionValue) => throw null;
        public bool Poll(int microSeconds, SelectMode mode) => throw null;
        public void Close() => throw null;
        void IDisposable.Dispose() => throw null;
    }

    public class SocketException : Exception
    {
        internal SocketException() => throw null;
        public int ErrorCode => throw null;
    }

    public enum AddressFamily
    {
        InterNetwork = 2,
        InterNetworkV6 = 23,
    }

    public enum SocketType
    {
        Stream = 1,
        Dgram = 2,
        Unknown = -1,
    }

    public enum ProtocolType
    {
        IP = 0,
        Tcp = 6,
        Udp = 17,
    }

    [Flags]
    public enum SocketFlags
    {
        None = 0,
    }

    public enum SelectMode
    {
        SelectRead = 0,
        SelectWrite = 1,
        SelectError = 2,
    }

    public enum SocketOptionLevel
    {
        Socket = 0xffff,
        IP = 0,
        Tcp = 6,
        Udp = 17,
    }

    public enum SocketOptionName
    {
        ReuseAddress = 0x0004,
        Broadcast = 0x0020,
        ReceiveTimeout = 0x1006,
        MulticastInterface = 9,
        MulticastTimeToLive = 10,
        MulticastLoopback = 11,
        AddMembership = 12,
        DropMembership = 13,
    }
}
