namespace NesMep.Core.Link
{
    /// <summary>Link health counters since start (exposed on /api/v1/status and /metrics).</summary>
    public sealed class LinkCounters
    {
        /// <summary>Frames written, resends included.</summary>
        public int Requests;

        /// <summary>Resends of the identical frame after a silent timeout, plus re-signed resends.</summary>
        public int Retransmits;

        public int Timeouts;

        /// <summary>Replies whose digest did not verify; never decoded.</summary>
        public int DigestFailures;

        /// <summary>0x0B replies.</summary>
        public int AuthenticationFailures;

        /// <summary>0x0C replies (sequence learned).</summary>
        public int SequenceErrors;

        /// <summary>Other error codes from the meter (0x01–0x05, 0x0A).</summary>
        public int ErrorReplies;

        /// <summary>Replies that verified but did not fit the request (wrong count, write data…).</summary>
        public int MismatchedReplies;

        /// <summary>Frames that could not be parsed.</summary>
        public int MalformedReplies;

        /// <summary>Frames received while no request was outstanding.</summary>
        public int UnsolicitedFrames;

        public int TransceiverResets;

        /// <summary>Late replies to an earlier frame, recognised by their digest and ignored.</summary>
        public int StaleReplies;

        /// <summary>0x0C replies to a first transmission after the number was known (meter moved it, e.g. IDT bump).</summary>
        public int SequenceJumps;

        public int Alerts;

        public int CompletedOk;

        /// <summary>Requests given up after their retry limits.</summary>
        public int Abandoned;
    }
}
