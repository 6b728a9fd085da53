namespace NesMep.Core.Network
{
    /// <summary>What reading a DNS packet found; anything but <see cref="Ok"/> means the packet is refused.</summary>
    public enum DnsParse
    {
        Ok,

        /// <summary>The packet ends inside the header, a name or a question.</summary>
        Truncated,

        /// <summary>A label length byte with the reserved 0x40/0x80 prefix.</summary>
        BadLabel,

        /// <summary>A compression pointer outside the packet or into the header.</summary>
        BadPointer,

        /// <summary>A compression pointer that does not point before every earlier part of its name (a loop, or a forward jump).</summary>
        PointerLoop,

        /// <summary>A name longer than 255 bytes once expanded.</summary>
        NameTooLong,

        /// <summary>A unicast DNS query must ask exactly one question.</summary>
        NotOneQuestion,

        /// <summary>All questions of the header were read.</summary>
        NoMoreQuestions,
    }
}
