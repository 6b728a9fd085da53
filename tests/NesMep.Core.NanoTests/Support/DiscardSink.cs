using NesMep.Core.Web;

namespace NesMep.Core.NanoTests.Support
{
    /// <summary>
    /// A response sink that keeps none of the body: it counts the bytes, the writes and the largest write,
    /// so a test sees how a body was streamed without the copy distorting the memory figures.
    /// </summary>
    public sealed class DiscardSink : IResponseSink
    {
        public int StatusCode { get; private set; }

        public long Bytes { get; private set; }

        public int Writes { get; private set; }

        public int LargestWrite { get; private set; }

        /// <summary>Forgets the counts of earlier responses.</summary>
        public void Clear()
        {
            StatusCode = 0;
            Bytes = 0;
            Writes = 0;
            LargestWrite = 0;
        }

        public void Status(int code)
        {
            StatusCode = code;
        }

        public void Header(string name, string value)
        {
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            Bytes += count;
            Writes++;
            if (count > LargestWrite)
            {
                LargestWrite = count;
            }
        }
    }
}
