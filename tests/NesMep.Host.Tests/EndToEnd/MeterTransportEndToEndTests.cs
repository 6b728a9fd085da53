using System.Net;
using System.Text.Json;
using NesMep.Core.Protocol;
using NesMep.Host.Service;
using NesMep.Host.Transports;
using NesMep.Simulator;
using Xunit;

namespace NesMep.Host.Tests.EndToEnd;

/// <summary>
/// The service reading a meter through a real byte path: a pseudo-terminal opened with termios
/// (the path a USB-serial adapter takes) and a TCP serial server. The meter is the simulator on
/// the other end, pumped in real time, with its own MBK (not the demo key).
/// </summary>
[Collection("EndToEnd")]
public class MeterTransportEndToEndTests
{
    private const string Key = "Utility-MBK-0123456!";

    [Fact]
    public async Task Service_reads_the_meter_over_a_pseudo_terminal()
    {
        using var pty = new PseudoTerminal();
        MeterSimulator meter = SimulatorFactory.Create(SystemClock.Instance, "gen3", true, "none", MepKey.Parse(Key));
        using var pump = new SimulatorPump(meter, pty.Master);
        pump.Start();

        var config = new HostConfig { Source = MeterSource.Serial, SerialPath = pty.SlavePath, Key = Key, ResetLines = "none" };
        await using RunningHost host = await RunningHost.StartAsync(config);
        await AssertReadsTheMeter(host, meter.Profile, "serial " + pty.SlavePath + " @9600", meter);
        Assert.True(pump.BytesIn > 0 && pump.BytesOut > 0);
        Assert.Equal(0, pump.Errors);
    }

    [Fact]
    public async Task Service_reads_the_meter_through_a_tcp_serial_server()
    {
        using var server = new TcpByteServer(IPAddress.Loopback, 0);
        MeterSimulator meter = SimulatorFactory.Create(SystemClock.Instance, "gen4", false, "none", MepKey.Parse(Key));
        using var pump = new SimulatorPump(meter, server);
        pump.Start();

        var config = new HostConfig { Source = MeterSource.Tcp, TcpEndpoint = "127.0.0.1:" + server.Port, Key = Key };
        await using RunningHost host = await RunningHost.StartAsync(config);
        await AssertReadsTheMeter(host, meter.Profile, "tcp 127.0.0.1:" + server.Port, meter);
        Assert.True(server.HasClient);
        Assert.Equal(0, pump.Errors);
    }

    internal static async Task AssertReadsTheMeter(RunningHost host, MeterProfile profile, string source, MeterSimulator? meter = null)
    {
        await host.WaitForLinkUpAsync();
        string body = await host.WaitForJsonAsync(
            "api/v1/reading",
            e =>
            {
                JsonElement v = e.GetProperty("values");
                return new[] { "energy_import_kwh", "energy_export_kwh", "power_import_w", "power_export_w", "power_import_l1_w", "voltage_l1_v" }
                    .All(k => v.GetProperty(k).ValueKind == JsonValueKind.Number);
            },
            "energy and power values");
        using JsonDocument doc = JsonDocument.Parse(body);
        JsonElement root = doc.RootElement;
        Assert.Equal(profile.UtilitySerialNumber, root.GetProperty("meter_serial").GetString());
        JsonElement values = root.GetProperty("values");
        double importKwh = values.GetProperty("energy_import_kwh").GetDouble();
        double initialKwh = new HouseholdOptions().InitialFwdWh / 1000.0;
        Assert.InRange(importKwh, initialKwh, initialKwh + 50);
        Assert.True(values.GetProperty("power_import_w").GetDouble() + values.GetProperty("power_export_w").GetDouble() > 0, "some power flows");

        using JsonDocument info = JsonDocument.Parse(await host.Client.GetStringAsync("api/v1/info"));
        Assert.Equal(source, info.RootElement.GetProperty("module").GetProperty("source").GetString());
        Assert.Equal(profile.Model, info.RootElement.GetProperty("meter").GetProperty("model").GetString());

        string dashBody = await host.WaitForJsonAsync("getDashDataWS", e => ApiContract.DabblerValuesPresent(e, profile.PresentValues), "Dabbler values");
        using JsonDocument dash = JsonDocument.Parse(dashBody);
        ApiContract.AssertDabblerBody(dash.RootElement, profile.PresentValues);

        using JsonDocument status = JsonDocument.Parse(await host.Client.GetStringAsync("api/v1/status"));
        JsonElement counters = status.RootElement.GetProperty("counters");
        Assert.Equal(0, counters.GetProperty("authentication_failures_0x0b").GetInt32());
        Assert.Equal(0, counters.GetProperty("digest_failures").GetInt32());
        if (meter != null)
        {
            Assert.True(meter.Stats.RequestsProcessed > 10);
            Assert.Equal(0, meter.Stats.AuthenticationFailures);
        }
    }
}
