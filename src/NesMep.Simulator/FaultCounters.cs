namespace NesMep.Simulator;

/// <summary>How many faults of each kind were injected (for tests and soak reports).</summary>
public sealed class FaultCounters
{
    public int BytesLost { get; internal set; }

    public int BytesCorrupted { get; internal set; }

    public int RepliesDropped { get; internal set; }

    public int RepliesDelayed { get; internal set; }

    public int RepliesDuplicated { get; internal set; }

    public int LockUps { get; internal set; }

    /// <summary>Lock-ups that cleared because the line was idle for the power-cycle time (not by ENABLE).</summary>
    public int LockUpsClearedByIdle { get; internal set; }

    /// <summary>Requests that arrived while the transceiver was locked up (never seen by the meter).</summary>
    public int RequestsIgnoredLockedUp { get; internal set; }

    public int SequenceJumps { get; internal set; }

    public int NoiseBursts { get; internal set; }

    public int NoiseBytes { get; internal set; }

    /// <summary>
    /// Oversize full reads answered 0x05. The meter's default answer, not an injected fault: it is
    /// reported but left out of <see cref="Total"/>.
    /// </summary>
    public int OversizeRefused { get; internal set; }

    public int OversizeTruncated { get; internal set; }

    public int OversizeSent { get; internal set; }

    /// <summary>Bytes lost in either direction while <see cref="FaultInjector.CutLink"/> was set.</summary>
    public int BytesLostLinkCut { get; internal set; }

    /// <summary>Faults injected (what `nesmep simulate` prints when it stops); excludes <see cref="OversizeRefused"/>.</summary>
    public int Total =>
        BytesLost + BytesCorrupted + RepliesDropped + RepliesDelayed + RepliesDuplicated + LockUps +
        SequenceJumps + NoiseBursts + OversizeTruncated + OversizeSent + BytesLostLinkCut;

    public override string ToString() =>
        $"lost={BytesLost} corrupted={BytesCorrupted} dropped={RepliesDropped} late={RepliesDelayed} " +
        $"dup={RepliesDuplicated} lockups={LockUps} (idle-cleared {LockUpsClearedByIdle}) seqjumps={SequenceJumps} noise={NoiseBursts} " +
        $"oversize(refused/truncated/sent)={OversizeRefused}/{OversizeTruncated}/{OversizeSent} cut={BytesLostLinkCut}";
}
