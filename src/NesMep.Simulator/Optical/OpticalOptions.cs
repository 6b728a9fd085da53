namespace NesMep.Simulator.Optical;

/// <summary>
/// The simulated meter's optical port (reference §13, §2.1). The C12.18 timers are not in the sources
/// (§15); the defaults are the standard's usual values and what termineter tolerates (§13.4).
/// </summary>
public sealed class OpticalOptions
{
    /// <summary>
    /// The optical key `nesmep simulate --optical` accepts when none is given (as the MK). A demo value
    /// like the MEP demo key: never a real meter's key.
    /// </summary>
    public static byte[] DemoKey() => System.Text.Encoding.ASCII.GetBytes("NesMepOpticalDemo-20");

    /// <summary>The meter's unique key, provisioning key and read-only key (20 bytes each); null = not set.</summary>
    public byte[]? Mk { get; set; }

    public byte[]? Pk { get; set; }

    public byte[]? Rk { get; set; }

    /// <summary>Largest packet (header and CRC included) and packet count the meter agrees to in Negotiate.</summary>
    public int MaxPacketSize { get; set; } = 256;

    public int MaxPackets { get; set; } = 4;

    /// <summary>C12.18 baud codes the meter agrees to (6 = 9600, §13.2); it stays at 9600 whatever is chosen.</summary>
    public int[] BaudCodes { get; set; } = { 6 };

    /// <summary>No packet from the client for this long (or the last Wait's seconds, if longer) ends the session.</summary>
    public int SessionTimeoutMs { get; set; } = 6000;

    /// <summary>The client's ACK must come this long after a reply packet, else the packet is resent.</summary>
    public int AckTimeoutMs { get; set; } = 1000;

    /// <summary>Resends of one reply packet (NAK or no ACK) before the meter gives it up.</summary>
    public int MaxResends { get; set; } = 3;

    /// <summary>Time from the ACK of a request to the first byte of its reply.</summary>
    public int ReplyLatencyMs { get; set; } = 20;

    /// <summary>Silence inside a packet that drops it (C12.18 inter-character timeout).</summary>
    public int InterByteGapMs { get; set; } = 500;

    public int BaudRate { get; set; } = 9600;

    /// <summary>
    /// Gen 2/3 share one UART between MEP and the optical port (§2.1): the first 0xEE frame switches it over
    /// and is NAKed (§13.1), and MEP is unanswered until the optical session ends. Null = from the profile.
    /// </summary>
    public bool? SharedUart { get; set; }

    /// <summary>Line faults, as on the MEP port (lock-ups and sequence jumps do not apply to C12.18).</summary>
    public FaultOptions Faults { get; set; } = new();
}
