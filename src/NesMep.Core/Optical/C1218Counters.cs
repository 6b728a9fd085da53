using NesMep.Core.Link;

namespace NesMep.Core.Optical
{
    /// <summary>
    /// The optical link's own counters on top of the common ones (reference §13.1): NAKs both ways, read
    /// replies with a bad data checksum, packets the meter repeated, sessions and keep-alives, and the
    /// packet assembler's noise. The common counts mean on this link: Requests = packets sent, Retransmits =
    /// resends after NAK or silence, IntegrityFailures = bad CRC plus bad data checksum, AuthenticationFailures =
    /// Security refused, UnsolicitedFrames = packets nobody waited for, TransceiverResets = fresh sessions after errors.
    /// </summary>
    public sealed class C1218Counters : LinkCounters
    {
        // Names and help texts in switches, not static arrays: the core keeps its boot-time statics small (issue 10).
        private const int Count = 9;

        private readonly C1218PacketAssembler _assembler;

        public C1218Counters(C1218PacketAssembler assembler)
        {
            _assembler = assembler;
        }

        public int NaksReceived;

        /// <summary>Packets from the meter whose CRC failed (answered NAK, never decoded).</summary>
        public int NaksSent;

        /// <summary>Read replies whose 1-byte data checksum (or count) did not match: rejected, never decoded.</summary>
        public int ChecksumFailures;

        /// <summary>Packets the meter sent again after our ACK was lost (same toggle and CRC), ACKed and ignored.</summary>
        public int DuplicatePackets;

        /// <summary>Sessions started with Identify.</summary>
        public int Sessions;

        /// <summary>Wait services sent to keep an idle session open.</summary>
        public int KeepAlives;

        public override int SpecificCount
        {
            get { return Count; }
        }

        public override string SpecificName(int i)
        {
            switch (i)
            {
                case 0: return "naks_received";
                case 1: return "naks_sent";
                case 2: return "checksum_failures";
                case 3: return "duplicate_packets";
                case 4: return "sessions";
                case 5: return "keep_alives";
                case 6: return "security_refused";
                case 7: return "noise_bytes";
                default: return "truncated_packets";
            }
        }

        public override string SpecificHelp(int i)
        {
            switch (i)
            {
                case 0: return "NAKs from the meter (the first one of a session is the shared UART switching over).";
                case 1: return "Packets from the meter with a bad CRC, answered NAK and never decoded.";
                case 2: return "Read replies with a bad 1-byte data checksum or count, rejected and never decoded.";
                case 3: return "Packets the meter repeated after a lost ACK (same toggle bit and CRC), ignored.";
                case 4: return "Optical sessions started (Identify).";
                case 5: return "Wait services sent to keep an idle session open.";
                case 6: return "Security services the meter refused (wrong or missing optical key).";
                case 7: return "Bytes received outside any packet (line noise).";
                default: return "Packets cut short by silence.";
            }
        }

        public override long SpecificValue(int i)
        {
            switch (i)
            {
                case 0: return NaksReceived;
                case 1: return NaksSent;
                case 2: return ChecksumFailures;
                case 3: return DuplicatePackets;
                case 4: return Sessions;
                case 5: return KeepAlives;
                case 6: return AuthenticationFailures;
                case 7: return _assembler.NoiseBytes;
                default: return _assembler.TruncatedPackets;
            }
        }
    }
}
