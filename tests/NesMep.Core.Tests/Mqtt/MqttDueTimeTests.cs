#nullable enable
using NesMep.Core.Module;
using NesMep.Core.Mqtt;
using NesMep.Core.Tests.Support;
using Xunit;

namespace NesMep.Core.Tests.Mqtt;

/// <summary>
/// The connected supervisor sleeps until the publisher's next due time (or a reading change) instead of polling
/// every 100 ms, and still publishes at the same virtual times — run both ways on identical scripted meters.
/// </summary>
public class MqttDueTimeTests
{
    private const int OldPollMs = 100;

    /// <summary>The supervisor over the rig's meter, with an outbox and a fake connection; stepped in one of two ways.</summary>
    private sealed class Loop
    {
        private readonly ReadingChangeWatch _watch = new();
        private long _due;

        public Loop(MqttSettings settings)
        {
            Rig = new PublisherRig(settings).WithData();
            Publisher = new MqttPublisher(Rig.Settings, Rig.Context, Outbox, Log, null);
            Supervisor = new MqttSupervisor(Connection, Publisher, Outbox, Rig.Settings, new MqttSupervisorOptions(), Log);
            Supervisor.Step(Rig.Clock.NowMs);
            Connection.Accept();
            _due = Rig.Clock.NowMs;
        }

        public PublisherRig Rig { get; }

        public MqttOutbox Outbox { get; } = new(256, 64 * 1024);

        public FakeConnection Connection { get; } = new();

        public ListLog Log { get; } = new();

        public MqttPublisher Publisher { get; }

        public MqttSupervisor Supervisor { get; }

        /// <summary>Every message the connection took, with the virtual time.</summary>
        public List<(long AtMs, string Topic, string Payload)> Sent { get; } = new();

        public long Steps { get; private set; }

        /// <summary>
        /// Runs the meter side every millisecond; steps the supervisor every 100 ms (<paramref name="poll"/>, the old
        /// loop) or at the time Step returned and, with <paramref name="wakes"/>, when the reading changed and the due
        /// moved earlier (the new one).
        /// </summary>
        public void Run(long ms, bool poll, bool wakes = true)
        {
            long end = Rig.Clock.NowMs + ms;
            while (Rig.Clock.NowMs < end)
            {
                long now = Rig.Clock.NowMs;
                Rig.Poller!.Poll();
                bool changed = _watch.Changed(Rig.Context, now);
                if (poll)
                {
                    if (now % OldPollMs == 0)
                    {
                        Step(now);
                    }
                }
                else
                {
                    bool wake = wakes && changed && Supervisor.DueEarlier(now);
                    for (int inRow = 0; now >= _due || wake; inRow++)
                    {
                        Assert.True(inRow < 50, "the supervisor keeps asking for a step at " + now + ": the loop would spin");
                        _due = Step(now);
                        wake = false;
                    }
                }

                Rig.Clock.Advance(1);
            }
        }

        private long Step(long now)
        {
            Steps++;
            int before = Connection.Sent.Count;
            long due = Supervisor.Step(now);
            foreach (var m in Connection.Sent.Skip(before))
            {
                Sent.Add((now, m.Topic, m.Payload));
            }

            return due;
        }

        public List<(long AtMs, string Payload)> On(string topic) => Sent.Where(m => m.Topic == topic).Select(m => (m.AtMs, m.Payload)).ToList();
    }

    private static MqttSettings Interval() => new() { Host = "broker", ClientId = "test", IntervalS = 10 };

    private static MqttSettings OnChange() => new() { Host = "broker", ClientId = "test", PublishMode = MqttSettings.ModeOnChange, IntervalS = 10, MinIntervalS = 1 };

    [Fact]
    public void Interval_mode_with_a_steady_meter_steps_a_few_times_per_interval_and_publishes_at_the_same_times_as_polling()
    {
        var polled = new Loop(Interval());
        var due = new Loop(Interval());
        polled.Run(10_000, poll: true); // connect, discovery, grace, first state
        due.Run(10_000, poll: false);
        long polledSteps = polled.Steps, dueSteps = due.Steps;

        polled.Run(60_000, poll: true);
        due.Run(60_000, poll: false);

        Assert.Equal(600, polled.Steps - polledSteps);
        Assert.InRange(due.Steps - dueSteps, 6, 12); // one per interval (state + diagnostics), nothing in between
        Assert.Equal(polled.Sent.Select(m => (m.AtMs, m.Topic)), due.Sent.Select(m => (m.AtMs, m.Topic)));
        Assert.Equal(7, due.On("nesmep/state").Count); // 1 s grace after discovery, then every 10 s
        Assert.Equal(polled.Sent.Select(m => m.Payload), due.Sent.Select(m => m.Payload));
    }

    [Fact]
    public void On_change_mode_wakes_on_a_reading_change_and_publishes_no_later_than_polling()
    {
        var polled = new Loop(OnChange());
        var due = new Loop(OnChange());
        polled.Run(10_000, poll: true);
        due.Run(10_000, poll: false);
        long dueSteps = due.Steps;

        polled.Run(60_000, poll: true);
        due.Run(60_000, poll: false);
        Assert.InRange(due.Steps - dueSteps, 6, 12); // steady meter: only the interval publications

        foreach (Loop l in new[] { polled, due })
        {
            l.Rig.PowerImportW = 2345;
        }

        dueSteps = due.Steps;
        polled.Run(5_000, poll: true);
        due.Run(5_000, poll: false);

        var polledStates = polled.On("nesmep/state");
        var dueStates = due.On("nesmep/state");
        Assert.Equal(polledStates.Count, dueStates.Count);
        Assert.Equal(polledStates.Select(s => s.Payload), dueStates.Select(s => s.Payload));
        Assert.All(polledStates.Zip(dueStates), p => Assert.InRange(p.First.AtMs - p.Second.AtMs, 0, OldPollMs - 1));
        Assert.Contains("\"power_import_w\":2345", dueStates[^1].Payload);
        Assert.InRange(due.Steps - dueSteps, 1, 6);
    }

    [Fact]
    public void Availability_goes_offline_on_time_when_the_link_stops_without_any_reading_change()
    {
        var polled = new Loop(Interval());
        var due = new Loop(Interval());
        polled.Run(12_000, poll: true);
        due.Run(12_000, poll: false);
        foreach (Loop l in new[] { polled, due })
        {
            l.Rig.Meter.Enqueue(Enumerable.Repeat(MeterAction.LoseRequest, 1000).ToArray());
        }

        polled.Run(20_000, poll: true);
        due.Run(20_000, poll: false, wakes: false); // nothing but the due time: no reading change says "link down"

        var offline = due.On("nesmep/availability").Last();
        Assert.Equal("offline", offline.Payload);
        long lastReply = due.Rig.Poller!.Link.LastVerifiedReplyMs;
        Assert.Equal(lastReply + NesMep.Core.Api.ModuleContext.LinkDownAfterMs + 1, offline.AtMs); // the first millisecond the link counts as down
        var polledOffline = polled.On("nesmep/availability").Last();
        Assert.Equal("offline", polledOffline.Payload);
        Assert.InRange(polledOffline.AtMs - offline.AtMs, 0, OldPollMs - 1);
        Assert.Equal(polled.On("nesmep/state").Select(s => s.Payload), due.On("nesmep/state").Select(s => s.Payload));
    }

    [Fact]
    public void A_connection_that_holds_messages_back_is_retried_after_the_drain_retry_not_every_poll()
    {
        var due = new Loop(Interval());
        due.Connection.MaxInFlight = 0; // nothing goes out: the outbox keeps what it has
        due.Connection.HoldAcks = true;
        due.Run(10_000, poll: false);
        Assert.True(due.Outbox.Count > 0);
        Assert.InRange(due.Steps, 9, 13); // every DrainRetryMs (1 s), not every 100 ms

        due.Connection.MaxInFlight = 1000;
        due.Run(1_500, poll: false);
        Assert.Equal(0, due.Outbox.Count);
        Assert.Contains(due.Sent, m => m.Topic == "nesmep/lwt" && m.Payload == "Online");
    }
}
