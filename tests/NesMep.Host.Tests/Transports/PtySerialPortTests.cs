using System.Runtime.CompilerServices;
using NesMep.Host.Transports;
using Xunit;

namespace NesMep.Host.Tests.Transports;

public class PtySerialPortTests
{
    [Fact]
    public void TermiosStructMatchesGlibcLayout()
    {
        Assert.Equal(60, Unsafe.SizeOf<LibC.Termios>());
    }

    [Fact]
    public void AllByteValuesPassUnchangedBothWays()
    {
        using var pty = new PseudoTerminal();
        using var port = new TermiosSerialPort(pty.SlavePath, 9600);

        TransportAssert.SendAndExpect(port, pty.Master, TransportAssert.AllByteValues());
        TransportAssert.SendAndExpect(pty.Master, port, TransportAssert.AllByteValues());
    }

    [Fact]
    public void FiveHundredByteBurstPassesBothWays()
    {
        using var pty = new PseudoTerminal();
        using var port = new TermiosSerialPort(pty.SlavePath, 9600);

        TransportAssert.SendAndExpect(port, pty.Master, TransportAssert.Burst(500, seed: 1));
        TransportAssert.SendAndExpect(pty.Master, port, TransportAssert.Burst(500, seed: 2));
    }

    [Fact]
    public void PortIsConfiguredRaw8N1AtRequestedBaud()
    {
        using var pty = new PseudoTerminal();
        using var port = new TermiosSerialPort(pty.SlavePath, 9600);

        Assert.Equal(9600, port.ReadBackBaud());
        var t = port.ReadBackTermios();
        Assert.Equal(LibC.CS8, t.c_cflag & LibC.CSIZE);
        Assert.Equal(0u, t.c_cflag & (LibC.PARENB | LibC.CSTOPB | LibC.CRTSCTS));
        Assert.Equal(LibC.CLOCAL | LibC.CREAD, t.c_cflag & (LibC.CLOCAL | LibC.CREAD));
        Assert.Equal(0u, t.c_iflag & (LibC.IXON | LibC.IXOFF | LibC.ICRNL | LibC.INLCR | LibC.IGNCR | LibC.ISTRIP));
        Assert.Equal(0u, t.c_oflag & LibC.OPOST);
        Assert.Equal(0u, t.c_lflag & (LibC.ECHO | LibC.ICANON | LibC.ISIG | LibC.IEXTEN));
    }

    [Fact]
    public void ReadReturnsZeroWhenIdleAndWaitReadableWakesOnData()
    {
        using var pty = new PseudoTerminal();
        using var port = new TermiosSerialPort(pty.SlavePath, 9600);
        var buffer = new byte[8];

        Assert.Equal(0, port.Read(buffer, 0, buffer.Length));
        Assert.False(port.WaitReadable(20));

        pty.Master.Write(new byte[] { 0x2F }, 0, 1);
        Assert.True(port.WaitReadable(TransportAssert.TimeoutMs));
        Assert.Equal(new byte[] { 0x2F }, TransportAssert.ReadExactly(port, 1));
    }

    [Fact]
    public void OpeningFlushesBytesLeftFromBeforeTheClient()
    {
        using var pty = new PseudoTerminal();
        pty.Master.Write(new byte[] { 1, 2, 3 }, 0, 3);
        Thread.Sleep(20);

        using var port = new TermiosSerialPort(pty.SlavePath, 9600);
        TransportAssert.Quiet(port);
    }

    [Fact]
    public void MasterStaysUsableWhileNoClientIsAttached()
    {
        using var pty = new PseudoTerminal();
        var buffer = new byte[8];

        // Without the held slave fd this read would throw EIO.
        Assert.Equal(0, pty.Master.Read(buffer, 0, buffer.Length));
        Assert.False(pty.WaitReadable(20));

        using (var first = new TermiosSerialPort(pty.SlavePath, 9600))
        {
            TransportAssert.SendAndExpect(first, pty.Master, new byte[] { 0x10, 0x0D, 0x0A });
        }

        Assert.Equal(0, pty.Master.Read(buffer, 0, buffer.Length));

        using var second = new TermiosSerialPort(pty.SlavePath, 9600);
        TransportAssert.SendAndExpect(second, pty.Master, new byte[] { 0x11, 0x13 });
        TransportAssert.SendAndExpect(pty.Master, second, new byte[] { 0x03, 0x1A });
    }
}
