using System.Diagnostics;
using System.Net;
using NesMep.Core.Api;
using NesMep.Core.Model;
using NesMep.Core.Platform;
using NesMep.Core.Protocol;
using NesMep.Host.Service;
using NesMep.Host.Tests.EndToEnd;
using NesMep.Host.Transports;
using NesMep.Simulator;
using Xunit;

namespace NesMep.Host.Tests.Service;

/// <summary>
/// The meter poll thread and the settings restart: an unexpected exception is logged and polling
/// goes on, a lost serial server is reported once and reconnected with back-off, and a restart
/// that cannot start the meter side stops the service visibly. Waits have deadlines; no test
/// asserts how fast anything is.
/// </summary>
[Collection("EndToEnd")]
public class ModuleRuntimeTests
{
    private const string Key = "Utility-MBK-0123456!";

    [Fact]
    public void An_unexpected_exception_in_the_poll_thread_is_logged_and_polling_goes_on()
    {
        var clock = new FaultyClock();
        var log = new TestLog();
        using var runtime = new ModuleRuntime(new HostConfig(), clock, log.Log, new ModuleInfo());
        runtime.Start();
        WaitFor(() => PowerUpdatedMs(runtime) > 0, "first power value", log);

        clock.ThrowOnPollThread(1);
        WaitFor(() => log.Text.Contains("meter poll loop: InvalidOperationException: test fault; polling goes on"), "the error line", log);
        long after = clock.NowMs;
        WaitFor(() => PowerUpdatedMs(runtime) > after, "a power value after the exception", log);
        Assert.True(runtime.IsPolling);
    }

    [Fact]
    public void Reconnect_back_off_doubles_up_to_30_s()
    {
        int delay = ModuleRuntime.FirstReconnectDelayMs;
        var seen = new List<int> { delay };
        for (int i = 0; i < 8; i++)
        {
            delay = ModuleRuntime.NextReconnectDelayMs(delay);
            seen.Add(delay);
        }

        Assert.Equal([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000], seen);
    }

    [Fact]
    public void A_lost_serial_server_is_logged_once_and_reconnected_when_it_returns()
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
            WaitFor(() => log.Text.Contains("connection to 127.0.0.1:" + port + " lost"), "the lost line", log);
            Thread.Sleep(3500); // a few failed attempts (1 s, then 2 s): they must not each log
            Assert.Equal(1, Count(log.Text, " lost; reconnecting"));

            server = new TcpByteServer(IPAddress.Loopback, port);
            pump = new SimulatorPump(SimulatorFactory.Create(SystemClock.Instance, "gen3", true, "none", MepKey.Parse(Key)), server);
            pump.Start();
            WaitFor(() => log.Text.Contains("reconnected to 127.0.0.1:" + port), "the reconnected line", log, 40_000);
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
    public async Task A_settings_restart_requested_after_shutdown_starts_nothing()
    {
        RunningHost host = await RunningHost.StartAsync(new HostConfig());
        await host.DisposeAsync();
        host.Host.RequestRestart();
        await host.Host.PendingRestart;
        Assert.Equal(0, host.Host.Generation);
        Assert.False(host.Host.Runtime.IsPolling);
    }

    private static long PowerUpdatedMs(ModuleRuntime runtime)
    {
        lock (runtime.Gate)
        {
            return runtime.Reading.UpdatedMs(Quantity.PowerImportW);
        }
    }

    private static int Count(string text, string part)
    {
        int n = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
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

    /// <summary>The system clock, throwing from the poll thread when told to (a stand-in for a bug in the core).</summary>
    private sealed class FaultyClock : IClock
    {
        private int _throws;

        public long NowMs
        {
            get
            {
                if (Volatile.Read(ref _throws) > 0 && Thread.CurrentThread.Name == "mep-poll" && Interlocked.Decrement(ref _throws) >= 0)
                {
                    throw new InvalidOperationException("test fault");
                }

                return SystemClock.Instance.NowMs;
            }
        }

        public DateTime UtcNow => DateTime.UtcNow;

        public void ThrowOnPollThread(int times) => Volatile.Write(ref _throws, times);
    }
}
