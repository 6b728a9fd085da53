using System.Net;
using System.Net.Sockets;

namespace NesMep.Host.Tests.Mqtt;

/// <summary>MQTT 3.1.1 control packet types (the high nibble of the fixed header) the fake broker uses.</summary>
internal static class PacketType
{
    public const int Connect = 1;
    public const int ConnAck = 2;
    public const int Publish = 3;
    public const int Subscribe = 8;
    public const int PingReq = 12;
    public const int PingResp = 13;
    public const int Disconnect = 14;
}

/// <summary>
/// A scripted MQTT server on a free loopback port, for broker behaviour mosquitto won't produce on
/// demand: it accepts every CONNECT (CONNACK 0), answers PINGREQ, never acknowledges a PUBLISH, and
/// optionally drops each connection right after its CONNACK or answers slowly (each CONNACK byte
/// after a pause, as an overloaded broker or a bad link does). It records the packet types each
/// connection sent.
/// </summary>
internal sealed class FakeBroker : IDisposable
{
    private readonly TcpListener _listener;
    private readonly bool _dropAfterConnAck;
    private readonly Thread _acceptor;
    private readonly List<Connection> _connections = new();

    private readonly int _connAckByteDelayMs;

    public FakeBroker(bool dropAfterConnAck, int connAckByteDelayMs = 0)
    {
        _dropAfterConnAck = dropAfterConnAck;
        _connAckByteDelayMs = connAckByteDelayMs;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptor = new Thread(Accept) { IsBackground = true, Name = "fake-broker" };
        _acceptor.Start();
    }

    public int Port { get; }

    public int ConnectionCount
    {
        get
        {
            lock (_connections)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>Packet types (high nibble of the fixed header) connection <paramref name="index"/> sent so far.</summary>
    public int[] PacketTypes(int index)
    {
        lock (_connections)
        {
            return _connections[index].Types.ToArray();
        }
    }

    /// <summary>True once the client closed connection <paramref name="index"/> (everything it sent is recorded).</summary>
    public bool Ended(int index)
    {
        lock (_connections)
        {
            return _connections[index].Ended;
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        lock (_connections)
        {
            foreach (Connection c in _connections)
            {
                c.Socket.Dispose();
            }
        }

        _acceptor.Join(2000);
    }

    private void Accept()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = _listener.AcceptSocket();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var c = new Connection(socket);
            lock (_connections)
            {
                _connections.Add(c);
            }

            new Thread(() => Serve(c)) { IsBackground = true, Name = "fake-broker-conn" }.Start();
        }
    }

    private void Serve(Connection c)
    {
        try
        {
            using var stream = new NetworkStream(c.Socket, ownsSocket: true);
            while (TryReadPacket(stream, out int header))
            {
                int type = header >> 4;
                lock (_connections)
                {
                    c.Types.Add(type);
                }

                if (type == PacketType.Connect)
                {
                    if (!WriteSlowly(c.Socket, stream, [PacketType.ConnAck << 4, 2, 0, 0]))
                    {
                        return;
                    }

                    if (_dropAfterConnAck)
                    {
                        return;
                    }
                }
                else if (type == PacketType.PingReq)
                {
                    stream.Write([PacketType.PingResp << 4, 0]);
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidDataException)
        {
        }
        finally
        {
            lock (_connections)
            {
                c.Ended = true;
            }
        }
    }

    /// <summary>Reads one packet (fixed header, remaining length, body skipped); false at the end of the stream.</summary>
    private static bool TryReadPacket(Stream stream, out int header)
    {
        header = stream.ReadByte();
        if (header < 0)
        {
            return false;
        }

        int length = 0;
        for (int shift = 0, b = 0x80; (b & 0x80) != 0; shift += 7)
        {
            b = stream.ReadByte();
            if (b < 0 || shift > 21)
            {
                return false;
            }

            length |= (b & 0x7F) << shift;
        }

        stream.ReadExactly(new byte[length]);
        return true;
    }

    /// <summary>Writes byte by byte after <see cref="_connAckByteDelayMs"/> each; false when the client hung up meanwhile.</summary>
    private bool WriteSlowly(Socket socket, Stream stream, byte[] bytes)
    {
        foreach (byte b in bytes)
        {
            for (int waited = 0; waited < _connAckByteDelayMs; waited += 10)
            {
                if (socket.Poll(10_000, SelectMode.SelectRead) && socket.Available == 0)
                {
                    return false;
                }
            }

            stream.Write([b]);
        }

        return true;
    }

    private sealed class Connection
    {
        public Connection(Socket socket)
        {
            Socket = socket;
        }

        public Socket Socket { get; }

        public List<int> Types { get; } = new();

        public bool Ended { get; set; }
    }
}
