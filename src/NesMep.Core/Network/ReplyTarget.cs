namespace NesMep.Core.Network
{
    /// <summary>Where the transport sends a responder's reply.</summary>
    public enum ReplyTarget
    {
        /// <summary>No reply at all.</summary>
        None,

        /// <summary>Back to the address and port the request came from.</summary>
        Sender,

        /// <summary>To the mDNS group 224.0.0.251:5353.</summary>
        Multicast,
    }
}
