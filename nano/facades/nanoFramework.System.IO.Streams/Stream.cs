// Facade of System.IO.Streams 1.1.96 (NuGet package nanoFramework.System.IO.Streams), System.IO.Stream.
// Declarations only, written by us from the upstream nanoframework/System.IO.Streams sources; build-time use only, never shipped.
// The 1.x Stream has no Span overloads (those came with the 2.0 previews); Read and Write take an array, offset and count.
namespace System.IO
{
    [Serializable]
    public abstract class Stream : MarshalByRefObject, IDisposable
    {
        protected Stream() => throw null;
        public abstract bool CanRead { get; }
        public abstract bool CanSeek { get; }
        public abstract bool CanWrite { get; }
        public virtual bool CanTimeout => throw null;
        public abstract long Length { get; }
        public abstract long Position { get; set; }
        public virtual int ReadTimeout { get => throw null; set => throw null; }
        public virtual int WriteTimeout { get => throw null; set => throw null; }

        public virtual void Close() => throw null;
        public void Dispose() => throw null;
        protected virtual void Dispose(bool disposing) => throw null;
        public abstract void Flush();
        public abstract long Seek(long offset, SeekOrigin origin);
        public abstract void SetLength(long value);
        public abstract int Read(byte[] buffer, int offset, int count);
        public virtual int ReadByte() => throw null;
        public abstract void Write(byte[] buffer, int offset, int count);
        public virtual void WriteByte(byte value) => throw null;
    }
}
