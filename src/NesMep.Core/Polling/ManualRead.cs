using NesMep.Core.Link;
using NesMep.Core.Protocol;

namespace NesMep.Core.Polling
{
    /// <summary>
    /// A one-off read requested by a person (raw MEP console). It jumps the queue; only reads are
    /// accepted, never writes or procedures. The result keeps copies of both frames for display.
    /// Fields are written by the poll thread; readers take the host's poller lock.
    /// </summary>
    public sealed class ManualRead
    {
        public const int StateIdle = 0;
        public const int StateQueued = 1;
        public const int StateRunning = 2;
        public const int StateDone = 3;

        public readonly MepRequest Request = new MepRequest();
        public readonly byte[] RequestFrame = new byte[2 + MepCodes.MaxFrameBody];
        public readonly byte[] ResponseFrame = new byte[2 + MepCodes.MaxFrameBody];

        public int State;
        public int RequestLength;
        public int ResponseLength;
        public LinkResult Result;
        public byte ResponseCode;
        public string? Error;
    }
}
