using System.Net;
using System.Net.Sockets;
using NesMep.Core.Platform;

namespace NesMep.Host.Transports;

/// <summary>
/// Serves a byte pipe on a TCP port, one client at a time (a new client replaces the old one,
/// as when a cable is moved to another PC). The server itself is the server-side IByteTransport;
/// pending connections are accepted inside Read/Write, so no background thread is needed.
/// With no client, Read returns 0 and writes are dropped.
/// </summary>
public sealed class TcpByteServer : IByteTransport, IDisposable
{
    private readonly TcpListener _listener;
    private readonly int _writeTimeoutMs;
    private SocketPipe? _client;

    /// <summary>Starts listening; port 0 picks a free port (see <see cref="Port"/>).</summary>
    public TcpByteServer(IPAddress address, int port, int writeTimeoutMs = 2000)
    {
        _writeTimeoutMs = writeTimeoutMs;
        _listener = new TcpListener(address, port);
        try
        {
            _listener.Start(backlog: 4);
        }
        catch (SocketException e)
        {
            throw new IOException($"listen on {address}:{port} failed: {e.Message}", e);
        }

        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
    }

    /// <summary>The port actually bound.</summary>
    public int Port { get; }

    /// <summary>The server-side byte pipe (this object).</summary>
    public IByteTransport Transport => this;

    public bool HasClient => _client?.IsConnected == true;

    public int Read(byte[] buffer, int offset, int count)
    {
        AcceptPending();
        return _client?.Read(buffer, offset, count) ?? 0;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        AcceptPending();
        _client?.Write(buffer, offset, count);
    }

    /// <summary>Takes the newest waiting connection, dropping the current client; true if one was taken.</summary>
    public bool AcceptPending()
    {
        bool accepted = false;
        while (_listener.Pending())
        {
            Socket socket = _listener.AcceptSocket();
            _client?.Dispose();
            _client = new SocketPipe(socket, _writeTimeoutMs);
            accepted = true;
        }

        return accepted;
    }

    /// <summary>Closes the current client connection (the listener keeps running).</summary>
    public void DisconnectClient()
    {
        _client?.Dispose();
        _client = null;
    }

    public void Dispose()
    {
        DisconnectClient();
        _listener.Stop();
    }
}
