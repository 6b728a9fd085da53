// Facade of System.IO.FileSystem 1.1.87 (NuGet package nanoFramework.System.IO.FileSystem), System.IO.FileStream, FileMode and FileAccess.
// Declarations only, written by us from the upstream nanoframework/System.IO.FileSystem sources; build-time use only, never shipped.
// 1.1.87 is the version the nanoframework/Samples WebServer.GpioRest sample pairs with CoreLibrary 1.17.11. On ESP32
// the internal flash is the littlefs drive I:\. Every Write goes to the file system at once (Flush does nothing).
namespace System.IO
{
    public class FileStream : Stream
    {
        public FileStream(string path, FileMode mode) => throw null;
        public FileStream(string path, FileMode mode, FileAccess access) => throw null;

        public string Name => throw null;
        public string FilePath => throw null;
        public override bool CanRead => throw null;
        public override bool CanSeek => throw null;
        public override bool CanWrite => throw null;
        public override long Length => throw null;
        public override long Position { get => throw null; set => throw null; }

        public override void Close() => throw null;
        protected override void Dispose(bool disposing) => throw null;
        public override void Flush() => throw null;
        public override int Read(byte[] buffer, int offset, int count) => throw null;
        public override int ReadByte() => throw null;
        public override long Seek(long offset, SeekOrigin origin) => throw null;
        public override void SetLength(long value) => throw null;
        public override void Write(byte[] buffer, int offset, int count) => throw null;
    }

    public enum FileMode
    {
        CreateNew = 1,
        Create = 2,
        Open = 3,
        OpenOrCreate = 4,
        Truncate = 5,
        Append = 6,
    }

    [Flags]
    public enum FileAccess
    {
        Read = 1,
        Write = 2,
        ReadWrite = 3,
    }
}
