using NesMep.Core.Protocol;

namespace NesMep.Core.Link
{
    /// <summary>
    /// The MEP link's own counters on top of the common ones: digests, 0x0B/0x0C, stale replies, sequence jumps,
    /// alerts, and the frame assembler's noise (protocol reference §3.4, §4). Digest failures and 0x0B replies are
    /// the common integrity and key-refusal counts under their MEP names.
    /// </summary>
    public sealed class MepLinkCounters : LinkCounters
    {
        // Names and help texts in switches, not static arrays: the core keeps its boot-time statics small (issue 10).
        private const int Count = 9;

        private readonly MepFrameAssembler _assembler;

        public MepLinkCounters(MepFrameAssembler assembler)
        {
            _assembler = assembler;
        }

        /// <summary>Replies whose digest did not verify (the common integrity count); never decoded.</summary>
        public int DigestFailures
        {
            get { return IntegrityFailures; }
        }

        /// <summary>0x0C replies (sequence learned).</summary>
        public int SequenceErrors;

        /// <summary>Late replies to an earlier frame, recognised by their digest and ignored.</summary>
        public int StaleReplies;

        /// <summary>0x0C replies to a first transmission after the number was known (meter moved it, e.g. IDT bump).</summary>
        public int SequenceJumps;

        public int Alerts;

        public override int SpecificCount
        {
            get { return Count; }
        }

        public override string SpecificName(int i)
        {
            switch (i)
            {
                case 0: return "digest_failures";
                case 1: return "authentication_failures_0x0b";
                case 2: return "sequence_errors_0x0c";
                case 3: return "stale_replies";
                case 4: return "sequence_jumps";
                case 5: return "alerts";
                case 6: return "noise_bytes";
                case 7: return "truncated_frames";
                default: return "oversize_frames";
            }
        }

        public override string SpecificHelp(int i)
        {
            switch (i)
            {
                case 0: return "Replies rejected because their digest did not verify.";
                case 1: return "0x0B replies (authentication failure).";
                case 2: return "0x0C replies (invalid sequence number; the link learns the number from them).";
                case 3: return "Late replies to an earlier frame, recognised by their digest and ignored.";
                case 4: return "0x0C replies to a first transmission after the number was known (the meter moved it, e.g. IDT bump).";
                case 5: return "Alert sequences (00 00) from the meter.";
                case 6: return "Bytes received outside any frame (line noise).";
                case 7: return "Reply frames cut short by silence.";
                default: return "Frames announcing more than 476 bytes.";
            }
        }

        public override long SpecificValue(int i)
        {
            switch (i)
            {
                case 0: return IntegrityFailures;
                case 1: return AuthenticationFailures;
                case 2: return SequenceErrors;
                case 3: return StaleReplies;
                case 4: return SequenceJumps;
                case 5: return Alerts;
                case 6: return _assembler.NoiseBytes;
                case 7: return _assembler.TruncatedFrames;
                default: return _assembler.OversizeFrames;
            }
        }
    }
}
