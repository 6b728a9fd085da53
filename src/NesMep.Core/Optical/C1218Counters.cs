namespace NesMep.Core.Optical
{
    /// <summary>Health counters of the optical link since start (what a C12.18 link has; MEP has its own).</summary>
    public sealed class C1218Counters
    {
        /// <summary>Packets written, resends included.</summary>
        public int PacketsSent;

        /// <summary>Resends of the same packet after a NAK or silence.</summary>
        public int Resends;

        public int NaksReceived;

        /// <summary>Packets from the meter whose CRC failed (answered NAK, never decoded).</summary>
        public int NaksSent;

        /// <summary>Packets the meter sent again after our ACK was lost (same toggle and CRC), ACKed and ignored.</summary>
        public int DuplicatePackets;

        /// <summary>Packets that arrived while none was expected (e.g. late ones after a failed session).</summary>
        public int UnexpectedPackets;

        /// <summary>No ACK, or no reply, in time.</summary>
        public int Timeouts;

        /// <summary>Read replies whose 1-byte data checksum (or count) did not match: rejected, never decoded.</summary>
        public int ChecksumFailures;

        /// <summary>Replies with a response code other than ok.</summary>
        public int ErrorReplies;

        /// <summary>Sessions started with Identify, and those that failed before or during reads.</summary>
        public int Sessions;

        public int SessionFailures;

        /// <summary>Wait services sent to keep an idle session open.</summary>
        public int KeepAlives;

        public int CompletedOk;

        /// <summary>Reads given up after the retry limits.</summary>
        public int Abandoned;
    }
}
