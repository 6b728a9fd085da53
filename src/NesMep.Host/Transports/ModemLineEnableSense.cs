using NesMep.Simulator;

namespace NesMep.Host.Transports;

/// <summary>Modem-control input of the serial port that carries the client's MEP ENABLE.</summary>
public enum EnableInputLine
{
    None,
    Cts,
    Dsr,
    Dcd,
}

/// <summary>
/// `nesmep simulate --serial DEV --enable-line cts|dsr|dcd`: the module under test drives its MEP
/// ENABLE output into a modem input of the adapter; asserted (positive RS-232 level, as the
/// module's MAX3232 driver gives for "on") = ENABLE powered. An open input reads de-asserted, so a
/// missing wire means "ENABLE off" and the meter stays silent, as a real one would. Never throws: a
/// read failure (a pty has no modem lines) is reported once and the meter is left as it is.
/// </summary>
public sealed class ModemLineEnableSense : IEnableLineSense
{
    private readonly TermiosSerialPort _port;
    private readonly int _mask;
    private readonly Action<string> _log;
    private bool _failing;

    public ModemLineEnableSense(TermiosSerialPort port, EnableInputLine line, Action<string>? log = null)
    {
        _port = port ?? throw new ArgumentNullException(nameof(port));
        _mask = Mask(line);
        Line = line;
        _log = log ?? (_ => { });
    }

    public EnableInputLine Line { get; }

    public bool TryRead(out bool on)
    {
        on = false;
        if (!_port.TryReadModemLines(out int bits, out string? error))
        {
            if (!_failing)
            {
                _failing = true;
                _log("ENABLE on " + Line.ToString().ToUpperInvariant() + " cannot be read: " + error);
            }

            return false;
        }

        _failing = false;
        on = (bits & _mask) != 0;
        return true;
    }

    /// <summary>"cts", "dsr", "dcd" or "none" (case-insensitive).</summary>
    public static EnableInputLine Parse(string value)
    {
        return value?.Trim().ToLowerInvariant() switch
        {
            "none" => EnableInputLine.None,
            "cts" => EnableInputLine.Cts,
            "dsr" => EnableInputLine.Dsr,
            "dcd" => EnableInputLine.Dcd,
            _ => throw new ArgumentException($"Unknown ENABLE input line '{value}'; use cts, dsr, dcd or none.", nameof(value)),
        };
    }

    /// <summary>The TIOCM bit of a line (0 for None).</summary>
    public static int Mask(EnableInputLine line)
    {
        return line switch
        {
            EnableInputLine.Cts => LibC.TIOCM_CTS,
            EnableInputLine.Dsr => LibC.TIOCM_DSR,
            EnableInputLine.Dcd => LibC.TIOCM_CAR,
            _ => 0,
        };
    }
}
