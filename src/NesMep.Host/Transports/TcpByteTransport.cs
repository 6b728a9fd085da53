using System.Net.Sockets;
using NesMep.Core.Module;
using NesMep.Core.Platform;

namespace NesMep.Host.Transports;

/// <summary>
/// ser2net-style client: the meter's serial line reached through a TCP port.
/// When the connection drops, Read returns 0, writes are dropped and <see cref="IsConnected"/>
/// turns false; the core module (<see cref="ReconnectBackoff"/>) decides when to call <see cref="TryReconnect"/>.
/// </summary>
public sealed class TcpByteTransport : IByteTransport, IMeterConnection, IDataArrivedWait, IDisposable
{
    private SocketPipe? _pipe;

    /// <summary>Connects (IOException naming host:port on failure or after <paramref name="connectTimeoutMs"/>).</summary>
    public TcpByteTransport(string host, int port, int connectTimeoutMs = 3000, int writeTimeoutMs = 2000)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        Host = host;
        Port = port;
        ConnectTimeoutMs = connectTimeoutMs;
        WriteTimeoutMs = writeTimeoutMs;
        _pipe = Connect();
    }

    public string Host { get; }

    public int Port { get; }

    public int ConnectTimeoutMs { get; }

    public int WriteTimeoutMs { get; }

    public bool IsConnected => _pipe?.IsConnected == true;

    public string Endpoint => Host + ":" + Port;

    /// <summary>Socket.Poll cannot be interrupted by the loop's wake event: waits are cut into slices of this length.</summary>
    public int SliceMs => 250;

    public int Read(byte[] buffer, int offset, int count)
    {
        return _pipe?.Read(buffer, offset, count) ?? 0;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        _pipe?.Write(buffer, offset, count);
    }

    /// <summary>Sleeps until bytes (or a close) are waiting, or the timeout passes.</summary>
    public bool WaitReadable(int timeoutMs)
    {
        return _pipe?.WaitReadable(timeoutMs) == true;
    }

    /// <summary>Drops the current connection and connects again to the same endpoint; never throws.</summary>
    public bool TryReconnect()
    {
        _pipe?.Dispose();
        _pipe = null;
        try
        {
            _pipe = Connect();
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _pipe?.Dispose();
        _pipe = null;
    }

    private SocketPipe Connect()
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var cts = new CancellationTokenSource(ConnectTimeoutMs);
            socket.ConnectAsync(Host, Port, cts.Token).AsTask().GetAwaiter().GetResult();
            return new SocketPipe(socket, WriteTimeoutMs);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            string why = e is OperationCanceledException ? $"timed out after {ConnectTimeoutMs} ms" : e.Message;
            throw new IOException($"connect to {Host}:{Port} failed: {why}", e);
        }
    }
}
