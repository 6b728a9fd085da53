using System.Text.RegularExpressions;
using NesMep.Core.Link;
using NesMep.Core.Optical;
using NesMep.Core.Platform;
using NesMep.Core.Tables;
using NesMep.Host.Cli;
using NesMep.Host.Transports;
using Xunit;

namespace NesMep.Host.Tests.EndToEnd;

/// <summary>nesmep simulate --optical: the meter's C12.18 port served to a client on a pty or TCP, as a separate process.</summary>
[Collection("EndToEnd")]
public class OpticalSimulateTests
{
    private const string Key = "Optical-MK-123456789";

    [Theory]
    [InlineData("--optical-key goes with --optical", "simulate", "--pty", "--optical-key", Key)]
    [InlineData("--optical-key: the optical key has 4 hex digits", "simulate", "--pty", "--optical", "--optical-key", "0102")]
    [InlineData("--enable-line is a MEP wire", "simulate", "--serial", "/dev/ttyUSB0", "--optical", "--enable-line", "dsr")]
    public void Bad_optical_input_is_one_line_on_stderr_and_exit_2(string expected, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(NesMepCli.ExitBadInput, NesMepCli.Run(args, stdout, stderr));
        string[] lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(expected, lines[0]);
    }

    [Fact]
    public async Task The_optical_port_on_a_pty_serves_a_c1218_session_through_termios()
    {
        using NesmepProcess sim = NesmepProcess.Start("simulate", "--optical", "--pty", "--optical-key", Key, "--profile", "gen3");
        Match m = sim.WaitForLine(new Regex(@"^simulated meter optical port \(C12\.18\) on (/dev/pts/[0-9]+)$"), 20_000);
        Assert.DoesNotContain(Key, sim.Stdout);
        using (var port = new TermiosSerialPort(m.Groups[1].Value, 9600))
        {
            ReadsTheMeter(port);
        }

        await ProcessEndToEndTests.StopWithCtrlC(sim);
        Assert.Matches(@"optical: [1-9][0-9]* sessions, [1-9][0-9]* requests", sim.Stdout);
    }

    [Fact]
    public async Task The_optical_port_on_tcp_serves_a_c1218_session()
    {
        using NesmepProcess sim = NesmepProcess.Start("simulate", "--optical", "--tcp", "127.0.0.1:0", "--optical-key", Key, "--profile", "gen4");
        Match m = sim.WaitForLine(new Regex(@"^simulated meter optical port \(C12\.18\) listening on tcp://127\.0\.0\.1:([0-9]+)$"), 20_000);
        using (var tcp = new TcpByteTransport("127.0.0.1", int.Parse(m.Groups[1].Value)))
        {
            ReadsTheMeter(tcp);
        }

        await ProcessEndToEndTests.StopWithCtrlC(sim);
    }

    [Fact]
    public async Task The_poller_reads_power_and_energy_over_the_optical_port_through_a_real_pty()
    {
        using NesmepProcess sim = NesmepProcess.Start("simulate", "--optical", "--pty", "--optical-key", Key, "--profile", "gen3-demand", "--faults", "realistic");
        Match m = sim.WaitForLine(new Regex(@"^simulated meter optical port \(C12\.18\) on (/dev/pts/[0-9]+)$"), 20_000);
        using (var port = new TermiosSerialPort(m.Groups[1].Value, 9600))
        {
            IClock clock = NesMep.Simulator.SystemClock.Instance;
            var link = new C1218Link(port, clock, OpticalKey.TryParse(Key, out _), new C1218LinkSettings(), null);
            var reading = new NesMep.Core.Model.MeterReading(new NesMep.Core.Model.QualitySettings());
            var poller = new NesMep.Core.Polling.MeterPoller(link, clock, new NesMep.Core.Polling.PollSettings(), reading, null);
            long deadline = clock.NowMs + 30_000;
            while (clock.NowMs < deadline && !(reading.IsAvailable(NesMep.Core.Model.Quantity.PowerImportW, clock.NowMs) &&
                                               reading.IsAvailable(NesMep.Core.Model.Quantity.EnergyImportWh, clock.NowMs)))
            {
                poller.Poll();
                Thread.Sleep(2);
            }

            Assert.True(reading.IsAvailable(NesMep.Core.Model.Quantity.PowerImportW, clock.NowMs), "no power over optical: " + link.LastError);
            Assert.True(reading.Value(NesMep.Core.Model.Quantity.EnergyImportWh) > 0);
            Assert.Equal("optical", poller.Link.LinkName);
        }

        await ProcessEndToEndTests.StopWithCtrlC(sim);
    }

    private static void ReadsTheMeter(IByteTransport transport)
    {
        IClock clock = NesMep.Simulator.SystemClock.Instance;
        var link = new C1218Link(transport, clock, OpticalKey.TryParse(Key, out _), new C1218LinkSettings(), null);

        byte[] Read(int table, int offset, int count)
        {
            if (count == 0)
            {
                link.SubmitFullRead(table);
            }
            else
            {
                link.SubmitPartialRead(table, offset, count);
            }

            long deadline = clock.NowMs + 15_000;
            while (link.Poll() != LinkEvent.Completed)
            {
                Assert.True(clock.NowMs < deadline, "no reply; phase " + link.Phase + ", " + link.LastError);
                Thread.Sleep(2);
            }

            Assert.True(link.LastResult == LinkResult.Ok, link.LastResult + ": " + link.LastError);
            return link.Reply.AsSpan(link.DataOffset, link.DataCount).ToArray();
        }

        byte[] bt01 = Read(TableIds.BT01, 0, 0);
        Assert.Equal("NES ", System.Text.Encoding.ASCII.GetString(bt01, 0, 4));
        Assert.Equal(C1218KeyState.Accepted, link.KeyState);
        byte[] bt23 = Read(TableIds.BT23, 0, 16);
        Assert.Equal(16, bt23.Length);
        Assert.Equal(1, link.Counters.Sessions);
        link.Close();
        long end = clock.NowMs + 5000;
        while (link.Phase != C1218Phase.Closed && clock.NowMs < end)
        {
            link.Poll();
            Thread.Sleep(2);
        }

        Assert.Equal(C1218Phase.Closed, link.Phase);
    }
}
