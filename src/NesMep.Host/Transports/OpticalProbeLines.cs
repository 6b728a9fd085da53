namespace NesMep.Host.Transports;

/// <summary>
/// The modem lines of a serial port with an optical probe on it. A probe is not a MEP transceiver: it has no ENABLE
/// line to pulse, and the usual probes take their supply or direction from the control lines, which a C12.18 client
/// holds at RTS asserted, DTR de-asserted for the whole session (shared/reference/mep-protocol.md §2.5, from
/// termineter's defaults). So the optical port gets these lines once at open and no transceiver reset.
/// </summary>
public static class OpticalProbeLines
{
    public const bool Rts = true;
    public const bool Dtr = false;

    /// <summary>Sets RTS on, DTR off; on a port without modem lines (a pty, some adapters) warns once and goes on.</summary>
    public static bool Apply(TermiosSerialPort port, Action<string> warn)
    {
        if (port.TrySetModemLines(Dtr, Rts, out string? error))
        {
            return true;
        }

        warn("optical probe: cannot set RTS on / DTR off (" + error + "); a probe powered from these lines may stay dark");
        return false;
    }

    /// <summary>
    /// The transceiver control for a real serial port: none for the optical port (after <see cref="Apply"/>), the
    /// configured DTR/RTS reset lines for the MEP port.
    /// </summary>
    public static ModemLineTransceiverControl? ControlFor(TermiosSerialPort port, string meterPort, string resetLines, string resetPolarity, Action<string> warn)
    {
        if (meterPort == NesMep.Core.Link.LinkKind.Optical)
        {
            Apply(port, warn);
            return null;
        }

        return new ModemLineTransceiverControl(port, resetLines, resetPolarity, warn);
    }
}
