using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using NesMep.Host.Service;
using NesMep.Host.Tests.Mqtt;
using NesMep.Simulator;
using Xunit;
using Xunit.Abstractions;

namespace NesMep.Host.Tests.EndToEnd;

/// <summary>
/// Issue 13's "Done when" as processes: `nesmep run --optical PTY` against `nesmep simulate --optical --pty`, next to
/// `nesmep run --serial PTY` against `nesmep simulate --pty` (MEP), each publishing to its own mosquitto. Both serve
/// /getDashDataWS, /api/v1/reading and MQTT with the same keys, units and qualities. The two simulators run in real
/// time in separate processes, so values are only checked for plausibility here (energy since the household's start);
/// OpticalParityTests compares values against the meter on virtual time.
/// </summary>
[Collection("Mosquitto")]
public class OpticalProcessParityTests
{
    private const string OpticalKey = "Optical-MK-123456789";
    private const string Profile = "gen3-demand";

    private readonly ITestOutputHelper _output;

    public OpticalProcessParityTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task Run_optical_against_simulate_optical_serves_the_same_http_and_mqtt_as_over_mep()
    {
        var sw = Stopwatch.StartNew();
        using var mep = new Pair(optical: false);
        using var optical = new Pair(optical: true);
        foreach (Pair p in new[] { mep, optical })
        {
            await p.WaitCompleteAsync();
        }

        JsonElement readingMep = await mep.GetAsync("api/v1/reading");
        JsonElement readingOptical = await optical.GetAsync("api/v1/reading");
        Assert.Equal(ProfileValues.Present(readingMep.GetProperty("values")), ProfileValues.Present(readingOptical.GetProperty("values")));
        Assert.Equal(readingMep.GetProperty("meter_serial").GetString(), readingOptical.GetProperty("meter_serial").GetString());
        Assert.Equal(ProfileValues.Present((await mep.GetAsync("getDashDataWS"))), ProfileValues.Present(await optical.GetAsync("getDashDataWS")));

        Seen stateMep = mep.Live.WaitFor(m => m.Topic == "nesmep/state" && mep.Complete(m.Payload), "mep: a complete state", 15_000);
        Seen stateOptical = optical.Live.WaitFor(m => m.Topic == "nesmep/state" && optical.Complete(m.Payload), "optical: a complete state", 15_000);
        Assert.Equal(ProfileValues.Present(Parse(stateMep.Payload)), ProfileValues.Present(Parse(stateOptical.Payload)));
        List<string> configs = Discovery(mep.Broker.Port);
        Assert.NotEmpty(configs);
        Assert.Equal(configs, Discovery(optical.Broker.Port));

        foreach (JsonElement values in new[] { readingOptical.GetProperty("values"), Parse(stateOptical.Payload), readingMep.GetProperty("values") })
        {
            // Energy since the household's start (a minute at most at ~20 kW peak is far below 1 kWh).
            double initialKwh = new HouseholdOptions().InitialFwdWh / 1000.0;
            Assert.InRange(values.GetProperty("energy_import_kwh").GetDouble(), initialKwh, initialKwh + 1);
            Assert.InRange(values.GetProperty("voltage_l1_v").GetDouble(), 180, 260);
        }

        Assert.DoesNotContain(OpticalKey, optical.Run.Stdout + optical.Sim.Stdout);
        _output.WriteLine($"{ProfileValues.Present(readingOptical.GetProperty("values")).Count} values, {configs.Count} discovery configs; {sw.ElapsedMilliseconds} ms");
        foreach (Pair p in new[] { mep, optical })
        {
            await p.StopAsync();
        }
    }

    private static JsonElement Parse(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    private static List<string> Discovery(int port) =>
        Subscriber.Snapshot(port).Keys.Where(k => k.StartsWith("homeassistant/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

    /// <summary>A simulator process on a pty, the service process reading it and publishing to its own broker.</summary>
    private sealed class Pair : IDisposable
    {
        private readonly TempDir _dir = new();
        private readonly string[] _expectedKeys;
        private readonly HttpClient _http;

        public Pair(bool optical)
        {
            Name = optical ? "optical" : "mep";
            Broker = new Mosquitto();
            Live = new Subscriber(Broker.Port);
            string mqtt = "mqtt://127.0.0.1:" + Broker.Port;
            if (optical)
            {
                Sim = NesmepProcess.Start("simulate", "--optical", "--pty", "--optical-key", OpticalKey, "--profile", Profile);
                string pty = Sim.WaitForLine(new Regex(@"^simulated meter optical port \(C12\.18\) on (/dev/pts/[0-9]+)$"), 20_000).Groups[1].Value;
                string config = _dir.Write("c.json", "{ \"optical\": { \"key\": \"" + OpticalKey + "\" } }");
                Run = NesmepProcess.Start("run", "--optical", pty, "--config", config, "--http", "127.0.0.1:0", "--state-dir", _dir.Path, "--mqtt", mqtt);
            }
            else
            {
                Sim = NesmepProcess.Start("simulate", "--pty", "--profile", Profile);
                string pty = Sim.WaitForLine(new Regex(@"^simulated meter on (/dev/pts/[0-9]+)$"), 20_000).Groups[1].Value;
                Run = NesmepProcess.Start("run", "--serial", pty, "--key", HostConfig.SimulatorDemoKey, "--reset-line", "none", "--http", "127.0.0.1:0",
                    "--state-dir", _dir.Path, "--mqtt", mqtt);
            }

            string url = Run.WaitForLine(new Regex(@"^NesMep is running: (http://\S+/)"), 20_000).Groups[1].Value;
            _http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
            _expectedKeys = ProfileValues.Keys(MeterProfile.Gen3Demand());
        }

        public string Name { get; }

        public Mosquitto Broker { get; }

        public Subscriber Live { get; }

        public NesmepProcess Sim { get; }

        public NesmepProcess Run { get; }

        /// <summary>True when every quantity the profile has is a number in <paramref name="json"/> (a reading's values or a state).</summary>
        public bool Complete(string json) => Complete(Parse(json));

        public async Task<JsonElement> GetAsync(string path) => Parse(await _http.GetStringAsync(path));

        /// <summary>Until /api/v1/reading has every value the profile has (30 s).</summary>
        public async Task WaitCompleteAsync()
        {
            var until = Stopwatch.StartNew();
            while (until.ElapsedMilliseconds < 30_000)
            {
                if (Complete((await GetAsync("api/v1/reading")).GetProperty("values")))
                {
                    return;
                }

                await Task.Delay(200);
            }

            Assert.Fail(Name + ": not every value within 30 s: " + _http.GetStringAsync("api/v1/reading").Result + "\n" + Run.Stdout);
        }

        public async Task StopAsync()
        {
            Run.Signal(Run.SigIntIgnored() ? "TERM" : "INT"); // SIGINT is ignored when started from a background job
            Assert.Equal(0, await Run.WaitForExitAsync(10_000));
            await ProcessEndToEndTests.StopWithCtrlC(Sim);
        }

        public void Dispose()
        {
            _http.Dispose();
            Run.Dispose();
            Sim.Dispose();
            Live.Dispose();
            Broker.Dispose();
            _dir.Dispose();
        }

        private bool Complete(JsonElement values) => ProfileValues.AllNumbers(values, _expectedKeys);
    }
}
