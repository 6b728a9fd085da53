using NesMep.Host.Cli;
using Xunit;

namespace NesMep.Host.Tests.EndToEnd;

/// <summary>nesmep simulate: bad input is one stderr line and exit code 2 (in process; nothing is started).</summary>
[Collection("EndToEnd")]
public class SimulateCommandInputTests
{
    [Theory]
    [InlineData("exactly one of --tcp", "simulate")]
    [InlineData("exactly one of --tcp", "simulate", "--pty", "--tcp", "127.0.0.1:0")]
    [InlineData("exactly one of --tcp", "simulate", "--serial", "/dev/ttyUSB0", "--pty")]
    [InlineData("--baud goes with --serial", "simulate", "--pty", "--baud", "9600")]
    [InlineData("--baud: 1234 is not supported", "simulate", "--serial", "/dev/ttyUSB0", "--baud", "1234")]
    [InlineData("--enable-line goes with --serial", "simulate", "--tcp", "127.0.0.1:0", "--enable-line", "dsr")]
    [InlineData("--enable-line: use cts, dsr, dcd or none", "simulate", "--serial", "/dev/ttyUSB0", "--enable-line", "rts")]
    [InlineData("--tcp: use ADDRESS:PORT", "simulate", "--tcp", "nonsense")]
    [InlineData("--tcp: use ADDRESS:PORT", "simulate", "--tcp", "127.0.0.1:70000")]
    [InlineData("not an IP address", "simulate", "--tcp", "meter.example:3001")]
    [InlineData("--profile: use gen3, gen3-demand or gen4", "simulate", "--pty", "--profile", "gen5")]
    [InlineData("--faults: use none or realistic", "simulate", "--pty", "--faults", "some")]
    [InlineData("--key: ", "simulate", "--pty", "--key", "short")]
    [InlineData("--solar and --no-solar", "simulate", "--pty", "--solar", "--no-solar")]
    [InlineData("(see nesmep --help)", "simulate", "--pty", "--bogus")]
    public void Bad_input_is_one_line_on_stderr_and_exit_2(string expected, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = NesMepCli.Run(args, stdout, stderr);
        Assert.Equal(NesMepCli.ExitBadInput, code);
        string[] lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("nesmep: ", lines[0]);
        Assert.Contains(expected, lines[0]);
        Assert.Empty(stdout.ToString());
    }

    [Fact]
    public void Key_given_on_the_command_line_is_never_echoed_in_errors()
    {
        var stderr = new StringWriter();
        int code = NesMepCli.Run(["simulate", "--key", "Secret-MBK-012345678", "--profile", "nope", "--pty"], new StringWriter(), stderr);
        Assert.Equal(2, code);
        Assert.DoesNotContain("Secret-MBK", stderr.ToString());
    }

    [Fact]
    public void Help_lists_the_simulate_command()
    {
        var stdout = new StringWriter();
        int code = NesMepCli.Run(["simulate", "--help"], stdout, new StringWriter());
        Assert.Equal(0, code);
        string help = stdout.ToString();
        foreach (string option in new[] { "--tcp", "--pty", "--key", "--profile", "--faults", "--solar", "--no-solar", "--enable-line" })
        {
            Assert.Contains(option, help);
        }

        // The ENABLE wiring and the way out of a lock-up are documented in the help itself.
        Assert.Contains("DSR (pin 6)", help);
        Assert.Contains("lock-up clears", help);
    }
}
