using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using NesMep.Host.Service;
using NesMep.Simulator;
using Xunit;
using Xunit.Abstractions;

namespace NesMep.Host.Tests.EndToEnd;

/// <summary>
/// The README's commands as a user types them: the real nesmep process, its stdout, HTTP, Ctrl-C,
/// exit codes and the one-line errors for bad input.
/// </summary>
[Collection("EndToEnd")]
public class ProcessEndToEndTests
{
    private static readonly Regex Running = new(@"^NesMep is running: (http://\S+/)");

    private readonly ITestOutputHelper _output;

    public ProcessEndToEndTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task Run_serves_the_dashboard_json_and_exits_0_on_ctrl_c()
    {
        var sw = Stopwatch.StartNew();
        using NesmepProcess p = NesmepProcess.Start("run", "--http", "127.0.0.1:0");
        string url = p.WaitForLine(Running, 20_000).Groups[1].Value;
        _output.WriteLine($"running after {sw.ElapsedMilliseconds} ms at {url}");
        Assert.Matches(@"^http://127\.0\.0\.1:[1-9][0-9]*/$", url);

        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
        using HttpResponseMessage response = await http.GetAsync("getDashDataWS");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        BuiltInSimulatorHttpTests.AssertJsonContentType(response);
        using (JsonDocument doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync()))
        {
            Assert.Equal(ApiContract.DabblerKeys, ApiContract.Keys(doc.RootElement));
        }

        // Once the simulated meter has been read the Home Assistant keys are integers.
        JsonElement dash = default;
        var until = Stopwatch.StartNew();
        while (until.ElapsedMilliseconds < 15_000)
        {
            using JsonDocument doc = JsonDocument.Parse(await http.GetStringAsync("getDashDataWS"));
            if (ApiContract.DabblerValuesPresent(doc.RootElement, MeterProfile.Gen3Basic().PresentValues))
            {
                dash = doc.RootElement.Clone();
                break;
            }

            await Task.Delay(200);
        }

        Assert.Equal(JsonValueKind.Object, dash.ValueKind);
        ApiContract.AssertDabblerBody(dash, MeterProfile.Gen3Basic().PresentValues);

        string signal = "INT";
        if (p.SigIntIgnored())
        {
            // Started from a shell's background job: SIGINT was ignored before the runtime started, so
            // nothing in the process can receive it. SIGTERM takes the same shutdown path.
            _output.WriteLine("SIGINT is ignored in this environment; stopping with SIGTERM instead");
            signal = "TERM";
        }

        var stopping = Stopwatch.StartNew();
        p.Signal(signal);
        int code = await p.WaitForExitAsync(10_000);
        _output.WriteLine($"exit {code} after SIG{signal} in {stopping.ElapsedMilliseconds} ms; total {sw.ElapsedMilliseconds} ms");
        Assert.True(code != -1000, "nesmep did not exit within 10 s of SIG" + signal + "\n" + p.Stdout);
        Assert.Equal(0, code);
        Assert.Contains("shutting down", p.Stdout);
        Assert.Empty(p.StderrLines);
        // The simulated meter's registers are kept in the state directory for the next start.
        Assert.True(File.Exists(Path.Combine(p.ConfigHome, "nesmep", NesMep.Host.Service.SimulatorRegisterFile.FileName("gen3"))));
    }

    [Fact]
    public async Task Run_with_bad_input_exits_2_with_one_line_on_stderr()
    {
        string config = Path.Combine(Path.GetTempPath(), "nesmep-e2e-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(config, "{\"meter\":{\"bogus\":1}}");
        try
        {
            var cases = new (string[] Args, string Expect)[]
            {
                (new[] { "run", "--serial", "/dev/ttyUSB0" }, "meter.key"),
                (new[] { "run", "--config", config }, "unknown setting meter.bogus"),
                (new[] { "run", "--http", "nonsense" }, "http.listen"),
                (new[] { "simulate", "--tcp", "127.0.0.1:0", "--pty" }, "exactly one of --tcp"),
            };
            Task<(int Code, string Out, string[] Err)>[] runs = cases.Select(c => NesmepProcess.RunToEndAsync(15_000, c.Args)).ToArray();
            for (int i = 0; i < cases.Length; i++)
            {
                (int code, string stdout, string[] stderr) = await runs[i];
                string what = string.Join(" ", cases[i].Args);
                _output.WriteLine($"{what} -> {code}: {string.Join(" | ", stderr)}");
                Assert.True(code == 2, $"{what}: exit {code}, stdout: {stdout}, stderr: {string.Join("\n", stderr)}");
                Assert.Single(stderr, l => l.Length > 0);
                Assert.StartsWith("nesmep: ", stderr[0]);
                Assert.Contains(cases[i].Expect, stderr[0]);
                Assert.DoesNotContain("NesMep is running", stdout);
            }
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public async Task Run_on_a_busy_port_or_a_missing_device_exits_3_with_one_line_on_stderr()
    {
        using var busy = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        int port = ((IPEndPoint)busy.LocalEndpoint).Port;
        var cases = new (string[] Args, string Expect)[]
        {
            (new[] { "run", "--http", "127.0.0.1:" + port }, "address already in use"),
            (new[] { "run", "--http", "127.0.0.1:0", "--serial", "/dev/nesmep-no-such-device", "--key", HostConfig.SimulatorDemoKey }, "/dev/nesmep-no-such-device"),
            (new[] { "simulate", "--tcp", "127.0.0.1:" + port }, "Address already in use"),
        };
        foreach ((string[] args, string expect) in cases)
        {
            (int code, string stdout, string[] stderr) = await NesmepProcess.RunToEndAsync(20_000, args);
            string what = string.Join(" ", args);
            _output.WriteLine($"{what} -> {code}: {string.Join(" | ", stderr)}");
            Assert.True(code == 3, $"{what}: exit {code}, stdout: {stdout}, stderr: {string.Join("\n", stderr)}");
            Assert.Single(stderr, l => l.Length > 0);
            Assert.StartsWith("nesmep: cannot start: ", stderr[0]);
            Assert.Contains(expect, stderr[0]);
            Assert.DoesNotContain("running", stdout);
        }
    }

    [Fact]
    public async Task Simulate_on_tcp_is_read_by_the_service_and_stops_on_ctrl_c()
    {
        const string key = "Another-MBK-9876543!";
        string state = Directory.CreateTempSubdirectory("nesmep-sim-state-").FullName;
        using NesmepProcess sim = NesmepProcess.Start("simulate", "--tcp", "127.0.0.1:0", "--key", key, "--profile", "gen4", "--no-solar", "--state-dir", state);
        Match m = sim.WaitForLine(new Regex(@"^simulated meter listening on tcp://(127\.0\.0\.1):([0-9]+)$"), 20_000);
        Assert.DoesNotContain(key, sim.Stdout);

        var config = new HostConfig { Source = MeterSource.Tcp, TcpEndpoint = m.Groups[1].Value + ":" + m.Groups[2].Value, Key = key };
        await using (RunningHost host = await RunningHost.StartAsync(config))
        {
            await MeterTransportEndToEndTests.AssertReadsTheMeter(host, MeterProfile.Gen4(), "tcp " + config.TcpEndpoint);
        }

        await StopWithCtrlC(sim);
        // --state-dir keeps the registers for the next start.
        Assert.True(File.Exists(Path.Combine(state, SimulatorRegisterFile.FileName("gen4"))));
        Directory.Delete(state, true);
    }

    [Fact]
    public async Task Simulate_on_a_pty_is_read_by_the_service_over_termios()
    {
        using NesmepProcess sim = NesmepProcess.Start("simulate", "--pty", "--profile", "gen3-demand");
        Match m = sim.WaitForLine(new Regex(@"^simulated meter on (/dev/pts/[0-9]+)$"), 20_000);
        string slave = m.Groups[1].Value;

        var config = new HostConfig { Source = MeterSource.Serial, SerialPath = slave, Key = HostConfig.SimulatorDemoKey, ResetLines = "none" };
        await using (RunningHost host = await RunningHost.StartAsync(config))
        {
            await MeterTransportEndToEndTests.AssertReadsTheMeter(host, MeterProfile.Gen3Demand(), "serial " + slave + " @9600");
        }

        await StopWithCtrlC(sim);
    }

    [Fact]
    public async Task Simulate_on_a_serial_device_answers_a_client_on_the_other_end()
    {
        // The test holds the master of a pty and plays the module; the simulator opens the slave as its
        // serial device through termios, as it would open /dev/ttyUSB0 with a module on the cable.
        using var pty = new NesMep.Host.Transports.PseudoTerminal();
        using NesmepProcess sim = NesmepProcess.Start("simulate", "--serial", pty.SlavePath, "--baud", "9600");
        sim.WaitForLine(new Regex("^simulated meter on " + Regex.Escape(pty.SlavePath) + " @9600$"), 20_000);

        var clock = NesMep.Simulator.SystemClock.Instance;
        var link = new NesMep.Core.Link.MepLink(pty.Master, clock, null, NesMep.Core.Protocol.MepKey.Parse(HostConfig.SimulatorDemoKey),
            new NesMep.Core.Link.LinkSettings(), null);
        var reading = new NesMep.Core.Model.MeterReading(new NesMep.Core.Model.QualitySettings());
        var poller = new NesMep.Core.Polling.MeterPoller(link, clock, new NesMep.Core.Polling.PollSettings(), reading, null);
        long deadline = clock.NowMs + 20_000;
        while (clock.NowMs < deadline && !(reading.IsAvailable(NesMep.Core.Model.Quantity.PowerImportW, clock.NowMs) &&
                                           reading.IsAvailable(NesMep.Core.Model.Quantity.EnergyImportWh, clock.NowMs)))
        {
            poller.Poll();
            Thread.Sleep(2);
        }

        Assert.True(reading.IsAvailable(NesMep.Core.Model.Quantity.EnergyImportWh, clock.NowMs), "no energy over the serial device\n" + sim.Stdout);
        Assert.True(reading.IsAvailable(NesMep.Core.Model.Quantity.PowerImportW, clock.NowMs), "no power over the serial device");
        Assert.Equal("5706567012345678", reading.Identity.UtilitySerial);
        Assert.Equal(0, link.Counters.DigestFailures);
        await StopWithCtrlC(sim);
    }

    internal static async Task StopWithCtrlC(NesmepProcess sim)
    {
        string signal = sim.SigIntIgnored() ? "TERM" : "INT";
        sim.Signal(signal);
        int code = await sim.WaitForExitAsync(10_000);
        Assert.True(code == 0, $"simulate exit {code} after SIG{signal}\n{sim.Stdout}");
        Assert.Contains("stopped: ", sim.Stdout);
        Assert.Empty(sim.StderrLines);
    }
}
