namespace NesMep.Simulator.Optical;

/// <summary>What the simulated optical port did.</summary>
public sealed class OpticalStats
{
    private readonly int[] _responseCodes = new int[256];

    public int PacketsReceived { get; internal set; }

    /// <summary>Packets with a bad CRC, answered NAK.</summary>
    public int NaksSent { get; internal set; }

    /// <summary>First frames NAKed while the shared UART switched over to the optical port.</summary>
    public int SwitchOverNaks { get; internal set; }

    /// <summary>Requests the client sent again (same toggle and CRC): ACKed, not executed again, the reply resent.</summary>
    public int DuplicateRequests { get; internal set; }

    public int RequestsProcessed { get; internal set; }

    public int ReplyPacketsSent { get; internal set; }

    /// <summary>Reply packets sent again after a NAK or a missing ACK.</summary>
    public int ReplyResends { get; internal set; }

    /// <summary>Replies given up after the resend limit.</summary>
    public int RepliesAbandoned { get; internal set; }

    public int Sessions { get; internal set; }

    public int SessionTimeouts { get; internal set; }

    public long BytesReceived { get; internal set; }

    public long BytesDelivered { get; internal set; }

    public int ResponseCount(byte code) => _responseCodes[code];

    internal void CountResponse(byte code) => _responseCodes[code]++;
}
