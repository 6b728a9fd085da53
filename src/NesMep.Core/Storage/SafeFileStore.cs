namespace NesMep.Core.Storage
{
    /// <summary>
    /// Saves one file so that a crash or power cut at any moment leaves either the previous or the new
    /// content, never a mix — on file systems that cannot replace a file atomically (the device's flash).
    /// Save writes "name.new" and checks it, then moves the old file to "name.bak", then "name.new" to
    /// "name", then deletes the backup. Load repairs what an interrupted save left: a complete file
    /// wins; without one, the backup (the previous content) is restored; a stray "name.new" is dropped.
    /// The Linux host gets the same guarantee from rename-over (POSIX atomic) in its own AtomicFile.
    /// </summary>
    public sealed class SafeFileStore
    {
        private readonly IFileSystem _fs;
        private readonly string _path;
        private readonly string _new;
        private readonly string _backup;

        public SafeFileStore(IFileSystem fileSystem, string path)
        {
            _fs = fileSystem;
            _path = path;
            _new = path + ".new";
            _backup = path + ".bak";
        }

        /// <summary>The stored content, or null when nothing was ever saved.</summary>
        public byte[]? Load()
        {
            if (_fs.Exists(_path))
            {
                if (_fs.Exists(_new))
                {
                    _fs.Delete(_new); // an unfinished save; the current file is complete
                }

                if (_fs.Exists(_backup))
                {
                    _fs.Delete(_backup); // crash after the swap, before the clean-up
                }

                return _fs.ReadAll(_path);
            }

            if (_fs.Exists(_backup))
            {
                // Crash between moving the old file away and moving the new one in: keep the previous settings.
                if (_fs.Exists(_new))
                {
                    _fs.Delete(_new);
                }

                _fs.Move(_backup, _path);
                return _fs.ReadAll(_path);
            }

            if (_fs.Exists(_new))
            {
                _fs.Delete(_new); // first save ever was interrupted: there is nothing to keep
            }

            return null;
        }

        /// <summary>Stores <paramref name="data"/>; returns null, or why nothing was changed.</summary>
        public string? Save(byte[] data)
        {
            Load(); // finish or undo an earlier interrupted save first
            _fs.WriteAll(_new, data);
            if (!SameBytes(_fs.ReadAll(_new), data))
            {
                _fs.Delete(_new);
                return "the new settings did not read back correctly; the previous settings are kept";
            }

            bool hadOld = _fs.Exists(_path);
            if (hadOld)
            {
                _fs.Move(_path, _backup);
            }

            _fs.Move(_new, _path);
            if (hadOld)
            {
                _fs.Delete(_backup);
            }

            return null;
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
