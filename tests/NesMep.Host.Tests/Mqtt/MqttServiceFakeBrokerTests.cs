using System.Diagnostics;
using NesMep.Core.Api;
using NesMep.Core.Mqtt;
using NesMep.Host.Mqtt;
using NesMep.Simulator;
using Xunit;

namespace NesMep.Host.Tests.Mqtt;

/// <summary>
/// The service against <see cref="FakeBroker"/>: brokers that drop every connection at once or never
/// acknowledge. The assertions are on what was sent and logged, not on how long things took.
/// </summary>
public class MqttServiceFakeBrokerTests
{
    private static MqttService NewService(int port, MqttServiceBrokerTests.ListLog log, MqttSupervisorOptions options)
    {
        var settings = new MqttSettings { Host = "127.0.0.1", Port = port, ClientId = "nesmep-fake" };
        var context = new ModuleContext(new ModuleInfo(), SystemClock.Instance, null);
        return new MqttService(settings, new object(), context, log, options);
    }

    [Fact]
    public void A_broker_that_drops_right_after_connack_is_reported_as_a_lost_connection()
    {
        // The supervisor's rule (a short connection counts as a failure) is tested on virtual time in the
        // core; here: the adapter never stays "connected" when the drop races its own CONNACK handling.
        using var broker = new FakeBroker(dropAfterConnAck: true);
        using var c = new MqttNetConnection(new MqttConnectOptions { Host = "127.0.0.1", Port = broker.Port, ClientId = "nesmep-fake", ConnectTimeoutMs = 3000 });
        c.StartConnect();
        WaitUntil(() => c.State == MqttConnectionState.Closed, "the connection to close", 10_000);
        Assert.Equal(MqttErrorKind.ConnectionLost, c.ErrorKind);
        Assert.Contains("broker 127.0.0.1:" + broker.Port, c.ErrorText);
        Assert.Equal(1, broker.ConnectionCount);
    }

    [Fact]
    public void Shutdown_without_offline_sent_closes_without_disconnect_so_the_broker_publishes_the_will()
    {
        using var broker = new FakeBroker(dropAfterConnAck: false);
        var log = new MqttServiceBrokerTests.ListLog();
        var options = new MqttSupervisorOptions { InitialBackoffMs = 50, MaxBackoffMs = 400, ConnectTimeoutMs = 3000, PollIntervalMs = 20, ShutdownFlushMs = 300 };
        MqttService service = NewService(broker.Port, log, options);
        service.Start();

        // "Online" goes out and is never acknowledged, nor is "Offline" later.
        WaitUntil(() => broker.ConnectionCount == 1 && broker.PacketTypes(0).Contains(PacketType.Publish), "the first PUBLISH", 10_000);
        service.Dispose();
        WaitUntil(() => broker.Ended(0), "the connection to end", 5000);

        Assert.DoesNotContain(PacketType.Disconnect, broker.PacketTypes(0));
        Assert.Contains("closing without DISCONNECT", log.Text);
    }

    [Fact]
    public void Stopping_during_a_slow_connect_ends_that_attempt_before_a_new_service_connects_with_the_same_client_id()
    {
        // CONNACK arrives one byte every 2.5 s (10 s in all), each within the 3 s read timeout: an
        // attempt that is not aborted connects long after the service was told to stop.
        using var broker = new FakeBroker(dropAfterConnAck: false, connAckByteDelayMs: 2500);
        var oldLog = new MqttServiceBrokerTests.ListLog();
        var options = new MqttSupervisorOptions { InitialBackoffMs = 50, ConnectTimeoutMs = 3000, PollIntervalMs = 20, ShutdownFlushMs = 200 };
        MqttService old = NewService(broker.Port, oldLog, options);
        old.Start();
        WaitUntil(() => broker.ConnectionCount == 1 && broker.PacketTypes(0).Contains(PacketType.Connect), "the first CONNECT", 10_000);

        old.Dispose(); // what a settings restart does before starting the new service

        // The old attempt is over at once, not when its CONNACK would have completed.
        WaitUntil(() => broker.Ended(0), "the old connection to end", 1000);
        Assert.Equal(new[] { PacketType.Connect }, broker.PacketTypes(0));
        Assert.DoesNotContain("connected to", oldLog.Text);
        Assert.DoesNotContain("retrying", oldLog.Text);
        Assert.Equal(0, old.Connections);
    }

    private static void WaitUntil(Func<bool> condition, string what, int timeoutMs)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(sw.ElapsedMilliseconds < timeoutMs, "no " + what + " within " + timeoutMs + " ms");
            Thread.Sleep(10);
        }
    }
}
