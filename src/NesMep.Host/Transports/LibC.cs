using System.Runtime.InteropServices;

namespace NesMep.Host.Transports;

/// <summary>
/// Raw libc entry points and constants for Linux on x86_64 and aarch64 (glibc or musl).
/// Both arches use the asm-generic values below and the same 60-byte glibc <c>struct termios</c>;
/// other arches (mips, ppc, sparc, alpha) differ and are not supported.
/// </summary>
internal static unsafe class LibC
{
    private const string Lib = "libc";

    // open(2) flags
    public const int O_RDWR = 0x2;
    public const int O_NOCTTY = 0x100;
    public const int O_NONBLOCK = 0x800;
    public const int O_CLOEXEC = 0x80000;

    // fcntl(2)
    public const int F_SETFD = 2;
    public const int F_GETFL = 3;
    public const int F_SETFL = 4;
    public const int FD_CLOEXEC = 1;

    // errno
    public const int EINTR = 4;
    public const int EIO = 5;
    public const int EAGAIN = 11;
    public const int EINVAL = 22;
    public const int ENOTTY = 25;

    // poll(2)
    public const short POLLIN = 0x1;
    public const short POLLOUT = 0x4;
    public const short POLLERR = 0x8;
    public const short POLLHUP = 0x10;
    public const short POLLNVAL = 0x20;

    // c_iflag
    public const uint IGNBRK = 0x1, BRKINT = 0x2, PARMRK = 0x8, INPCK = 0x10, ISTRIP = 0x20;
    public const uint INLCR = 0x40, IGNCR = 0x80, ICRNL = 0x100, IXON = 0x400, IXANY = 0x800, IXOFF = 0x1000;

    // c_oflag
    public const uint OPOST = 0x1;

    // c_cflag
    public const uint CSIZE = 0x30, CS8 = 0x30, CSTOPB = 0x40, CREAD = 0x80, PARENB = 0x100;
    public const uint CLOCAL = 0x800, CBAUD = 0x100F, CRTSCTS = 0x80000000;

    // c_lflag
    public const uint ISIG = 0x1, ICANON = 0x2, ECHO = 0x8, ECHONL = 0x40, IEXTEN = 0x8000;

    // c_cc indexes
    public const int VTIME = 5;
    public const int VMIN = 6;

    // tcsetattr / tcflush
    public const int TCSANOW = 0;
    public const int TCIFLUSH = 0;

    // modem-line ioctls (same numbers on x86_64 and aarch64)
    public const nuint TIOCMGET = 0x5415;
    public const nuint TIOCMBIS = 0x5416;
    public const nuint TIOCMBIC = 0x5417;
    public const int TIOCM_DTR = 0x002;
    public const int TIOCM_RTS = 0x004;
    public const int TIOCM_CTS = 0x020;
    public const int TIOCM_CAR = 0x040;
    public const int TIOCM_DSR = 0x100;

    /// <summary>glibc <c>struct termios</c> (NCCS = 32); sizeof must be 60.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Termios
    {
        public uint c_iflag;
        public uint c_oflag;
        public uint c_cflag;
        public uint c_lflag;
        public byte c_line;
        public fixed byte c_cc[32];
        public uint c_ispeed;
        public uint c_ospeed;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int fd;
        public short events;
        public short revents;
    }

    [DllImport(Lib, SetLastError = true)]
    public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport(Lib, SetLastError = true)]
    public static extern int close(int fd);

    [DllImport(Lib, SetLastError = true)]
    public static extern nint read(SafeFileDescriptor fd, byte* buf, nuint count);

    [DllImport(Lib, SetLastError = true)]
    public static extern nint write(SafeFileDescriptor fd, byte* buf, nuint count);

    [DllImport(Lib, SetLastError = true)]
    public static extern int poll(PollFd* fds, nuint nfds, int timeoutMs);

    [DllImport(Lib, SetLastError = true)]
    public static extern int tcgetattr(SafeFileDescriptor fd, out Termios termios);

    [DllImport(Lib, SetLastError = true)]
    public static extern int tcsetattr(SafeFileDescriptor fd, int optionalActions, in Termios termios);

    [DllImport(Lib, SetLastError = true)]
    public static extern int cfsetispeed(ref Termios termios, uint speed);

    [DllImport(Lib, SetLastError = true)]
    public static extern int cfsetospeed(ref Termios termios, uint speed);

    [DllImport(Lib)]
    public static extern uint cfgetospeed(in Termios termios);

    [DllImport(Lib)]
    public static extern void cfmakeraw(ref Termios termios);

    [DllImport(Lib, SetLastError = true)]
    public static extern int tcflush(SafeFileDescriptor fd, int queueSelector);

    // ioctl and fcntl are variadic; on Linux x86_64/aarch64 a trailing int/pointer is passed like a fixed argument.
    [DllImport(Lib, SetLastError = true)]
    public static extern int ioctl(SafeFileDescriptor fd, nuint request, int* arg);

    [DllImport(Lib, SetLastError = true)]
    public static extern int fcntl(SafeFileDescriptor fd, int cmd, int arg);

    [DllImport(Lib, SetLastError = true)]
    public static extern int posix_openpt(int flags);

    [DllImport(Lib, SetLastError = true)]
    public static extern int grantpt(SafeFileDescriptor fd);

    [DllImport(Lib, SetLastError = true)]
    public static extern int unlockpt(SafeFileDescriptor fd);

    /// <summary>Returns 0 or an errno value (not -1).</summary>
    [DllImport(Lib, SetLastError = true)]
    public static extern int ptsname_r(SafeFileDescriptor fd, byte* buf, nuint buflen);
}
