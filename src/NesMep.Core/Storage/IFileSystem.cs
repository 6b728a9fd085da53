namespace NesMep.Core.Storage
{
    /// <summary>
    /// The few file operations the settings store needs, as the device's flash file system offers
    /// them (nanoFramework System.IO.File on the littlefs "I:" drive). Nothing here is assumed atomic
    /// except <see cref="Move"/> of one file to a name that does not exist yet.
    /// </summary>
    public interface IFileSystem
    {
        bool Exists(string path);

        byte[] ReadAll(string path);

        /// <summary>Creates or replaces the file; a crash may leave it partly written.</summary>
        void WriteAll(string path, byte[] data);

        void Delete(string path);

        /// <summary>Renames to a name that does not exist.</summary>
        void Move(string from, string to);
    }
}
