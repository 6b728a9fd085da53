namespace NesMep.Simulator;

/// <summary>One processed request, for tests and the host's status page.</summary>
/// <param name="ArrivedMs">When the last byte of the frame arrived.</param>
/// <param name="ProcessedMs">When the meter processed it (throttled to one per 100 ms, §3.8).</param>
/// <param name="RequestCode">Request code byte (0x30, 0x3F, 0x40, 0x4F or anything else).</param>
/// <param name="TableId">Table id of reads/writes, else -1.</param>
/// <param name="Sequence">Sequence number carried by the request.</param>
/// <param name="Access">Key that verified.</param>
/// <param name="ResponseCode">Response code sent (or that would have been sent if the reply was lost).</param>
/// <param name="ReplyLength">Bytes of the reply frame.</param>
/// <param name="Faults">Short text of faults applied to the reply ("" when none).</param>
public sealed record RequestRecord(long ArrivedMs, long ProcessedMs, byte RequestCode, int TableId, uint Sequence,
    AccessLevel Access, byte ResponseCode, int ReplyLength, string Faults);
