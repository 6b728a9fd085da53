namespace NesMep.Core.Link
{
    /// <summary>Timing and retry knobs of the MEP link (defaults from protocol reference §3.8).</summary>
    public sealed class LinkSettings
    {
        /// <summary>Line speed; used to know when the last request byte has left the wire.</summary>
        public int BaudRate = 9600;

        /// <summary>Reply must start this long after the last request byte, else the identical frame is resent (§3.8).</summary>
        public int ResponseTimeoutMs = 500;

        /// <summary>Silence inside a reply that ends it as truncated. The meter pauses 25 ms per 117 bytes.</summary>
        public int InterByteGapMs = 100;

        /// <summary>The meter processes at most one request per 100 ms (§3.8).</summary>
        public int MinRequestGapMs = 100;

        /// <summary>Transmissions without any reply before the transceiver is reset.</summary>
        public int SilentAttemptsBeforeReset = 3;

        /// <summary>
        /// Transceiver resets for one request before it is given up, so one request the meter never
        /// answers cannot hold the whole schedule (the scheduler retries it later).
        /// </summary>
        public int MaxResetsPerRequest = 3;

        /// <summary>How long the transceiver stays off during a reset.</summary>
        public int ResetOffMs = 500;

        /// <summary>Wait after power returns before sending again (line settles, input drained).</summary>
        public int ResetSettleMs = 500;

        /// <summary>Back-to-back 0x0C replies to one request before it is given up (a fresh request follows).</summary>
        public int MaxSequenceRetries = 3;

        /// <summary>Replies rejected (bad digest, wrong shape) for one request before it is given up.</summary>
        public int MaxBadReplies = 4;

        /// <summary>First wait after a 0x0B; doubles per consecutive 0x0B up to the maximum.</summary>
        public int AuthBackoffMinMs = 2000;

        public int AuthBackoffMaxMs = 60000;

        /// <summary>Null when valid, else the first problem.</summary>
        public string? Validate()
        {
            if (BaudRate < 300 || BaudRate > 115200)
            {
                return "baud rate must be 300..115200";
            }

            if (ResponseTimeoutMs < 100 || ResponseTimeoutMs > 30000)
            {
                return "response timeout must be 100..30000 ms";
            }

            if (InterByteGapMs < 20 || InterByteGapMs > 5000)
            {
                return "inter-byte gap must be 20..5000 ms";
            }

            if (MinRequestGapMs < 0 || MinRequestGapMs > 10000)
            {
                return "minimum request gap must be 0..10000 ms";
            }

            if (SilentAttemptsBeforeReset < 1 || SilentAttemptsBeforeReset > 100)
            {
                return "silent attempts before reset must be 1..100";
            }

            if (ResetOffMs < 0 || ResetOffMs > 60000 || ResetSettleMs < 0 || ResetSettleMs > 60000)
            {
                return "reset times must be 0..60000 ms";
            }

            if (MaxSequenceRetries < 1 || MaxBadReplies < 1 || MaxResetsPerRequest < 1)
            {
                return "retry limits must be at least 1";
            }

            if (AuthBackoffMinMs < 100 || AuthBackoffMaxMs < AuthBackoffMinMs)
            {
                return "0x0B backoff must be at least 100 ms and max ≥ min";
            }

            return null;
        }
    }
}
