using System.Net;
using System.Net.Sockets;
using NesMep.Host.Cli;
using NesMep.Host.Service;
using NesMep.Host.Tests.Mqtt;
using Xunit;

namespace NesMep.Host.Tests.Cli;

/// <summary>
/// nesmep run in process: where settings come from (file &lt; NESMEP_KEY &lt; options), and how a
/// start that fails or is interrupted ends. "--http nonsense" stops each precedence case right
/// after the key check: a meter.key error means the invalid key won, an http.listen error that
/// the valid one did.
/// </summary>
[Collection("EndToEnd")]
public class RunCommandTests
{
    private const string ValidKey = "Utility-MBK-0123456!";
    private const string BadKey = "Secret-but-wrong";

    [Theory]
    [InlineData(BadKey, null, null, "meter.key")]
    [InlineData(BadKey, ValidKey, null, "http.listen")]
    [InlineData(ValidKey, BadKey, null, "meter.key")]
    [InlineData(BadKey, BadKey, ValidKey, "http.listen")]
    [InlineData(ValidKey, null, BadKey, "meter.key")]
    public void Key_precedence_is_file_then_NESMEP_KEY_then_option_and_the_key_is_never_printed(string fileKey, string? envKey, string? optionKey, string expected)
    {
        using var dir = new TempDir();
        string config = dir.Write("c.json", "{ \"meter\": { \"key\": \"" + fileKey + "\" } }");
        var args = new List<string> { "run", "--config", config, "--http", "nonsense" };
        if (optionKey != null)
        {
            args.AddRange(["--key", optionKey]);
        }

        (int code, string stdout, string stderr) = WithNesmepKey(envKey, () => CliRunner.Run([.. args]));
        Assert.Equal(NesMepCli.ExitBadInput, code);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("nesmep: " + expected + ":", stderr);
        Assert.DoesNotContain(BadKey, stderr + stdout);
        Assert.DoesNotContain(ValidKey, stderr + stdout);
    }

    [Fact]
    public void Optical_reads_the_optical_port_without_a_MEP_key_and_takes_no_second_meter_option()
    {
        using var dir = new TempDir();
        string config = dir.Write("c.json", "{ }");

        // A serial MEP meter needs its key; the optical port does not (BT00, BT01, ET03), so the start gets to http.listen.
        (int code, _, string stderr) = WithNesmepKey(null, () => CliRunner.Run("run", "--config", config, "--serial", "/dev/null", "--http", "nonsense"));
        Assert.Equal(NesMepCli.ExitBadInput, code);
        Assert.StartsWith("nesmep: meter.key:", stderr.Trim());
        (code, _, stderr) = WithNesmepKey(null, () => CliRunner.Run("run", "--config", config, "--optical", "/dev/null", "--baud", "19200", "--http", "nonsense"));
        Assert.Equal(NesMepCli.ExitBadInput, code);
        Assert.StartsWith("nesmep: http.listen:", stderr.Trim());

        (code, _, stderr) = WithNesmepKey(null, () => CliRunner.Run("run", "--config", config, "--optical", "/dev/null", "--baud", "12345", "--http", "nonsense"));
        Assert.StartsWith("nesmep: optical.baud: 12345 is not supported", stderr.Trim());

        (code, _, stderr) = WithNesmepKey(null, () => CliRunner.Run("run", "--optical", "/dev/null", "--tcp", "127.0.0.1:1"));
        Assert.Equal(NesMepCli.ExitBadInput, code);
        Assert.Equal("nesmep: --optical cannot be used together with --serial or --tcp", stderr.Trim());
    }

    [Fact]
    public void A_bad_NESMEP_OPTICAL_KEY_is_named_and_never_printed()
    {
        using var dir = new TempDir();
        string config = dir.Write("c.json", "{ }");
        string? before = Environment.GetEnvironmentVariable("NESMEP_OPTICAL_KEY");
        Environment.SetEnvironmentVariable("NESMEP_OPTICAL_KEY", "wrong-optical-key");
        try
        {
            (int code, string stdout, string stderr) = WithNesmepKey(null, () => CliRunner.Run("run", "--config", config, "--optical", "/dev/null", "--http", "nonsense"));
            Assert.Equal(NesMepCli.ExitBadInput, code);
            Assert.StartsWith("nesmep: optical.key:", stderr.Trim());
            Assert.DoesNotContain("wrong-optical-key", stdout + stderr);
        }
        finally
        {
            Environment.SetEnvironmentVariable("NESMEP_OPTICAL_KEY", before);
        }
    }

    [Fact]
    public void The_state_dir_file_is_read_without_config_and_ignored_with_it()
    {
        using var state = new TempDir();
        state.Write("nesmep.json", "{ \"meter\": { \"bogus\": 1 } }");
        using var other = new TempDir();
        string config = other.Write("c.json", "{ }");

        (int code, _, string stderr) = WithNesmepKey(null, () => CliRunner.Run("run", "--state-dir", state.Path, "--http", "nonsense"));
        Assert.Equal(2, code);
        Assert.Equal("nesmep: unknown setting meter.bogus", stderr.Trim());

        (code, _, stderr) = WithNesmepKey(null, () => CliRunner.Run("run", "--state-dir", state.Path, "--config", config, "--http", "nonsense"));
        Assert.Equal(2, code);
        Assert.StartsWith("nesmep: http.listen:", stderr.Trim());
    }

    [Fact]
    public void A_busy_http_port_is_one_stderr_line_and_exit_3()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        int port = ((IPEndPoint)busy.LocalEndpoint).Port;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = RunCommand.Serve(new HostConfig { HttpListen = "127.0.0.1:" + port }, stdout, stderr, CancellationToken.None);
        Assert.Equal(NesMepCli.ExitStartFailed, code);
        string[] lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("nesmep: cannot start: ", lines[0]);
        Assert.Contains(port.ToString(), lines[0]);
        Assert.DoesNotContain("NesMep is running", stdout.ToString());
    }

    [Fact]
    public void Ctrl_c_while_starting_exits_0_without_a_stack_trace()
    {
        using var stop = new CancellationTokenSource();
        stop.Cancel();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = RunCommand.Serve(new HostConfig { HttpListen = "127.0.0.1:0" }, stdout, stderr, stop.Token);
        Assert.Equal(NesMepCli.ExitOk, code);
        Assert.Empty(stderr.ToString());
    }

    [Fact]
    public void Multi_line_exception_messages_become_one_line()
    {
        Assert.Equal("port must be > 0 (Parameter 'port') Actual value was 0.", RunCommand.OneLine("port must be > 0 (Parameter 'port')\nActual value was 0.\n"));
    }

    private static T WithNesmepKey<T>(string? value, Func<T> run)
    {
        string? before = Environment.GetEnvironmentVariable("NESMEP_KEY");
        Environment.SetEnvironmentVariable("NESMEP_KEY", value);
        try
        {
            return run();
        }
        finally
        {
            Environment.SetEnvironmentVariable("NESMEP_KEY", before);
        }
    }
}
