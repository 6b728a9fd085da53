using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using NesMep.Core.Settings;
using NesMep.Host.Tests.Mqtt;
using NesMep.Host.Service;
using NesMep.Simulator;
using Xunit;

namespace NesMep.Host.Tests.EndToEnd;

/// <summary>
/// The service with meter.port optical on its built-in simulated meter: the same poller and views as over MEP
/// (the Home Assistant contract of /getDashDataWS included), and status and metrics naming the optical link.
/// </summary>
[Collection("EndToEnd")]
public class OpticalServiceTests
{
    [Fact]
    public async Task The_optical_port_serves_the_same_dashboard_and_names_its_own_counters()
    {
        var config = new HostConfig();
        config.Settings.MeterPort = SettingsTable.MeterPort.ChoiceIndex("optical");
        await using RunningHost host = await RunningHost.StartAsync(config);
        MeterSimulator meter = host.Host.Runtime.Simulator!;
        int[] present = meter.Profile.PresentValues;

        await host.WaitForLinkUpAsync(30000);
        string body = await host.WaitForJsonAsync("getDashDataWS", e => ApiContract.DabblerValuesPresent(e, present), "Dabbler values");
        using (JsonDocument doc = JsonDocument.Parse(body))
        {
            ApiContract.AssertDabblerBody(doc.RootElement, present);
            Assert.Equal(meter.Profile.UtilitySerialNumber, doc.RootElement.GetProperty("Utility_SN").GetString());
            Assert.True(doc.RootElement.GetProperty("Fwd_Act_Wh").GetInt64() >= meter.Load.Options.InitialFwdWh);
        }

        using (JsonDocument status = JsonDocument.Parse(await host.Client.GetStringAsync("api/v1/status")))
        {
            JsonElement root = status.RootElement;
            Assert.Equal("optical", root.GetProperty("link").GetString());
            Assert.True(root.GetProperty("sequence_learned").GetBoolean(), "logged on");
            JsonElement own = root.GetProperty("link_counters");
            Assert.True(own.TryGetProperty("naks_received", out _), own.ToString());
            Assert.False(own.TryGetProperty("digest_failures", out _));
            JsonElement counters = root.GetProperty("counters");
            foreach (string key in ApiContract.CommonCounterKeys)
            {
                ApiContract.AssertInteger(counters, key);
            }

            Assert.Equal(0, counters.GetProperty("integrity_failures").GetInt32());
            Assert.Equal(0, counters.GetProperty("authentication_failures").GetInt32());
        }

        string metrics = await host.Client.GetStringAsync("metrics");
        Assert.Contains("nesmep_link_info{link=\"optical\"} 1\n", metrics);
        Assert.Contains("nesmep_link_specific_total{link=\"optical\",counter=\"naks_received\"}", metrics);
        Assert.StartsWith("simulated meter (gen3, solar, optical port)",
            JsonDocument.Parse(await host.Client.GetStringAsync("api/v1/info")).RootElement.GetProperty("module").GetProperty("source").GetString());
    }

    [Fact]
    public async Task Run_optical_on_a_pty_reads_simulate_optical_like_over_MEP()
    {
        const string key = "Optical-MK-123456789";
        using NesmepProcess sim = NesmepProcess.Start("simulate", "--optical", "--pty", "--optical-key", key, "--profile", "gen3");
        string pty = sim.WaitForLine(new Regex(@"^simulated meter optical port \(C12\.18\) on (/dev/pts/[0-9]+)$"), 20_000).Groups[1].Value;
        using var dir = new TempDir();
        string config = dir.Write("c.json", "{ \"optical\": { \"key\": \"" + key + "\" } }");
        using NesmepProcess run = NesmepProcess.Start("run", "--optical", pty, "--config", config, "--http", "127.0.0.1:0", "--state-dir", dir.Path);
        string url = run.WaitForLine(new Regex(@"^NesMep is running: (http://\S+/)"), 20_000).Groups[1].Value;
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };

        JsonElement dash = default;
        var until = Stopwatch.StartNew();
        while (until.ElapsedMilliseconds < 30_000)
        {
            using JsonDocument doc = JsonDocument.Parse(await http.GetStringAsync("getDashDataWS"));
            if (ApiContract.DabblerValuesPresent(doc.RootElement, MeterProfile.Gen3Basic().PresentValues))
            {
                dash = doc.RootElement.Clone();
                break;
            }

            await Task.Delay(200);
        }

        Assert.True(dash.ValueKind == JsonValueKind.Object, "no values over the optical port within 30 s:\n" + run.Stdout);
        ApiContract.AssertDabblerBody(dash, MeterProfile.Gen3Basic().PresentValues);
        using (JsonDocument status = JsonDocument.Parse(await http.GetStringAsync("api/v1/status")))
        {
            Assert.Equal("optical", status.RootElement.GetProperty("link").GetString());
            Assert.Equal(0, status.RootElement.GetProperty("counters").GetProperty("authentication_failures").GetInt32());
        }

        Assert.DoesNotContain(key, run.Stdout + sim.Stdout);
        run.Signal(run.SigIntIgnored() ? "TERM" : "INT"); // SIGINT is ignored when started from a background job
        Assert.Equal(0, await run.WaitForExitAsync(10_000));
        await ProcessEndToEndTests.StopWithCtrlC(sim);
    }
}
