using System.Runtime.InteropServices;

namespace NesMep.Host.Transports;

/// <summary>
/// Owns a file descriptor. Passing it to P/Invoke keeps it alive for the call, so a Dispose racing a
/// Read cannot close the fd (and let the kernel reuse its number) while the call is in flight.
/// </summary>
internal sealed class SafeFileDescriptor : SafeHandle
{
    public SafeFileDescriptor(int fd)
        : base(new IntPtr(-1), ownsHandle: true)
    {
        SetHandle(new IntPtr(fd));
    }

    public override bool IsInvalid => handle.ToInt64() < 0;

    public int Fd => (int)handle.ToInt64();

    protected override bool ReleaseHandle()
    {
        return LibC.close((int)handle.ToInt64()) == 0;
    }
}
