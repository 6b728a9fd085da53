using System.Collections;
using NesMep.Core.Storage;

namespace NesMep.Core.NanoTests.Support
{
    /// <summary>An in-memory flash for the device tests (no generic collections on nanoFramework 1.x).</summary>
    public sealed class NanoFlash : IFileSystem
    {
        private readonly ArrayList _names = new ArrayList();
        private readonly ArrayList _data = new ArrayList();

        public int Count
        {
            get { return _names.Count; }
        }

        public bool Exists(string path)
        {
            return _names.IndexOf(path) >= 0;
        }

        public byte[] ReadAll(string path)
        {
            int i = _names.IndexOf(path);
            if (i < 0)
            {
                throw new System.IO.IOException("no file " + path);
            }

            byte[] stored = (byte[])_data[i]!;
            return (byte[])stored.Clone();
        }

        public void WriteAll(string path, byte[] data)
        {
            int i = _names.IndexOf(path);
            if (i < 0)
            {
                _names.Add(path);
                _data.Add(data.Clone());
            }
            else
            {
                _data[i] = data.Clone();
            }
        }

        public void Delete(string path)
        {
            int i = _names.IndexOf(path);
            if (i >= 0)
            {
                _names.RemoveAt(i);
                _data.RemoveAt(i);
            }
        }

        public void Move(string from, string to)
        {
            if (Exists(to))
            {
                throw new System.IO.IOException("target exists");
            }

            int i = _names.IndexOf(from);
            _names[i] = to;
        }
    }
}
