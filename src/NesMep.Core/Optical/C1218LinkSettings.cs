namespace NesMep.Core.Optical
{
    /// <summary>
    /// Timing and retry knobs of the C12.18 optical link. The defaults follow what a widely used client
    /// does (reference §13.4: one byte within 1 s after each packet, 3 resends after a 0.1 s pause,
    /// 512-byte packets, 2 packets, 9600 baud, §2.5). The C12.18 timers themselves (channel traffic
    /// timeout, response timeout) are not in the sources; the values here stay inside what the
    /// simulator's meter side expects and are marked as assumptions in docs/optical.md.
    /// </summary>
    public sealed class C1218LinkSettings
    {
        /// <summary>Line speed; every session starts at 9600 8N1 (§2.5). Used to time the bytes on the wire.</summary>
        public int BaudRate = 9600;

        /// <summary>Packet size offered in Negotiate (header and CRC included); the meter may lower it.</summary>
        public int PacketSize = 512;

        /// <summary>Packets per message offered in Negotiate; the meter may lower it.</summary>
        public int MaxPackets = 2;

        /// <summary>The ACK (or NAK) must come this long after the last byte of a packet, else it is resent.</summary>
        public int AckTimeoutMs = 1000;

        /// <summary>The reply must start this long after the ACK (the meter resends its reply once per second without our ACK).</summary>
        public int ResponseTimeoutMs = 3000;

        /// <summary>Silence inside a packet that ends it as truncated (C12.18 inter-character timeout is 500 ms).</summary>
        public int InterByteGapMs = 500;

        /// <summary>Pause before a resend after NAK or silence (§13.4).</summary>
        public int RetryPauseMs = 100;

        /// <summary>Resends of one packet after NAK or silence before the exchange fails (§13.4: 3).</summary>
        public int MaxResends = 3;

        /// <summary>NAKs sent for one reply (bad CRC) before the exchange fails.</summary>
        public int MaxNaksPerReply = 3;

        /// <summary>Read replies rejected for a bad data checksum or count before the read is given up.</summary>
        public int MaxBadReplies = 2;

        /// <summary>With a session open and nothing to read for this long, a Wait keeps the session alive.</summary>
        public int KeepAliveAfterMs = 4000;

        /// <summary>Seconds asked for in the Wait service.</summary>
        public int WaitSeconds = 10;

        /// <summary>After a failed session, bytes are drained and no new session starts for this long.</summary>
        public int SessionRetryDelayMs = 1000;

        /// <summary>Session attempts for one read before it is given up (the poller retries it later).</summary>
        public int MaxSessionAttempts = 2;

        /// <summary>Logon user id and name (NES meters require them but do not check them, §13.2).</summary>
        public int UserId = 0;

        public string UserName = "NesMep";

        /// <summary>Null when valid, else the first problem.</summary>
        public string? Validate()
        {
            if (BaudRate < 300 || BaudRate > 115200)
            {
                return "optical baud rate must be 300..115200";
            }

            if (PacketSize < C1218Codes.MinPacketSize || PacketSize > C1218Codes.MaxPacketData + C1218Codes.Overhead)
            {
                return "optical packet size must be " + C1218Codes.MinPacketSize + ".." + (C1218Codes.MaxPacketData + C1218Codes.Overhead);
            }

            if (MaxPackets < 1 || MaxPackets > 255)
            {
                return "optical packets per message must be 1..255";
            }

            if (AckTimeoutMs < 10 || ResponseTimeoutMs < 10 || InterByteGapMs < 5 || RetryPauseMs < 0 || SessionRetryDelayMs < 0)
            {
                return "optical timeouts must be positive";
            }

            if (MaxResends < 0 || MaxNaksPerReply < 0 || MaxBadReplies < 0 || MaxSessionAttempts < 1)
            {
                return "optical retry limits must not be negative";
            }

            if (KeepAliveAfterMs < 100 || WaitSeconds < 1 || WaitSeconds > 255)
            {
                return "optical keep-alive must be at least 100 ms and the Wait 1..255 s";
            }

            return null;
        }
    }
}
