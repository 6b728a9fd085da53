using System.IO;
using NesMep.Core.Storage;

namespace NesMep.Firmware.Storage
{
    /// <summary>
    /// The core's <see cref="IFileSystem"/> over System.IO.FileSystem on the littlefs drive I:. Upstream File.Move
    /// refuses an existing target and Directory.CreateDirectory is not recursive; the core's SafeFileStore only asks for
    /// what this offers (a move to a free name), so a crash at any moment leaves the old or the new settings.
    /// </summary>
    internal sealed class FlashFileSystem : IFileSystem
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
                byte[] data = new byte[(int)file.Length];
                int read = 0;
                while (read < data.Length)
                {
                    int n = file.Read(data, read, data.Length - read);
                    if (n <= 0)
                    {
                        throw new IOException("short read of " + path);
                    }

                    read += n;
                }

                return data;
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
    }
}
