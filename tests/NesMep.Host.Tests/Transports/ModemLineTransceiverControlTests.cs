using NesMep.Host.Transports;
using Xunit;

namespace NesMep.Host.Tests.Transports;

public class ModemLineTransceiverControlTests
{
    [Fact]
    public void OnAPtyNothingThrowsAndTheFailureIsReportedOnce()
    {
        using var pty = new PseudoTerminal();
        using var port = new TermiosSerialPort(pty.SlavePath, 9600);
        var messages = new List<string>();
        var control = new ModemLineTransceiverControl(port, "both", "active-low", messages.Add);

        control.SetPowered(true);
        control.SetPowered(false);
        control.SetPowered(true);

        string message = Assert.Single(messages);
        Assert.Contains(pty.SlavePath, message);
    }

    [Fact]
    public void EnableSenseOnAPtyLeavesTheMeterAloneAndReportsOnce()
    {
        using var pty = new PseudoTerminal();
        using var port = new TermiosSerialPort(pty.SlavePath, 9600);
        var messages = new List<string>();
        var sense = new ModemLineEnableSense(port, EnableInputLine.Dsr, messages.Add);

        Assert.False(sense.TryRead(out _));
        Assert.False(sense.TryRead(out _));

        string message = Assert.Single(messages);
        Assert.Contains("DSR", message);
        Assert.Contains(pty.SlavePath, message);
    }

    [Theory]
    [InlineData("cts", EnableInputLine.Cts)]
    [InlineData(" DSR ", EnableInputLine.Dsr)]
    [InlineData("dcd", EnableInputLine.Dcd)]
    [InlineData("none", EnableInputLine.None)]
    public void EnableLineNamesParse(string text, EnableInputLine expected)
    {
        Assert.Equal(expected, ModemLineEnableSense.Parse(text));
        Assert.Equal(expected == EnableInputLine.None, ModemLineEnableSense.Mask(expected) == 0);
    }

    [Fact]
    public void NoneSelectionNeverTouchesTheLines()
    {
        using var pty = new PseudoTerminal();
        using var port = new TermiosSerialPort(pty.SlavePath, 9600);
        var messages = new List<string>();
        var control = new ModemLineTransceiverControl(port, ModemLineSelection.None, ModemLinePolarity.ActiveHigh, messages.Add);

        control.SetPowered(true);

        Assert.Empty(messages);
    }

    [Fact]
    public void DisposedPortAndThrowingLoggerDoNotThrow()
    {
        using var pty = new PseudoTerminal();
        var port = new TermiosSerialPort(pty.SlavePath, 9600);
        port.Dispose();
        var control = new ModemLineTransceiverControl(
            port, ModemLineSelection.Dtr, ModemLinePolarity.ActiveHigh, _ => throw new InvalidOperationException());

        control.SetPowered(true);
    }

    [Theory]
    [InlineData("dtr", ModemLineSelection.Dtr)]
    [InlineData("RTS", ModemLineSelection.Rts)]
    [InlineData(" both ", ModemLineSelection.Both)]
    [InlineData("none", ModemLineSelection.None)]
    public void ParsesLineSelection(string text, ModemLineSelection expected)
    {
        Assert.Equal(expected, ModemLineTransceiverControl.ParseLines(text));
    }

    [Fact]
    public void ParsesPolarityAndRejectsUnknownValues()
    {
        Assert.Equal(ModemLinePolarity.ActiveHigh, ModemLineTransceiverControl.ParsePolarity("active-high"));
        Assert.Equal(ModemLinePolarity.ActiveLow, ModemLineTransceiverControl.ParsePolarity("Active-Low"));
        Assert.Throws<ArgumentException>(() => ModemLineTransceiverControl.ParsePolarity("inverted"));
        Assert.Throws<ArgumentException>(() => ModemLineTransceiverControl.ParseLines("cts"));
    }
}
