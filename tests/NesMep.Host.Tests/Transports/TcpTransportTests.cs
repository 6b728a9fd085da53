using System.Net;
using NesMep.Host.Transports;
using Xunit;

namespace NesMep.Host.Tests.Transports;

public class TcpTransportTests
{
    [Fact]
    public void ServerOnEphemeralPortExposesTheBoundPort()
    {
        using var server = new TcpByteServer(IPAddress.Loopback, 0);
        Assert.InRange(server.Port, 1, 65535);
        Assert.Same(server, server.Transport);
    }

    [Fact]
    public void BytesFlowBothWays()
    {
        using var server = new TcpByteServer(IPAddress.Loopback, 0);
        using var client = new TcpByteTransport("127.0.0.1", server.Port);
        WaitForClient(server);

        Assert.True(client.IsConnected);
        TransportAssert.SendAndExpect(client, server, TransportAssert.AllByteValues());
        TransportAssert.SendAndExpect(server, client, TransportAssert.Burst(500, seed: 3));
    }

    [Fact]
    public void DroppedConnectionIsDetectedAndReconnectWorks()
    {
        using var server = new TcpByteServer(IPAddress.Loopback, 0);
        using var client = new TcpByteTransport("127.0.0.1", server.Port);
        WaitForClient(server);

        server.DisconnectClient();
        var buffer = new byte[16];
        long deadline = Environment.TickCount64 + TransportAssert.TimeoutMs;
        while (client.IsConnected && Environment.TickCount64 < deadline)
        {
            Assert.Equal(0, client.Read(buffer, 0, buffer.Length));
            Thread.Sleep(1);
        }

        Assert.False(client.IsConnected);
        client.Write(new byte[] { 1 }, 0, 1); // dropped, must not throw

        Assert.True(client.TryReconnect());
        Assert.True(client.IsConnected);
        WaitForClient(server);
        TransportAssert.SendAndExpect(client, server, new byte[] { 0xEE, 0x00, 0x11 });
        TransportAssert.SendAndExpect(server, client, new byte[] { 0x13, 0xFF });
    }

    [Fact]
    public void NewClientReplacesTheOldOne()
    {
        using var server = new TcpByteServer(IPAddress.Loopback, 0);
        using var first = new TcpByteTransport("127.0.0.1", server.Port);
        WaitForClient(server);
        using var second = new TcpByteTransport("127.0.0.1", server.Port);
        WaitForClient(server);

        TransportAssert.SendAndExpect(server, second, new byte[] { 7, 8, 9 });
        TransportAssert.Quiet(first);
    }

    [Fact]
    public void ClosedPortGivesIOExceptionOnConnectAndFalseOnReconnect()
    {
        var server = new TcpByteServer(IPAddress.Loopback, 0);
        int port = server.Port;
        using var client = new TcpByteTransport("127.0.0.1", port);
        server.Dispose();

        Assert.False(client.TryReconnect());
        Assert.False(client.IsConnected);
        var e = Assert.Throws<IOException>(() => new TcpByteTransport("127.0.0.1", port, connectTimeoutMs: 1000));
        Assert.Contains($"127.0.0.1:{port}", e.Message);
    }

    private static void WaitForClient(TcpByteServer server)
    {
        long deadline = Environment.TickCount64 + TransportAssert.TimeoutMs;
        while (!server.AcceptPending())
        {
            Assert.True(Environment.TickCount64 < deadline, "server saw no connection");
            Thread.Sleep(1);
        }
    }
}
