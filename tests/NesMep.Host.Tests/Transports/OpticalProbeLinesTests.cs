using NesMep.Host.Transports;
using Xunit;

namespace NesMep.Host.Tests.Transports;

/// <summary>The serial port's line control by meter port (mep-protocol.md §2.5): no transceiver reset for an optical probe.</summary>
public class OpticalProbeLinesTests
{
    [Fact]
    public void TheOpticalPortGetsNoTransceiverResetAndAPortWithoutModemLinesIsReportedByName()
    {
        using var pty = new PseudoTerminal();
        using var port = new TermiosSerialPort(pty.SlavePath, 9600);
        var messages = new List<string>();

        ModemLineTransceiverControl? control = OpticalProbeLines.ControlFor(port, "optical", "dtr", "active-high", messages.Add);

        Assert.Null(control);
        string message = Assert.Single(messages); // a pty has no modem lines: the probe's RTS/DTR could not be set
        Assert.Contains("RTS on / DTR off", message);
        Assert.Contains(pty.SlavePath, message);
    }

    [Fact]
    public void TheMepPortKeepsTheConfiguredResetLinesAndLeavesThemAloneUntilAReset()
    {
        using var pty = new PseudoTerminal();
        using var port = new TermiosSerialPort(pty.SlavePath, 9600);
        var messages = new List<string>();

        ModemLineTransceiverControl? control = OpticalProbeLines.ControlFor(port, "mep", "rts", "active-low", messages.Add);

        Assert.NotNull(control);
        Assert.Equal(ModemLineSelection.Rts, control!.Lines);
        Assert.Equal(ModemLinePolarity.ActiveLow, control.Polarity);
        Assert.Empty(messages); // nothing touched the lines yet
    }
}
