using NesMep.Core.Storage;

namespace NesMep.Core.Lifecycle
{
    /// <summary>
    /// <see cref="IFileSystem"/> plus the two calls an upload needs to reach flash without being
    /// held in memory (nanoFramework: a FileStream opened with FileMode.Append; Linux: the same).
    /// </summary>
    public interface IAppendFileSystem : IFileSystem
    {
        /// <summary>Adds bytes at the end of the file, creating it when missing; a cut may leave part of them.</summary>
        void Append(string path, byte[] data, int offset, int count);

        /// <summary>The file's length in bytes, or -1 when it does not exist.</summary>
        long Length(string path);
    }
}
