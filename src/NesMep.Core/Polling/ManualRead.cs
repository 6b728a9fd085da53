using NesMep.Core.Link;

namespace NesMep.Core.Polling
{
    /// <summary>
    /// A one-off read requested by a person (raw console). It jumps the queue; only reads are
    /// accepted, never writes or procedures. The result keeps copies of both wire frames for display.
    /// Fields are written by the poll thread; readers take the host's poller lock.
    /// </summary>
    public sealed class ManualRead
    {
        public const int StateIdle = 0;
        public const int StateQueued = 1;
        public const int StateRunning = 2;
        public const int StateDone = 3;

        /// <summary>Bytes of each frame kept for display: a whole MEP frame (2 + 476, §3.1) with room to spare.</summary>
        public const int FrameCapacity = 512;

        public readonly TableRequest Request = new TableRequest();
        public readonly byte[] RequestFrame = new byte[FrameCapacity];
        public readonly byte[] ResponseFrame = new byte[FrameCapacity];

        public int State;
        public int RequestLength;
        public int ResponseLength;
        public LinkResult Result;
        public byte ResponseCode;
        public string? Error;
    }
}
