#nullable enable
using NesMep.Core.Api;
using NesMep.Core.Mqtt;
using NesMep.Core.Tests.Support;
using Xunit;

namespace NesMep.Core.Tests.Mqtt;

/// <summary>The connection rules of <see cref="MqttSupervisor"/> on virtual time, over a <see cref="FakeConnection"/>.</summary>
public class MqttSupervisorTests
{
    private readonly VirtualClock _clock = new();
    private readonly FakeConnection _connection = new();
    private readonly ListLog _log = new();
    private readonly MqttSupervisorOptions _options = new() { InitialBackoffMs = 1000, MaxBackoffMs = 8000, StableConnectionMs = 10_000, ConnectTimeoutMs = 5000, ShutdownFlushMs = 2000 };
    private readonly MqttSettings _settings = new() { Host = "broker", ClientId = "test" };
    private readonly MqttOutbox _outbox = new(256, 64 * 1024);
    private readonly MqttPublisher _publisher;
    private readonly MqttSupervisor _supervisor;

    public MqttSupervisorTests()
    {
        _publisher = new MqttPublisher(_settings, new ModuleContext(new ModuleInfo(), _clock, null), _outbox, _log, null);
        _supervisor = new MqttSupervisor(_connection, _publisher, _outbox, _settings, _options, _log);
    }

    /// <summary>Steps at every due time the supervisor returns until <paramref name="untilMs"/>.</summary>
    private void RunUntil(long untilMs)
    {
        while (_clock.NowMs <= untilMs)
        {
            long due = _supervisor.Step(_clock.NowMs);
            if (due > untilMs)
            {
                _clock.NowMs = untilMs + 1;
                return;
            }

            _clock.NowMs = Math.Max(due, _clock.NowMs + 1);
        }
    }

    /// <summary>Steps until the next attempt starts; returns when it started.</summary>
    private long NextAttempt()
    {
        int starts = _connection.Starts;
        long due = _supervisor.Step(_clock.NowMs);
        while (_connection.Starts == starts)
        {
            _clock.NowMs = due;
            due = _supervisor.Step(_clock.NowMs);
        }

        return _clock.NowMs;
    }

    private List<long> GapsBetweenFailedAttempts(int attempts, MqttErrorKind kind = MqttErrorKind.Unreachable)
    {
        var starts = new List<long>();
        for (int i = 0; i < attempts; i++)
        {
            starts.Add(NextAttempt());
            _connection.Fail(kind, "broker broker:1883 unreachable: connection refused");
        }

        return starts.Zip(starts.Skip(1), (a, b) => b - a).ToList();
    }

    [Fact]
    public void Connects_at_once_then_retries_with_doubling_backoff_up_to_the_cap()
    {
        _supervisor.Step(0);
        Assert.Equal(1, _connection.Starts); // the first attempt needs no wait
        _connection.Fail(MqttErrorKind.Unreachable, "broker broker:1883 unreachable: connection refused");

        List<long> gaps = GapsBetweenFailedAttempts(7);
        Assert.Equal(new long[] { 2000, 4000, 8000, 8000, 8000, 8000 }, gaps);
        Assert.Equal(8, _supervisor.ConnectAttempts);
        Assert.Equal(MqttErrorKind.Unreachable, _supervisor.LastErrorKind);
        Assert.Contains("Warning mqtt: cannot connect (broker unreachable): broker broker:1883 unreachable: connection refused; retrying in 1 s", _log.Lines);
        Assert.Contains(_log.Lines, l => l.EndsWith("retrying in 8 s", StringComparison.Ordinal));
    }

    [Fact]
    public void Between_attempts_the_due_time_is_the_next_attempt_so_a_host_can_sleep()
    {
        NextAttempt();
        _connection.Fail(MqttErrorKind.Unreachable, "refused");
        long due = _supervisor.Step(_clock.NowMs);
        Assert.Equal(_clock.NowMs + 1000, due);
        _clock.NowMs = due - 1;
        Assert.Equal(due, _supervisor.Step(_clock.NowMs)); // nothing happens early
        Assert.Equal(1, _connection.Starts);
    }

    [Fact]
    public void Credentials_errors_are_logged_as_errors_and_repeats_at_debug_except_every_tenth()
    {
        for (int i = 0; i < 12; i++)
        {
            NextAttempt();
            _connection.Fail(MqttErrorKind.NotAuthorized, "refused");
        }

        _supervisor.Step(_clock.NowMs);
        var levels = _log.Lines.Where(l => l.Contains("mqtt: cannot connect (not authorised): refused")).Select(l => l.Split(' ')[0]).ToList();
        Assert.Equal(12, levels.Count);
        Assert.Equal(new[] { 0, 9 }, levels.Select((l, i) => (l, i)).Where(x => x.l == "Error").Select(x => x.i));
        Assert.All(levels.Where(l => l != "Error"), l => Assert.Equal("Debug", l));
    }

    [Fact]
    public void A_connection_lost_soon_after_connack_counts_as_a_failure_and_the_backoff_keeps_growing()
    {
        var gaps = new List<long>();
        long last = NextAttempt();
        for (int i = 0; i < 5; i++)
        {
            _connection.Accept();
            RunUntil(_clock.NowMs + 500); // connected for half a second, then dropped (duplicate client id, ACL)
            _connection.Fail(MqttErrorKind.ConnectionLost, "connection to broker broker:1883 lost (the broker closed it)");
            long start = NextAttempt();
            gaps.Add(start - last);
            last = start;
        }

        // Each gap: ~0.5 s connected plus the back-off, which doubles because no connection was stable.
        Assert.Equal(new long[] { 1000, 2000, 4000, 8000, 8000 }, gaps.Select(g => g - 501).ToArray());
        Assert.Equal(5, _supervisor.Connections);
    }

    [Fact]
    public void A_connection_that_lasted_the_stable_time_starts_the_backoff_again()
    {
        GapsBetweenFailedAttempts(4); // back-off now 8 s
        NextAttempt();
        _connection.Accept();
        RunUntil(_clock.NowMs + _options.StableConnectionMs);
        _connection.Fail(MqttErrorKind.ConnectionLost, "lost");
        long lostAt = _clock.NowMs;
        long start = NextAttempt();
        Assert.Equal(_options.InitialBackoffMs, start - lostAt);
        Assert.Contains("Warning mqtt: lost; retrying in 1 s", _log.Lines);
    }

    [Fact]
    public void An_attempt_without_connack_in_time_is_aborted_and_counts_as_a_timeout()
    {
        long started = NextAttempt();
        long due = _supervisor.Step(_clock.NowMs);
        Assert.Equal(started + _options.ConnectTimeoutMs, due);
        _clock.NowMs = due - 1;
        _supervisor.Step(_clock.NowMs);
        Assert.Equal(0, _connection.Aborts);

        _clock.NowMs = due;
        long retry = _supervisor.Step(_clock.NowMs);
        Assert.Equal(1, _connection.Aborts);
        Assert.Equal(MqttErrorKind.Timeout, _supervisor.LastErrorKind);
        Assert.Equal(due + 1000, retry);
        Assert.Contains(_log.Lines, l => l.Contains("cannot connect (timeout): no connection to broker broker:1883 within 5000 ms"));
    }

    [Fact]
    public void On_connect_it_subscribes_and_the_publisher_sends_online_through_the_outbox()
    {
        NextAttempt();
        _connection.Accept();
        _supervisor.Step(_clock.NowMs);
        Assert.True(_supervisor.IsConnected);
        Assert.Equal(new[] { "homeassistant/status" }, _connection.Subscribed);
        Assert.Contains(("nesmep/lwt", "Online", 1, true), _connection.Sent);
        Assert.Contains(_log.Lines, l => l.StartsWith("Info mqtt: connected to mqtt://broker:1883 as test; topics under nesmep/", StringComparison.Ordinal));
    }

    [Fact]
    public void Incoming_birth_messages_are_drained_by_the_step_into_the_publisher()
    {
        NextAttempt();
        _connection.Accept();
        _supervisor.Step(_clock.NowMs);
        _connection.Receive("homeassistant/status", "online");
        _connection.Receive("other/topic", "online");
        _supervisor.Step(_clock.NowMs);
        Assert.Contains(_log.Lines, l => l.Contains("Home Assistant is online"));
        Assert.False(_connection.TryReceive(out _, out _));
    }

    [Fact]
    public void Shutdown_publishes_offline_waits_for_the_broker_to_take_it_then_disconnects()
    {
        NextAttempt();
        _connection.Accept();
        _supervisor.Step(_clock.NowMs);
        _connection.HoldAcks = true;
        _connection.Sent.Clear();

        _supervisor.RequestStop(_clock.NowMs);
        long due = _supervisor.Step(_clock.NowMs);
        Assert.Contains(("nesmep/availability", "offline", 1, true), _connection.Sent);
        Assert.Contains(("nesmep/lwt", "Offline", 1, true), _connection.Sent);
        Assert.False(_supervisor.IsStopped); // waits for the acknowledgements
        Assert.Equal(0, _connection.Disconnects);

        _clock.NowMs = due;
        _connection.AckAll();
        Assert.Equal(long.MaxValue, _supervisor.Step(_clock.NowMs));
        Assert.True(_supervisor.IsStopped);
        Assert.Equal((1, 0), (_connection.Disconnects, _connection.Aborts));
        Assert.Contains("Info mqtt: disconnected", _log.Lines);
    }

    [Fact]
    public void Shutdown_when_the_broker_does_not_take_offline_in_time_closes_without_disconnect_so_the_will_is_published()
    {
        NextAttempt();
        _connection.Accept();
        _supervisor.Step(_clock.NowMs);
        _connection.HoldAcks = true;
        _connection.MaxInFlight = 0; // nothing more goes out

        long stopAt = _clock.NowMs;
        _supervisor.RequestStop(stopAt);
        RunUntil(stopAt + _options.ShutdownFlushMs - 1);
        Assert.False(_supervisor.IsStopped);
        RunUntil(stopAt + _options.ShutdownFlushMs);
        Assert.True(_supervisor.IsStopped);
        Assert.Equal((0, 1), (_connection.Disconnects, _connection.Aborts));
        Assert.Contains(_log.Lines, l => l.Contains("closing without DISCONNECT so the broker publishes the last will"));
    }

    [Fact]
    public void Stopping_during_an_attempt_aborts_it_at_once()
    {
        NextAttempt();
        _supervisor.RequestStop(_clock.NowMs);
        Assert.True(_supervisor.IsStopped);
        Assert.Equal(1, _connection.Aborts);
        Assert.Equal(long.MaxValue, _supervisor.Step(_clock.NowMs + 60_000));
        Assert.Equal(1, _connection.Starts);
    }

    [Fact]
    public void A_lost_connection_clears_the_outbox_and_tells_the_publisher()
    {
        NextAttempt();
        _connection.Accept();
        _connection.MaxInFlight = 0; // everything stays queued
        _supervisor.Step(_clock.NowMs);
        Assert.True(_outbox.Count > 0);
        _connection.Fail(MqttErrorKind.ConnectionLost, "gone");
        _supervisor.Step(_clock.NowMs);
        Assert.Equal(0, _outbox.Count);
        Assert.False(_publisher.Connected);
        Assert.False(_supervisor.IsConnected);
    }
}
