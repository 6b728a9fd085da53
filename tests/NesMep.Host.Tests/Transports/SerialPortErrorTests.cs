using NesMep.Host.Transports;
using Xunit;

namespace NesMep.Host.Tests.Transports;

public class SerialPortErrorTests
{
    [Fact]
    public void UnsupportedBaudThrowsArgumentExceptionListingSupportedRates()
    {
        using var pty = new PseudoTerminal();

        var e = Assert.Throws<ArgumentException>(() => new TermiosSerialPort(pty.SlavePath, 12345));
        Assert.Contains("12345", e.Message);
        Assert.Contains("9600", e.Message);
        Assert.Contains("115200", e.Message);
    }

    [Fact]
    public void UnsupportedBaudIsRejectedBeforeTouchingTheDevice()
    {
        Assert.Throws<ArgumentException>(() => new TermiosSerialPort("/dev/nesmep-no-such-device", 250000));
    }

    [Fact]
    public void MissingDeviceThrowsIOExceptionNamingThePath()
    {
        string path = "/dev/nesmep-missing-" + Guid.NewGuid().ToString("N");

        var e = Assert.Throws<IOException>(() => new TermiosSerialPort(path, 9600));
        Assert.Contains(path, e.Message);
        Assert.Contains("No such file", e.Message);
    }

    [Fact]
    public void ModemLineSettersThrowOnAPtyButTryVariantDoesNot()
    {
        using var pty = new PseudoTerminal();
        using var port = new TermiosSerialPort(pty.SlavePath, 9600);

        Assert.False(port.TrySetModemLines(true, true));
        var e = Assert.Throws<IOException>(() => port.SetDtr(true));
        Assert.Contains(pty.SlavePath, e.Message);
        Assert.Throws<IOException>(() => port.SetRts(false));
    }
}
