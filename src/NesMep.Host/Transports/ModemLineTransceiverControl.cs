using NesMep.Core.Platform;

namespace NesMep.Host.Transports;

/// <summary>Which modem-control output(s) power the transceiver / drive MEP ENABLE.</summary>
public enum ModemLineSelection
{
    None,
    Dtr,
    Rts,
    Both,
}

/// <summary>Whether "powered" means the line is asserted (active-high) or de-asserted (active-low).</summary>
public enum ModemLinePolarity
{
    ActiveHigh,
    ActiveLow,
}

/// <summary>
/// Switches the line driver through DTR and/or RTS of a serial port. Never throws: a pty or an
/// adapter without modem lines gets its failure reported through the log callback
/// (once until a switch succeeds again).
/// </summary>
public sealed class ModemLineTransceiverControl : ITransceiverControl
{
    private readonly TermiosSerialPort _port;
    private readonly Action<string> _log;
    private bool _failing;

    public ModemLineTransceiverControl(
        TermiosSerialPort port, ModemLineSelection lines, ModemLinePolarity polarity, Action<string>? log = null)
    {
        _port = port ?? throw new ArgumentNullException(nameof(port));
        Lines = lines;
        Polarity = polarity;
        _log = log ?? (_ => { });
    }

    /// <summary>Config-string form: lines "dtr" | "rts" | "both" | "none", polarity "active-high" | "active-low".</summary>
    public ModemLineTransceiverControl(TermiosSerialPort port, string lines, string polarity, Action<string>? log = null)
        : this(port, ParseLines(lines), ParsePolarity(polarity), log)
    {
    }

    public ModemLineSelection Lines { get; }

    public ModemLinePolarity Polarity { get; }

    public void SetPowered(bool on)
    {
        if (Lines == ModemLineSelection.None)
        {
            return;
        }

        bool level = Polarity == ModemLinePolarity.ActiveHigh ? on : !on;
        bool? dtr = Lines is ModemLineSelection.Dtr or ModemLineSelection.Both ? level : null;
        bool? rts = Lines is ModemLineSelection.Rts or ModemLineSelection.Both ? level : null;
        string? error;
        try
        {
            if (_port.TrySetModemLines(dtr, rts, out error))
            {
                _failing = false;
                return;
            }
        }
        catch (Exception e)
        {
            error = e.Message;
        }

        // Report once per failure streak: on a pty every power cycle fails and would flood the log.
        if (!_failing)
        {
            _failing = true;
            Report($"transceiver power {(on ? "on" : "off")} via {Lines} not applied: {error}");
        }
    }

    public static ModemLineSelection ParseLines(string value)
    {
        return value?.Trim().ToLowerInvariant() switch
        {
            "none" => ModemLineSelection.None,
            "dtr" => ModemLineSelection.Dtr,
            "rts" => ModemLineSelection.Rts,
            "both" => ModemLineSelection.Both,
            _ => throw new ArgumentException($"Unknown modem line '{value}'; use dtr, rts, both or none.", nameof(value)),
        };
    }

    public static ModemLinePolarity ParsePolarity(string value)
    {
        return value?.Trim().ToLowerInvariant() switch
        {
            "active-high" => ModemLinePolarity.ActiveHigh,
            "active-low" => ModemLinePolarity.ActiveLow,
            _ => throw new ArgumentException($"Unknown polarity '{value}'; use active-high or active-low.", nameof(value)),
        };
    }

    private void Report(string message)
    {
        try
        {
            _log(message);
        }
        catch
        {
            // A broken logger must not turn a power switch into a crash.
        }
    }
}
