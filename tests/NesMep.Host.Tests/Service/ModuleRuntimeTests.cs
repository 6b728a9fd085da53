using System.Diagnostics;
using System.Net;
using NesMep.Core.Api;
using NesMep.Core.Model;
using NesMep.Core.Module;
using NesMep.Core.Protocol;
using NesMep.Host.Service;
using NesMep.Host.Tests.EndToEnd;
using NesMep.Host.Transports;
using NesMep.Simulator;
using Xunit;

namespace NesMep.Host.Tests.Service;

/// <summary>
/// The host's composition root on real threads and sockets (the module's behaviour itself — due times,
/// reconnect back-off, settings fallback — is tested on virtual time in NesMep.Core.Tests/Module): the
/// thread sleeps on the transport's data-arrived wake and still polls, the host's factory falls back to the
/// previous settings when a device is missing (driven on virtual time), a serial server's socket is
/// reconnected, a restart that cannot start the meter side at all stops the service visibly.
/// </summary>
[Collection("EndToEnd")]
public class ModuleRuntimeTests
{
    private const string Key = "Utility-MBK-0123456!";

    [Fact]
    public void The_module_thread_polls_the_built_in_simulator_without_spinning()
    {
        var log = new TestLog();
        using var runtime = new ModuleRuntime(new HostConfig(), SystemClock.Instance, log.Log, new ModuleInfo());
        runtime.Start();
        WaitFor(() => PowerUpdatedMs(runtime) > 0, "first power value", log);
        long steps = runtime.Module.Steps, wakeups = runtime.Wakeups, from = SystemClock.Instance.NowMs;
        long updated = PowerUpdatedMs(runtime);
        WaitFor(() => PowerUpdatedMs(runtime) > updated + 2000, "power values going on", log);
        double seconds = (SystemClock.Instance.NowMs - from) / 1000.0;

        // A 2 ms spin makes 500 wake-ups a second; this loop needs a few per request (about one a second).
        Assert.True(runtime.Module.Steps - steps < 100 * seconds, $"{runtime.Module.Steps - steps} steps in {seconds:N1} s");
        Assert.True(runtime.Wakeups - wakeups < 100 * seconds, $"{runtime.Wakeups - wakeups} wake-ups in {seconds:N1} s");
    }

    [Fact]
    public void A_serial_server_that_drops_the_connection_is_reconnected()
    {
        var server = new TcpByteServer(IPAddress.Loopback, 0);
        int port = server.Port;
        var pump = new SimulatorPump(SimulatorFactory.Create(SystemClock.Instance, "gen3", true, "none", MepKey.Parse(Key)), server);
        pump.Start();
        var log = new TestLog();
        var config = new HostConfig { Source = MeterSource.Tcp, TcpEndpoint = "127.0.0.1:" + port, Key = Key };
        var runtime = new ModuleRuntime(config, SystemClock.Instance, log.Log, new ModuleInfo());
        try
        {
            runtime.Start();
            WaitFor(() => PowerUpdatedMs(runtime) > 0, "first power value", log);

            pump.Dispose();
            server.Dispose();
            server = new TcpByteServer(IPAddress.Loopback, port);
            pump = new SimulatorPump(SimulatorFactory.Create(SystemClock.Instance, "gen3", true, "none", MepKey.Parse(Key)), server);
            pump.Start();
            WaitFor(() => log.Text.Contains("reconnected to 127.0.0.1:" + port), "the reconnected line", log);
            Assert.Contains("connection to 127.0.0.1:" + port + " lost; reconnecting", log.Text);
            long back = SystemClock.Instance.NowMs;
            WaitFor(() => PowerUpdatedMs(runtime) > back, "a power value after the reconnect", log);
        }
        finally
        {
            runtime.Dispose();
            pump.Dispose();
            server.Dispose();
        }

        Assert.False(runtime.IsPolling);
    }

    [Fact]
    public async Task A_restart_that_cannot_start_the_meter_side_at_all_stops_the_service_visibly()
    {
        var server = new TcpByteServer(IPAddress.Loopback, 0);
        var pump = new SimulatorPump(SimulatorFactory.Create(SystemClock.Instance, "gen3", true, "none", MepKey.Parse(Key)), server);
        pump.Start();
        var config = new HostConfig { Source = MeterSource.Tcp, TcpEndpoint = "127.0.0.1:" + server.Port, Key = Key };
        await using RunningHost host = await RunningHost.StartAsync(config);
        await host.WaitForLinkUpAsync();
        pump.Dispose();
        server.Dispose(); // the serial server is gone: neither the new nor the previous settings can connect

        HostConfig next = host.Host.Config.Clone();
        next.Poll.PowerIntervalMs += 100;
        host.Host.Config = next;
        await host.Host.RestartAsync();

        Assert.True(host.Host.Failed.IsCancellationRequested, host.Log);
        Assert.Contains("connect to " + config.TcpEndpoint, host.Host.FailureReason);
        Assert.Contains("stopping the service", host.Log);
    }

    [Fact]
    public async Task New_settings_naming_a_missing_serial_device_fall_back_to_the_previous_ones_on_virtual_time()
    {
        var clock = new VirtualClock(DateTime.UtcNow);
        var log = new TestLog();
        using var runtime = new ModuleRuntime(new HostConfig(), clock, log.Log, new ModuleInfo());
        for (int i = 0; i < 3000; i++)
        {
            runtime.Module.Step(); // not started: the test drives the module itself
            clock.Advance(1);
        }

        long started = runtime.Context.StartedMs;
        var broken = new HostConfig { Source = MeterSource.Serial, SerialPath = "/dev/nesmep-no-such-device" };

        Assert.Equal(MeterModule.KeptPrevious, await runtime.ApplyAsync(broken));
        Assert.Contains("new settings: cannot start the meter side (", log.Text);
        Assert.Contains("/dev/nesmep-no-such-device", log.Text);
        Assert.Equal(MeterSource.Simulator, runtime.Settings.Source);
        Assert.NotNull(runtime.Simulator);
        Assert.Equal(started, runtime.Context.StartedMs);
        long applied = clock.NowMs;
        for (int i = 0; i < 3000; i++)
        {
            runtime.Module.Step();
            clock.Advance(1);
        }

        Assert.True(PowerUpdatedMs(runtime) > applied, "the previous settings poll again\n" + log.Text);
    }

    [Fact]
    public async Task A_settings_restart_requested_after_shutdown_starts_nothing()
    {
        RunningHost host = await RunningHost.StartAsync(new HostConfig());
        await host.DisposeAsync();
        host.Host.RequestRestart();
        await host.Host.PendingRestart;
        Assert.Equal(0, host.Host.Generation);
        Assert.False(host.Host.Runtime.IsPolling);
        Assert.Equal(MeterModule.KeptPrevious, await host.Host.Runtime.ApplyAsync(new HostConfig()));
    }

    private static long PowerUpdatedMs(ModuleRuntime runtime)
    {
        lock (runtime.Gate)
        {
            return runtime.Reading.UpdatedMs(Quantity.PowerImportW);
        }
    }

    private static void WaitFor(Func<bool> condition, string what, TestLog log, int deadlineMs = 20_000)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(sw.ElapsedMilliseconds < deadlineMs, what + ": not seen within " + deadlineMs + " ms\nlog:\n" + log.Text);
            Thread.Sleep(20);
        }
    }
}
