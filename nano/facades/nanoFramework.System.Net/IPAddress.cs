// Facade of System.Net 1.11.52 (NuGet package nanoFramework.System.Net), System.Net.IPAddress, EndPoint, IPEndPoint and SocketAddress.
// Declarations only, written by us from the upstream nanoframework/System.Net sources; build-time use only, never shipped.
namespace System.Net
{
    [Serializable]
    public class IPAddress
    {
        public static readonly IPAddress Any;
        public static readonly IPAddress Loopback;
        public static readonly IPAddress Broadcast;
        public static readonly IPAddress None;

        public IPAddress(long newAddress) => throw null;
        public IPAddress(byte[] address) => throw null;

        public System.Net.Sockets.AddressFamily AddressFamily => throw null;

        public static bool operator ==(IPAddress left, IPAddress right) => throw null;
        public static bool operator !=(IPAddress left, IPAddress right) => throw null;
        public override bool Equals(object comparand) => throw null;
        public bool Equals(IPAddress comparand) => throw null;
        public override int GetHashCode() => throw null;
        public byte[] GetAddressBytes() => throw null;
        public static IPAddress Parse(string ipString) => throw null;
        public static IPAddress GetDefaultLocalAddress() => throw null;
        public override string ToString() => throw null;
    }

    [Serializable]
    public abstract class EndPoint
    {
        protected EndPoint() => throw null;
        public abstract SocketAddress Serialize();
        public abstract EndPoint Create(SocketAddress socketAddress);
    }

    [Serializable]
    public class IPEndPoint : EndPoint
    {
        public const int MinPort = 0x00000000;
        public const int MaxPort = 0x0000FFFF;

        public IPEndPoint(long address, int port) => throw null;
        public IPEndPoint(IPAddress address, int port) => throw null;

        public IPAddress Address => throw null;
        public System.Net.Sockets.AddressFamily AddressFamily => throw null;
        public int Port => throw null;

        public override SocketAddress Serialize() => throw null;
        public override EndPoint Create(SocketAddress socketAddress) => throw null;
        public override bool Equals(object obj) => throw null;
        public override int GetHashCode() => throw null;
        public override string ToString() => throw null;
    }

    public class SocketAddress
    {
        internal SocketAddress() => throw null;
    }
}
