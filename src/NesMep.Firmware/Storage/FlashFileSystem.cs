using System.IO;
using NesMep.Core.Lifecycle;
using NesMep.Core.Storage;

namespace NesMep.Firmware.Storage
{
    /// <summary>
    /// The core's <see cref="IFileSystem"/> over System.IO.FileSystem on the littlefs drive I:. Upstream File.Move
    /// refuses an existing target and Directory.CreateDirectory is not recursive; the core's SafeFileStore only asks for
    /// what this offers (a move to a free name), so a crash at any moment leaves the old or the new settings. Append and
    /// Length are what a web UI upload needs to reach flash without being held in memory (core IAppendFileSystem).
    /// </summary>
    internal sealed class FlashFileSystem : IAppendFileSystem
    {
        /// <summary>Creates our folders (one level at a time: CreateDirectory is not recursive).</summary>
        public static void Prepare()
        {
            if (!Directory.Exists(FlashLayout.Root))
            {
                Directory.CreateDirectory(FlashLayout.Root);
            }

            if (!Directory.Exists(FlashLayout.Certificates))
            {
                Directory.CreateDirectory(FlashLayout.Certificates);
            }
        }

        public bool Exists(string path)
        {
            return File.Exists(path);
        }

        public byte[] ReadAll(string path)
        {
            using (FileStream file = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                return ReadFully(file, (int)file.Length, path);
            }
        }

        public void WriteAll(string path, byte[] data)
        {
            using (FileStream file = new FileStream(path, FileMode.Create, FileAccess.Write))
            {
                file.Write(data, 0, data.Length);
            }
        }

        public void Delete(string path)
        {
            File.Delete(path);
        }

        public void Move(string from, string to)
        {
            File.Move(from, to);
        }

        public void Append(string path, byte[] data, int offset, int count)
        {
            using (FileStream file = new FileStream(path, FileMode.Append, FileAccess.Write))
            {
                file.Write(data, offset, count);
            }
        }

        public long Length(string path)
        {
            if (!File.Exists(path))
            {
                return -1;
            }

            using (FileStream file = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                return file.Length;
            }
        }

        /// <summary>Reads <paramref name="length"/> bytes at <paramref name="offset"/> of a file (one UI file of an update pack).</summary>
        public byte[] ReadSlice(string path, int offset, int length)
        {
            using (FileStream file = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                file.Seek(offset, SeekOrigin.Begin);
                return ReadFully(file, length, path);
            }
        }

        private static byte[] ReadFully(FileStream file, int length, string path)
        {
            byte[] data = new byte[length];
            int read = 0;
            while (read < length)
            {
                int n = file.Read(data, read, length - read);
                if (n <= 0)
                {
                    throw new IOException("short read of " + path);
                }

                read += n;
            }

            return data;
        }
    }
}
