using NesMep.Core.Protocol;

namespace NesMep.Simulator;

/// <summary>Configuration of a <see cref="MeterSimulator"/>. Defaults follow the reference (§3.8, §4, §14).</summary>
public sealed class SimulatorOptions
{
    public MeterProfile Profile { get; set; } = MeterProfile.Gen3Basic();

    /// <summary>MEP Advanced Key; the guide's examples use 16 × 0x01 (§4.1).</summary>
    public MepKey Mak { get; set; } = MepKey.DefaultMak();

    /// <summary>MEP Basic Key (what utilities hand out); null = only the MAK is accepted.</summary>
    public MepKey? Mbk { get; set; }

    /// <summary>
    /// The meter's "last accepted" sequence number at start. 0x77635B8F makes the guide's vector A1
    /// get exactly reply A2 (0x0C with 77635B90) and A3 (…5B91) be accepted (§4.2).
    /// </summary>
    public uint InitialSequence { get; set; } = 0x77635B8F;

    /// <summary>Time from processing a request to the first bit of its reply.</summary>
    public int ReplyLatencyMs { get; set; } = 15;

    /// <summary>Line speed; one byte = 10 bit times at 8N1 (§2.2).</summary>
    public int BaudRate { get; set; } = 9600;

    /// <summary>At most one request is processed per this many ms (§3.8).</summary>
    public int ThrottleMs { get; set; } = 100;

    /// <summary>Replies pause <see cref="SegmentPauseMs"/> after every <see cref="SegmentBytes"/> bytes (§3.8).</summary>
    public int SegmentBytes { get; set; } = 117;

    public int SegmentPauseMs { get; set; } = 25;

    /// <summary>A partial request is dropped after this much silence (client sends ≥ 1 byte per 50 ms, §3.8).</summary>
    public int RequestGapTimeoutMs { get; set; } = 50;

    /// <summary>Alert <c>00 00</c> repetition and hold-off after a received frame (§3.7).</summary>
    public int AlertIntervalMs { get; set; } = 1000;

    public int AlertHoldOffMs { get; set; } = 1000;

    /// <summary>Send alerts only while ET50 "MEP device registered" is set (unconfirmed on real meters, §3.7).</summary>
    public bool AlertsRequireRegistration { get; set; }

    /// <summary>Requests waiting for the throttle beyond this are dropped.</summary>
    public int MaxQueuedRequests { get; set; } = 4;

    /// <summary>Delay before a procedure result appears in BT08/ET59 ("up to 1 second", §3.6).</summary>
    public int ProcedureResultDelayMs { get; set; }

    /// <summary>Gap between a reply and its injected duplicate.</summary>
    public int DuplicateGapMs { get; set; } = 5;

    /// <summary>Entries kept in the request and procedure logs.</summary>
    public int LogCapacity { get; set; } = 10_000;

    /// <summary>ENABLE line state at start (the client normally powers it at boot).</summary>
    public bool StartEnabled { get; set; } = true;

    public HouseholdOptions Household { get; set; } = new();

    public FaultOptions Faults { get; set; } = new();

    /// <summary>Shortcut to <see cref="FaultOptions.OversizeFullReadMode"/>.</summary>
    public OversizeFullReadMode OversizeFullReadMode
    {
        get => Faults.OversizeFullReadMode;
        set => Faults.OversizeFullReadMode = value;
    }
}
