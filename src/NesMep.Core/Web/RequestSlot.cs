using NesMep.Core.Json;

namespace NesMep.Core.Web
{
    /// <summary>
    /// What one request in progress owns: the body buffer and a JSON writer over it. The dispatcher
    /// keeps one per allowed concurrent request and reuses them, so serving allocates no body buffers.
    /// </summary>
    public sealed class RequestSlot
    {
        public RequestSlot(int chunkBytes)
        {
            Body = new BodyWriter(chunkBytes);
            Json = new JsonWriter(Body);
        }

        public BodyWriter Body { get; private set; }

        public JsonWriter Json { get; private set; }

        internal bool Busy;
    }
}
