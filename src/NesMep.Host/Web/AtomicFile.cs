using System.Runtime.InteropServices;

namespace NesMep.Host.Web;

/// <summary>
/// Replaces a file so that a crash at any moment leaves either the old or the new content, never a
/// mix: write a temp file in the same directory, fsync it, rename it over the target (atomic on
/// POSIX file systems), fsync the directory so the rename itself survives a power cut. The device
/// does the same on its littlefs partition.
/// </summary>
public static class AtomicFile
{
    /// <summary>Prefix of temp files; a crash can leave one behind, and nothing ever reads them.</summary>
    public const string TempMarker = ".tmp-";

    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="path"/> readable by the owner only.
    /// <paramref name="wrap"/> lets tests put a failing stream between the writer and the temp file.
    /// </summary>
    public static void Write(string path, byte[] content, Func<Stream, Stream>? wrap = null)
    {
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir))
        {
            Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        string temp = Path.Combine(dir, "." + Path.GetFileName(full) + TempMarker + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)));
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            };
            using (var file = new FileStream(temp, options))
            {
                Stream target = wrap?.Invoke(file) ?? file;
                target.Write(content);
                target.Flush();
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        SyncDirectory(dir);
    }

    /// <summary>
    /// Deletes the temp files a killed or powered-off <see cref="Write"/> of <paramref name="path"/>
    /// left behind (".name.tmp-" plus 8 hex digits, nothing else); called at start, when no save
    /// runs. Returns how many were removed.
    /// </summary>
    public static int RemoveLeftovers(string path)
    {
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full)!;
        string prefix = "." + Path.GetFileName(full) + TempMarker;
        if (!Directory.Exists(dir))
        {
            return 0;
        }

        int removed = 0;
        foreach (string file in Directory.EnumerateFiles(dir, prefix + "*"))
        {
            string suffix = Path.GetFileName(file).Substring(prefix.Length);
            if (suffix.Length == 8 && suffix.All(Uri.IsHexDigit) && TryDelete(file))
            {
                removed++;
            }
        }

        return removed;
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next start; nothing reads temp files.
            return false;
        }
    }

    /// <summary>fsync on the directory makes the rename durable; best effort (some file systems refuse).</summary>
    private static void SyncDirectory(string dir)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        int fd = Open(dir, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            return;
        }

        Fsync(fd);
        Close(fd);
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
