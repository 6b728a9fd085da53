using System.Runtime.InteropServices;

namespace NesMep.Host.Transports;

/// <summary>Non-blocking read / write-all / poll on a file descriptor, shared by tty and pty-master transports.</summary>
internal static unsafe class FdIo
{
    /// <summary>Returns the bytes read, or 0 when nothing is waiting (EAGAIN) or at end-of-file.</summary>
    public static int Read(SafeFileDescriptor fd, string path, byte[] buffer, int offset, int count)
    {
        CheckRange(buffer, offset, count);
        if (count == 0)
        {
            return 0;
        }

        fixed (byte* p = buffer)
        {
            while (true)
            {
                nint n = LibC.read(fd, p + offset, (nuint)count);
                if (n >= 0)
                {
                    return (int)n;
                }

                int errno = Marshal.GetLastPInvokeError();
                if (errno == LibC.EAGAIN)
                {
                    return 0;
                }

                if (errno != LibC.EINTR)
                {
                    throw PosixErrors.Io("read", path, errno);
                }
            }
        }
    }

    /// <summary>Writes every byte; waits for POLLOUT when the kernel buffer is full, up to <paramref name="timeoutMs"/> in total.</summary>
    public static void WriteAll(SafeFileDescriptor fd, string path, byte[] buffer, int offset, int count, int timeoutMs)
    {
        CheckRange(buffer, offset, count);
        long deadline = Environment.TickCount64 + timeoutMs;
        fixed (byte* p = buffer)
        {
            int done = 0;
            while (done < count)
            {
                nint n = LibC.write(fd, p + offset + done, (nuint)(count - done));
                if (n > 0)
                {
                    done += (int)n;
                    continue;
                }

                int errno = n < 0 ? Marshal.GetLastPInvokeError() : LibC.EAGAIN;
                if (errno == LibC.EINTR)
                {
                    continue;
                }

                if (errno != LibC.EAGAIN)
                {
                    throw PosixErrors.Io("write", path, errno);
                }

                int left = (int)Math.Max(0, deadline - Environment.TickCount64);
                short revents = Poll(fd, path, LibC.POLLOUT, left);
                if (revents == 0)
                {
                    throw new IOException($"write timed out on '{path}' after {timeoutMs} ms ({done}/{count} bytes sent)");
                }

                if ((revents & LibC.POLLOUT) == 0)
                {
                    throw new IOException($"write failed on '{path}': device reported poll events 0x{revents:X}");
                }
            }
        }
    }

    /// <summary>poll() one fd, retrying on EINTR with the remaining time; returns revents (0 on timeout).</summary>
    public static short Poll(SafeFileDescriptor fd, string path, short events, int timeoutMs)
    {
        long deadline = Environment.TickCount64 + Math.Max(0, timeoutMs);
        bool added = false;
        fd.DangerousAddRef(ref added);
        try
        {
            var pfd = new LibC.PollFd { fd = fd.Fd, events = events };
            while (true)
            {
                int left = timeoutMs < 0 ? -1 : (int)Math.Max(0, deadline - Environment.TickCount64);
                int rc = LibC.poll(&pfd, 1, left);
                if (rc >= 0)
                {
                    return rc == 0 ? (short)0 : pfd.revents;
                }

                int errno = Marshal.GetLastPInvokeError();
                if (errno != LibC.EINTR)
                {
                    throw PosixErrors.Io("poll", path, errno);
                }
            }
        }
        finally
        {
            if (added)
            {
                fd.DangerousRelease();
            }
        }
    }

    /// <summary>Puts a tty fd into raw 8N1 with no flow control, VMIN=VTIME=0, optionally at a given speed_t.</summary>
    public static void MakeRaw(SafeFileDescriptor fd, string path, uint? speed)
    {
        if (LibC.tcgetattr(fd, out var t) != 0)
        {
            throw PosixErrors.LastIo("tcgetattr", path);
        }

        LibC.cfmakeraw(ref t);
        t.c_iflag &= ~(LibC.IXON | LibC.IXOFF | LibC.IXANY | LibC.INPCK | LibC.ISTRIP);
        t.c_cflag &= ~(LibC.CSIZE | LibC.PARENB | LibC.CSTOPB | LibC.CRTSCTS);
        t.c_cflag |= LibC.CS8 | LibC.CLOCAL | LibC.CREAD;
        t.c_cc[LibC.VMIN] = 0;
        t.c_cc[LibC.VTIME] = 0;
        if (speed is uint s && (LibC.cfsetispeed(ref t, s) != 0 || LibC.cfsetospeed(ref t, s) != 0))
        {
            throw PosixErrors.LastIo("cfsetspeed", path);
        }

        if (LibC.tcsetattr(fd, LibC.TCSANOW, in t) != 0)
        {
            throw PosixErrors.LastIo("tcsetattr", path);
        }
    }

    /// <summary>Opens a path with O_CLOEXEC so child processes (e.g. socat) never inherit it.</summary>
    public static SafeFileDescriptor Open(string path, int flags)
    {
        int fd = LibC.open(path, flags | LibC.O_CLOEXEC);
        if (fd < 0)
        {
            throw PosixErrors.LastIo("open", path);
        }

        return new SafeFileDescriptor(fd);
    }

    private static void CheckRange(byte[] buffer, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (offset < 0 || count < 0 || offset > buffer.Length - count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "offset/count outside the buffer");
        }
    }
}
