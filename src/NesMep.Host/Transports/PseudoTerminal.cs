using System.Runtime.InteropServices;
using NesMep.Core.Platform;

namespace NesMep.Host.Transports;

/// <summary>
/// A Unix98 pty pair: other programs open <see cref="SlavePath"/> as if it were a serial port,
/// and we talk through <see cref="Master"/>. Used by the meter simulator and by transport tests.
/// </summary>
public sealed unsafe class PseudoTerminal : IDisposable
{
    private readonly SafeFileDescriptor _master;

    // Held open for our whole lifetime, never read. Without it, whenever no client has the slave
    // open (before the first one, between reconnects) Linux hangs the master up: read() fails with
    // EIO and poll() reports POLLHUP, so the simulator loop would see errors or spin.
    private readonly SafeFileDescriptor _slaveHold;

    public PseudoTerminal(int writeTimeoutMs = 2000)
    {
        // O_CLOEXEC at open (glibc and musl pass the flags to open("/dev/ptmx")): a child started by
        // another thread between open and fcntl(F_SETFD) would otherwise inherit the master.
        int fd = LibC.posix_openpt(LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_CLOEXEC);
        if (fd < 0)
        {
            throw PosixErrors.LastIo("posix_openpt", "/dev/ptmx");
        }

        _master = new SafeFileDescriptor(fd);
        try
        {
            Check(LibC.fcntl(_master, LibC.F_SETFD, LibC.FD_CLOEXEC), "fcntl(F_SETFD)");
            int flags = LibC.fcntl(_master, LibC.F_GETFL, 0);
            Check(flags, "fcntl(F_GETFL)");
            Check(LibC.fcntl(_master, LibC.F_SETFL, flags | LibC.O_NONBLOCK), "fcntl(F_SETFL)");
            Check(LibC.grantpt(_master), "grantpt");
            Check(LibC.unlockpt(_master), "unlockpt");
            SlavePath = ReadSlaveName();

            // Raw on both sides, so nothing (echo, CR/LF mapping, XON/XOFF, ^C) touches the bytes
            // even before a client configures the slave itself.
            FdIo.MakeRaw(_master, "/dev/ptmx", speed: null);
            _slaveHold = FdIo.Open(SlavePath, LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_NONBLOCK);
            FdIo.MakeRaw(_slaveHold, SlavePath, speed: null);
        }
        catch
        {
            _slaveHold?.Dispose();
            _master.Dispose();
            throw;
        }

        Master = new MasterTransport(_master, SlavePath, writeTimeoutMs);
    }

    /// <summary>The device path a client opens, e.g. <c>/dev/pts/3</c>.</summary>
    public string SlavePath { get; }

    /// <summary>Non-blocking byte pipe on the master side.</summary>
    public IByteTransport Master { get; }

    /// <summary>Sleeps until the master has bytes waiting or the timeout passes.</summary>
    public bool WaitReadable(int timeoutMs)
    {
        return (FdIo.Poll(_master, SlavePath, LibC.POLLIN, timeoutMs) & LibC.POLLIN) != 0;
    }

    public void Dispose()
    {
        _slaveHold.Dispose();
        _master.Dispose();
    }

    private string ReadSlaveName()
    {
        byte* name = stackalloc byte[128];
        int rc = LibC.ptsname_r(_master, name, 128);
        if (rc != 0)
        {
            throw PosixErrors.Io("ptsname_r", "/dev/ptmx", rc);
        }

        return Marshal.PtrToStringUTF8((IntPtr)name) ?? throw new IOException("ptsname_r returned no name");
    }

    private static void Check(int rc, string operation)
    {
        if (rc < 0)
        {
            throw PosixErrors.LastIo(operation, "/dev/ptmx");
        }
    }

    private sealed class MasterTransport : IByteTransport
    {
        private readonly SafeFileDescriptor _fd;
        private readonly string _label;
        private readonly int _writeTimeoutMs;

        public MasterTransport(SafeFileDescriptor fd, string slavePath, int writeTimeoutMs)
        {
            _fd = fd;
            _label = "pty master of " + slavePath;
            _writeTimeoutMs = writeTimeoutMs;
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            return FdIo.Read(_fd, _label, buffer, offset, count);
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            FdIo.WriteAll(_fd, _label, buffer, offset, count, _writeTimeoutMs);
        }
    }
}
