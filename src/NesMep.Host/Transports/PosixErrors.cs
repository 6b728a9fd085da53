using System.Runtime.InteropServices;

namespace NesMep.Host.Transports;

/// <summary>Turns the last libc errno into exceptions and messages that name the device.</summary>
internal static class PosixErrors
{
    public static string Describe(string operation, string path, int errno)
    {
        return $"{operation} failed on '{path}': {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
    }

    public static IOException Io(string operation, string path, int errno)
    {
        return new IOException(Describe(operation, path, errno));
    }

    public static IOException LastIo(string operation, string path)
    {
        return Io(operation, path, Marshal.GetLastPInvokeError());
    }
}
