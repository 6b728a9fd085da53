using NesMep.Core.Storage;

namespace NesMep.Host.Web;

/// <summary>
/// The core's <see cref="IFileSystem"/> on Linux, for <see cref="NesMep.Core.Storage.SafeFileStore"/>:
/// files are written owner-only (settings hold secrets) into a private directory created on demand.
/// </summary>
public sealed class LocalFileSystem : IFileSystem
{
    public static readonly LocalFileSystem Instance = new();

    public bool Exists(string path) => File.Exists(path);

    public byte[] ReadAll(string path) => File.ReadAllBytes(path);

    public void WriteAll(string path, byte[] data) => AtomicFile.Write(path, data);

    public void Delete(string path) => File.Delete(path);

    public void Move(string from, string to) => File.Move(from, to, overwrite: false);
}
