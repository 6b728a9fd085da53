using System.Net.Sockets;

namespace NesMep.Host.Transports;

/// <summary>
/// One connected TCP socket used as a non-blocking byte pipe. The socket stays in blocking mode
/// (so Send is simple and bounded by SendTimeout); reads only call Receive when data is already
/// there, and a readable socket with nothing available means the peer closed.
/// </summary>
internal sealed class SocketPipe : IDisposable
{
    private readonly Socket _socket;

    public SocketPipe(Socket socket, int writeTimeoutMs)
    {
        _socket = socket;
        _socket.NoDelay = true; // MEP frames are small; don't let Nagle hold them back
        _socket.SendTimeout = writeTimeoutMs;
    }

    public bool IsConnected { get; private set; } = true;

    public int Read(byte[] buffer, int offset, int count)
    {
        if (!IsConnected || count == 0)
        {
            return 0;
        }

        try
        {
            int available = _socket.Available;
            if (available == 0)
            {
                // Readable with nothing to read = orderly shutdown (FIN) or reset by the peer.
                if (_socket.Poll(0, SelectMode.SelectRead) && _socket.Available == 0)
                {
                    MarkClosed();
                }

                return 0;
            }

            int n = _socket.Receive(buffer, offset, Math.Min(count, available), SocketFlags.None);
            if (n == 0)
            {
                MarkClosed();
            }

            return n;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            MarkClosed();
            return 0;
        }
    }

    /// <summary>Sends everything; on a dead connection the bytes are dropped (like an unplugged cable).</summary>
    public void Write(byte[] buffer, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (!IsConnected)
        {
            return;
        }

        try
        {
            int done = 0;
            while (done < count)
            {
                done += _socket.Send(buffer, offset + done, count - done, SocketFlags.None);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            MarkClosed();
        }
    }

    public bool WaitReadable(int timeoutMs)
    {
        try
        {
            int micros = timeoutMs < 0 || timeoutMs > int.MaxValue / 1000 ? -1 : timeoutMs * 1000;
            return IsConnected && _socket.Poll(micros, SelectMode.SelectRead);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            MarkClosed();
            return false;
        }
    }

    public void Dispose()
    {
        IsConnected = false;
        _socket.Dispose();
    }

    private void MarkClosed()
    {
        IsConnected = false;
        _socket.Dispose();
    }
}
