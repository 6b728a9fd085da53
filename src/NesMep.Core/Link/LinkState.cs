namespace NesMep.Core.Link
{
    public enum LinkState
    {
        /// <summary>Ready for a request.</summary>
        Idle = 0,

        /// <summary>Request on the wire, waiting for the reply.</summary>
        AwaitingReply = 1,

        /// <summary>Transceiver switched off/on after silent attempts.</summary>
        Resetting = 2,

        /// <summary>Waiting after 0x0B before the next request.</summary>
        BackingOff = 3,
    }
}
