using System.Runtime.InteropServices;
using NesMep.Core.Platform;

namespace NesMep.Host.Transports;

/// <summary>
/// A Linux tty (USB-serial adapter, on-board UART, pty slave) in raw 8N1 with no flow control.
/// Reads never block; writes send everything or throw after <see cref="WriteTimeoutMs"/>.
/// </summary>
public sealed unsafe class TermiosSerialPort : IByteTransport, IDataArrivedWait, IDisposable
{
    private readonly SafeFileDescriptor _fd;

    /// <summary>Opens and configures the device; IOException (naming the path) or ArgumentException for a bad baud.</summary>
    public TermiosSerialPort(string path, int baud, int writeTimeoutMs = 2000)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        uint speed = BaudRates.ToSpeed(baud); // validate before touching the device
        Path = path;
        Baud = baud;
        WriteTimeoutMs = writeTimeoutMs;
        _fd = FdIo.Open(path, LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_NONBLOCK);
        try
        {
            FdIo.MakeRaw(_fd, path, speed);
            // Drop whatever arrived before we owned the line (stale replies, pty buffer left by a previous client).
            if (LibC.tcflush(_fd, LibC.TCIFLUSH) != 0)
            {
                throw PosixErrors.LastIo("tcflush", path);
            }
        }
        catch
        {
            _fd.Dispose();
            throw;
        }
    }

    /// <summary>The baud rates accepted by the constructor.</summary>
    public static IReadOnlyList<int> SupportedBaudRates => BaudRates.Supported;

    public string Path { get; }

    public int Baud { get; }

    public int WriteTimeoutMs { get; }

    public int Read(byte[] buffer, int offset, int count)
    {
        return FdIo.Read(_fd, Path, buffer, offset, count);
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        FdIo.WriteAll(_fd, Path, buffer, offset, count, WriteTimeoutMs);
    }

    /// <summary>
    /// Sleeps until bytes are waiting or the timeout passes. IOException when the device hung up
    /// (adapter unplugged, pty master closed), so the caller doesn't spin on an endless POLLHUP.
    /// </summary>
    /// <summary>poll() cannot be interrupted by the loop's wake event: waits are cut into slices of this length.</summary>
    public int SliceMs => 250;

    public bool WaitReadable(int timeoutMs)
    {
        short revents = FdIo.Poll(_fd, Path, LibC.POLLIN, timeoutMs);
        if ((revents & LibC.POLLIN) != 0)
        {
            return true;
        }

        if ((revents & (LibC.POLLHUP | LibC.POLLERR | LibC.POLLNVAL)) != 0)
        {
            throw new IOException($"device '{Path}' hung up or failed (poll events 0x{revents:X})");
        }

        return false;
    }

    /// <summary>Sets DTR; IOException when the device has no modem lines (ENOTTY/EINVAL on a pty).</summary>
    public void SetDtr(bool level)
    {
        if (!TrySetModemLines(level, null, out string? error))
        {
            throw new IOException(error);
        }
    }

    /// <summary>Sets RTS; IOException when the device has no modem lines.</summary>
    public void SetRts(bool level)
    {
        if (!TrySetModemLines(null, level, out string? error))
        {
            throw new IOException(error);
        }
    }

    /// <summary>Sets both lines; false (never an exception) when the device has no modem lines.</summary>
    public bool TrySetModemLines(bool dtr, bool rts)
    {
        return TrySetModemLines(dtr, rts, out _);
    }

    /// <summary>Sets the given lines (null = leave unchanged); never throws, <paramref name="error"/> says why on failure.</summary>
    public bool TrySetModemLines(bool? dtr, bool? rts, out string? error)
    {
        int raise = 0;
        int lower = 0;
        if (dtr is bool d)
        {
            if (d) raise |= LibC.TIOCM_DTR; else lower |= LibC.TIOCM_DTR;
        }

        if (rts is bool r)
        {
            if (r) raise |= LibC.TIOCM_RTS; else lower |= LibC.TIOCM_RTS;
        }

        error = null;
        try
        {
            return Change(LibC.TIOCMBIS, raise, out error) && Change(LibC.TIOCMBIC, lower, out error);
        }
        catch (ObjectDisposedException)
        {
            error = $"modem lines on '{Path}': port is closed";
            return false;
        }
    }

    /// <summary>Reads the modem-line bits (TIOCM_*); never throws, <paramref name="error"/> says why on failure.</summary>
    public bool TryReadModemLines(out int bits, out string? error)
    {
        int value = 0;
        error = null;
        try
        {
            if (LibC.ioctl(_fd, LibC.TIOCMGET, &value) == 0)
            {
                bits = value;
                return true;
            }

            error = PosixErrors.Describe("ioctl(TIOCMGET)", Path, Marshal.GetLastPInvokeError());
        }
        catch (ObjectDisposedException)
        {
            error = $"modem lines on '{Path}': port is closed";
        }

        bits = 0;
        return false;
    }

    /// <summary>The speed the kernel reports back, decoded to a baud rate (0 if not one of ours).</summary>
    internal int ReadBackBaud()
    {
        if (LibC.tcgetattr(_fd, out var t) != 0)
        {
            throw PosixErrors.LastIo("tcgetattr", Path);
        }

        return BaudRates.FromSpeed(LibC.cfgetospeed(in t));
    }

    /// <summary>The raw termios flags now in force (for tests).</summary>
    internal LibC.Termios ReadBackTermios()
    {
        if (LibC.tcgetattr(_fd, out var t) != 0)
        {
            throw PosixErrors.LastIo("tcgetattr", Path);
        }

        return t;
    }

    public void Dispose()
    {
        _fd.Dispose();
    }

    private bool Change(nuint request, int bits, out string? error)
    {
        error = null;
        if (bits == 0)
        {
            return true;
        }

        if (LibC.ioctl(_fd, request, &bits) == 0)
        {
            return true;
        }

        string op = request == LibC.TIOCMBIS ? "ioctl(TIOCMBIS)" : "ioctl(TIOCMBIC)";
        error = PosixErrors.Describe(op, Path, Marshal.GetLastPInvokeError());
        return false;
    }
}
