namespace NesMep.Simulator;

/// <summary>
/// Probabilities of the line and meter faults that reproduce the field bugs (reference §14 item 9,
/// §12). Every rate is a probability in 0..1: per request, per reply byte or per idle second as
/// noted. All draws come from one <see cref="System.Random"/> seeded with <see cref="Seed"/>, so a
/// run under a virtual clock is repeatable. Default: no faults.
/// </summary>
public sealed class FaultOptions
{
    public int Seed { get; set; } = 4711;

    /// <summary>Per reply byte: the byte never arrives (a UART framing error at the client).</summary>
    public double ByteLossRate { get; set; }

    /// <summary>Per reply byte: one bit flipped. The client's response digest must catch it (§3.4).</summary>
    public double ByteCorruptionRate { get; set; }

    /// <summary>Per request: processed (sequence consumed) but the reply is lost (§4.3 real capture).</summary>
    public double DropReplyRate { get; set; }

    /// <summary>Per request: the reply leaves <see cref="LateReplyDelayMs"/> late.</summary>
    public double LateReplyRate { get; set; }

    /// <summary>Extra delay of a late reply: above 500 ms (client retransmits) or above 10 s (Dabbler power cycle).</summary>
    public int LateReplyDelayMs { get; set; } = 700;

    /// <summary>Per request: the reply is sent twice.</summary>
    public double DuplicateReplyRate { get; set; }

    /// <summary>
    /// Per request: the transceiver locks up and stays silent until ENABLE is cycled (§2.4) or the
    /// line has been idle for <see cref="LockUpClearsAfterIdleMs"/>.
    /// </summary>
    public double LockUpRate { get; set; }

    /// <summary>
    /// The power-cycle time: a lock-up also clears once no byte has come from the client for this
    /// long (0 = only ENABLE clears it). It stands in for the client's power cycle where the meter
    /// cannot see ENABLE (served over TCP, a pty, or a serial port without the ENABLE wire): a client
    /// that power-cycles is silent at least this long (NesMep: 500 ms timeout + 500 ms off + 500 ms
    /// settle; Dabbler: a 10 s timeout and ~2 s off, §2.4), while plain retransmissions every 500 ms
    /// (§3.8) keep it locked, as they would a real locked transceiver.
    /// </summary>
    public int LockUpClearsAfterIdleMs { get; set; } = 1000;

    /// <summary>Per request: the meter's sequence number jumps by <see cref="SequenceJumpSize"/> first (IDT bump, §4.3).</summary>
    public double SequenceJumpRate { get; set; }

    public int SequenceJumpSize { get; set; } = 25;

    /// <summary>Per idle second: a burst of line noise (random bytes or a stray <c>00 00</c>).</summary>
    public double NoiseRatePerSecond { get; set; }

    /// <summary>Full reads that do not fit (reference §14 item 5): refuse, truncate or send the oversize frame.</summary>
    public OversizeFullReadMode OversizeFullReadMode { get; set; } = OversizeFullReadMode.Error05;

    public FaultOptions Clone() => (FaultOptions)MemberwiseClone();

    /// <summary>
    /// Rates meant to look like a bad day on a real installation: a few percent of replies damaged or
    /// lost, an occasional lock-up and IDT bump, a little line noise. Used by `--faults realistic`
    /// and by the benchmark's 24-hour soak.
    /// </summary>
    public FaultOptions ApplyRealistic()
    {
        ByteLossRate = 0.0001;
        ByteCorruptionRate = 0.0002;
        DropReplyRate = 0.005;
        LateReplyRate = 0.005;
        DuplicateReplyRate = 0.002;
        LockUpRate = 0.0002;
        SequenceJumpRate = 0.0001;
        NoiseRatePerSecond = 0.01;
        return this;
    }
}
