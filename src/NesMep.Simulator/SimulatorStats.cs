namespace NesMep.Simulator;

/// <summary>What the simulated meter did (not the injected faults: see <see cref="FaultCounters"/>).</summary>
public sealed class SimulatorStats
{
    private readonly int[] _responseCodes = new int[256];

    public long BytesReceived { get; internal set; }

    /// <summary>Client bytes ignored because the port was disabled, locked up or the link cut.</summary>
    public long BytesIgnored { get; internal set; }

    public long BytesDelivered { get; internal set; }

    public int FramesReceived { get; internal set; }

    /// <summary>Frames thrown away because too many were waiting for the 100 ms throttle.</summary>
    public int FramesDroppedBusy { get; internal set; }

    /// <summary>Partial requests dropped by the 50 ms inter-byte gap rule (§3.8).</summary>
    public int RequestsTruncated { get; internal set; }

    public int RequestsProcessed { get; internal set; }

    public int AuthenticationFailures { get; internal set; }

    public int SequenceErrors { get; internal set; }

    public int ProcedureCalls { get; internal set; }

    public int Transactions { get; internal set; }

    public int AlertsSent { get; internal set; }

    public int IdtBumps { get; internal set; }

    public int ResponseCount(byte code) => _responseCodes[code];

    internal void CountResponse(byte code) => _responseCodes[code]++;
}
