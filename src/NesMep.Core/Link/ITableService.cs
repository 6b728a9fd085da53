namespace NesMep.Core.Link
{
    /// <summary>
    /// The table service a meter link offers: one C12.19 table request at a time (full or partial read or write;
    /// a procedure is a BT07 write then a BT08/ET59 read), driven by <see cref="Poll"/> under the link's clock.
    /// It is the seam between the table model and the wire, drawn where termineter draws it: a C12.18 link offers
    /// table reads and writes, and the C12.19 table model only uses that service. <c>MepLink</c> (MEP, protocol
    /// reference §3–4) and the C12.18 optical link (§13) both implement it, and <c>MeterPoller</c> with all its parts
    /// and the views depend on nothing else. What is particular to one link stays behind it: MEP's sequence learning,
    /// digests, 00 00 alerts (reported only as <see cref="LinkEvent.Attention"/>) and sequence jumps (reported only
    /// as <see cref="ConfigurationChangeHints"/>); C12.18's session, packets, ACK/NAK and toggle bit.
    /// Contract: no member allocates in steady operation; the reply window stays valid until the next
    /// <see cref="Submit"/>; one caller (the poll thread, or whoever holds the module lock).
    /// </summary>
    public interface ITableService
    {
        /// <summary>Which link this is, as settings, JSON and metrics name it: "mep" or "optical" (<see cref="LinkKind"/>).</summary>
        string LinkName { get; }

        /// <summary>True when a request may be submitted now.</summary>
        bool CanSubmit { get; }

        /// <summary>True while a request is outstanding or the link is recovering (reset, new session).</summary>
        bool Busy { get; }

        /// <summary>
        /// When <see cref="Poll"/> next has something to do if no byte arrives before; with no request outstanding,
        /// the time <see cref="CanSubmit"/> turns true. May be early, never late. Pure query.
        /// </summary>
        long NextDueMs();

        /// <summary>Null when this link can carry <paramref name="request"/>, else why not (e.g. a read larger than one reply).</summary>
        string? Check(TableRequest request);

        /// <summary>Starts <paramref name="request"/> (copied; write data referenced until completion). Only when <see cref="CanSubmit"/>.</summary>
        void Submit(TableRequest request);

        /// <summary>Advances the link: reads bytes, handles replies and timers. Call again until it returns <see cref="LinkEvent.Idle"/>.</summary>
        LinkEvent Poll();

        /// <summary>How the last request ended.</summary>
        LinkResult LastResult { get; }

        /// <summary>Response code of the last reply (0x00–0x0A numbered alike on both links, see <see cref="TableResponseCodes"/>).</summary>
        byte LastResponseCode { get; }

        /// <summary>Short stable name of <see cref="LastResponseCode"/> in this link's protocol (for JSON and logs).</summary>
        string LastResponseName { get; }

        /// <summary>Short reason for the last failure, or null.</summary>
        string? LastError { get; }

        /// <summary>The table data of the last read reply: <see cref="ReplyDataCount"/> bytes at <see cref="ReplyDataOffset"/>.</summary>
        byte[] ReplyData { get; }

        int ReplyDataOffset { get; }

        int ReplyDataCount { get; }

        /// <summary>The last request as it went on the wire (for the raw console), <see cref="RequestFrameLength"/> bytes.</summary>
        byte[] RequestFrame { get; }

        int RequestFrameLength { get; }

        /// <summary>The last accepted reply as it came off the wire, <see cref="ReplyFrameLength"/> bytes.</summary>
        byte[] ReplyFrame { get; }

        int ReplyFrameLength { get; }

        /// <summary>Clock time of the last reply the link verified (digest or CRC), or -1.</summary>
        long LastVerifiedReplyMs { get; }

        /// <summary>Key refusals in a row (MEP 0x0B, C12.18 Security refused); 0 after a verified reply.</summary>
        int ConsecutiveAuthenticationFailures { get; }

        /// <summary>True once the link can carry requests without a warm-up exchange (MEP: sequence learned; C12.18: logged on).</summary>
        bool SessionReady { get; }

        /// <summary>
        /// Grows when the link saw a sign that the meter's configuration may have changed (MEP: a sequence jump,
        /// the IDT bump of §4.3); the poller then checks the IDT version in ET04. Links without such a sign stay at 0.
        /// </summary>
        int ConfigurationChangeHints { get; }

        /// <summary>Counters every link keeps, plus its own named ones (<see cref="LinkCounters.SpecificCount"/>).</summary>
        LinkCounters Counters { get; }
    }
}
