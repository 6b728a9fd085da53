using NesMep.Core.Protocol;
using NesMep.Simulator.Tests.Support;
using Xunit;

namespace NesMep.Simulator.Tests;

/// <summary>Every fault kind can be triggered (directly or by rate) and is counted (§14 item 9).</summary>
public class FaultInjectionTests
{
    private static MeterHarness NewHarness(FaultOptions? faults = null) =>
        new(new SimulatorOptions { InitialSequence = 40, Faults = faults ?? new FaultOptions() });

    private static MepRequest Bt52() => MeterHarness.PartialRead(MeterTableIds.BT52, 0, 7);

    [Fact]
    public void Dropped_reply_consumes_the_sequence_so_an_identical_retry_gets_0x0C()
    {
        MeterHarness h = NewHarness();
        h.Meter.Faults.DropNextReplies(1);
        byte[] request = h.Frame(Bt52());

        Assert.Null(h.Exchange(request, 600));
        Reply retry = h.Exchange(request)!;

        Assert.Equal(MepCodes.InvalidSequenceNumber, retry.Code);
        Assert.Equal(42u, retry.NextSequence); // like the real capture of §4.3 (issue #10)
        Assert.Equal(1, h.Meter.Faults.Counters.RepliesDropped);
        Assert.Equal("dropped", h.Meter.RequestLog[0].Faults);
    }

    [Theory]
    [InlineData(700)]
    [InlineData(11_000)]
    public void Late_reply_arrives_after_the_configured_delay(int delayMs)
    {
        MeterHarness h = NewHarness();
        h.Meter.Faults.DelayNextReplies(1, delayMs);
        long sent = h.Clock.NowMs;

        Reply r = h.Exchange(h.Frame(Bt52()), delayMs + 1000)!;

        Assert.Equal(MepCodes.Ok, r.Code);
        Assert.InRange(r.FirstByteMs - sent, delayMs + 15, delayMs + 20);
        Assert.Equal(1, h.Meter.Faults.Counters.RepliesDelayed);
    }

    [Fact]
    public void Duplicated_reply_arrives_twice()
    {
        MeterHarness h = NewHarness();
        h.Meter.Faults.DuplicateNextReplies(1);

        Reply first = h.Exchange(h.Frame(Bt52()))!;
        Reply second = h.WaitReply(500)!;

        Assert.Equal(first.Frame, second.Frame);
        Assert.Equal(1, h.Meter.Faults.Counters.RepliesDuplicated);
    }

    [Fact]
    public void Corrupted_byte_is_caught_by_the_client_digest_check()
    {
        MeterHarness h = NewHarness();
        h.Meter.Faults.CorruptNextReplies(1);
        byte[] request = h.Frame(MeterHarness.PartialRead(MeterTableIds.BT23, 0, 40));

        h.Send(request);
        List<(long At, byte Value)> bytes = h.Collect(500);
        byte[] frame = bytes.Select(b => b.Value).ToArray();

        Assert.Equal(2 + 3 + 40 + 8, frame.Length);
        var parsed = new MepResponse();
        bool valid = MepResponseParser.TryParse(frame, 0, frame.Length, parsed, out _) &&
                     MepResponseParser.DigestValid(new MepDigest(h.Key), request, 0, request.Length, frame, parsed);
        Assert.False(valid);
        Assert.Equal(1, h.Meter.Faults.Counters.BytesCorrupted);
    }

    [Fact]
    public void Lost_byte_leaves_a_truncated_frame_the_client_cannot_complete()
    {
        MeterHarness h = NewHarness();
        h.Meter.Faults.LoseByteOfNextReplies(1);

        Assert.Null(h.Exchange(h.Frame(Bt52()), 1000));
        Assert.Equal(1, h.Meter.Faults.Counters.BytesLost);
        h.Clock.Advance(200);
        Assert.Equal(MepCodes.Ok, h.Exchange(h.Frame(Bt52()))!.Code); // next one is fine
    }

    [Fact]
    public void Lock_up_lasts_through_retransmissions_until_enable_is_switched_off_and_on()
    {
        MeterHarness h = NewHarness();
        h.Meter.Faults.TriggerLockUp();
        for (int i = 0; i < 3; i++)
        {
            Assert.Null(h.Exchange(h.Frame(Bt52()), 600));
        }

        h.Meter.SetEnabled(true); // switching "on" alone does not help
        Assert.Null(h.Exchange(h.Frame(Bt52()), 600));

        h.Meter.SetEnabled(false);
        h.Clock.Advance(1000);
        Assert.Null(h.Exchange(h.Frame(Bt52()), 600)); // ENABLE off: nothing answers
        h.Meter.SetEnabled(true);
        h.Clock.Advance(1000);

        Reply r = h.Exchange(h.Frame(Bt52()))!;
        Assert.True(r.Code is MepCodes.Ok or MepCodes.InvalidSequenceNumber);
        Assert.Equal(1, h.Meter.Faults.Counters.LockUps);
        Assert.False(h.Meter.Faults.LockedUp);
    }

    [Fact]
    public void Lock_up_clears_once_the_line_is_idle_for_the_power_cycle_time()
    {
        // Served over TCP or a pty the meter cannot see ENABLE; a client's power cycle shows as silence.
        MeterHarness h = NewHarness();
        h.Clock.Advance(5000); // a long idle time before the lock-up does not count
        h.Meter.Faults.TriggerLockUp();
        h.Meter.Tick();
        for (int i = 0; i < 4; i++)
        {
            // Retransmissions every 600 ms (the client's response timeout) keep it locked.
            Assert.Null(h.Exchange(h.Frame(Bt52()), 600));
        }

        Assert.True(h.Meter.Faults.LockedUp);
        h.Clock.Advance(h.Options.Faults.LockUpClearsAfterIdleMs - 600);
        h.Meter.Tick();
        Assert.False(h.Meter.Faults.LockedUp);

        Reply r = h.Exchange(h.Frame(Bt52()))!;
        Assert.True(r.Code is MepCodes.Ok or MepCodes.InvalidSequenceNumber);
        Assert.Equal(1, h.Meter.Faults.Counters.LockUpsClearedByIdle);
        Assert.True(h.Meter.Enabled);
    }

    [Fact]
    public void Lock_up_on_arrival_counts_its_idle_time_from_the_request_that_locked_it()
    {
        MeterHarness h = NewHarness(new FaultOptions { LockUpRate = 1.0, LockUpClearsAfterIdleMs = 1500 });
        h.Clock.Advance(10_000);
        Assert.Null(h.Exchange(h.Frame(Bt52()), 1400));
        Assert.True(h.Meter.Faults.LockedUp);
        h.Clock.Advance(100);
        h.Meter.Tick();
        Assert.False(h.Meter.Faults.LockedUp);
    }

    [Fact]
    public void With_the_idle_rule_off_only_enable_clears_a_lock_up()
    {
        MeterHarness h = NewHarness(new FaultOptions { LockUpClearsAfterIdleMs = 0 });
        h.Meter.Faults.TriggerLockUp();
        h.Clock.Advance(60_000);
        Assert.Null(h.Exchange(h.Frame(Bt52()), 600));
        Assert.True(h.Meter.Faults.LockedUp);

        h.Meter.SetEnabled(false);
        h.Meter.SetEnabled(true);
        Assert.False(h.Meter.Faults.LockedUp);
    }

    [Fact]
    public void Lock_up_rate_locks_the_transceiver_on_a_request()
    {
        MeterHarness h = NewHarness(new FaultOptions { LockUpRate = 1.0 });
        Assert.Null(h.Exchange(h.Frame(Bt52()), 600));
        Assert.True(h.Meter.Faults.LockedUp);
        Assert.Equal(1, h.Meter.Faults.Counters.LockUps);
        Assert.Equal(1, h.Meter.Faults.Counters.RequestsIgnoredLockedUp);
    }

    [Fact]
    public void Sequence_jump_makes_the_next_request_get_0x0C_with_the_new_number()
    {
        MeterHarness h = NewHarness();
        h.Meter.Faults.JumpSequence(25);

        Reply r = h.Exchange(h.Frame(Bt52()))!; // seq 41

        Assert.Equal(MepCodes.InvalidSequenceNumber, r.Code);
        Assert.Equal(66u, r.NextSequence);
        Assert.Equal(1, h.Meter.Faults.Counters.SequenceJumps);
    }

    [Fact]
    public void Cut_link_answers_nothing_until_restored()
    {
        MeterHarness h = NewHarness();
        h.Meter.Faults.CutLink(true);
        Assert.Null(h.Exchange(h.Frame(Bt52()), 600));
        Assert.True(h.Meter.Faults.Counters.BytesLostLinkCut > 0);

        h.Meter.Faults.CutLink(false);
        Assert.Equal(MepCodes.Ok, h.Exchange(h.Frame(Bt52()))!.Code);
    }

    [Fact]
    public void Injected_noise_appears_on_the_line_and_is_counted()
    {
        MeterHarness h = NewHarness();
        h.Meter.Faults.InjectNoise(new byte[] { 0xFF, 0x7E });
        h.Meter.Faults.InjectNoise(); // random burst

        List<(long At, byte Value)> bytes = h.Collect(100);

        Assert.Equal(0xFF, bytes[0].Value);
        Assert.Equal(0x7E, bytes[1].Value);
        Assert.True(bytes.Count >= 3);
        Assert.Equal(2, h.Meter.Faults.Counters.NoiseBursts);
        Assert.Equal(bytes.Count, h.Meter.Faults.Counters.NoiseBytes);
    }

    [Fact]
    public void Idle_line_noise_rate_puts_bursts_on_the_line_only_while_idle()
    {
        MeterHarness h = NewHarness(new FaultOptions { NoiseRatePerSecond = 1.0 });
        List<(long At, byte Value)> bytes = h.Collect(10_500);
        Assert.InRange(h.Meter.Faults.Counters.NoiseBursts, 9, 11);
        Assert.Equal(h.Meter.Faults.Counters.NoiseBytes, bytes.Count + h.Meter.PendingOutputBytes);
    }

    [Fact]
    public void Idle_line_noise_never_breaks_up_a_reply()
    {
        MeterHarness h = NewHarness(new FaultOptions { NoiseRatePerSecond = 1.0 });
        for (int i = 0; i < 10; i++)
        {
            byte[] request = h.Frame(MeterHarness.PartialRead(MeterTableIds.BT23, 0, 150));
            Reply r = h.Exchange(request)!;
            Assert.True(h.DigestValid(request, r), "reply " + i + " damaged");
            h.Clock.Advance(700);
        }

        Assert.True(h.Meter.Faults.Counters.NoiseBursts > 0);
    }

    [Fact]
    public void Rate_based_reply_faults_are_all_counted()
    {
        var faults = new FaultOptions
        {
            LateReplyRate = 1.0,
            LateReplyDelayMs = 300,
            DuplicateReplyRate = 1.0,
            ByteCorruptionRate = 0.05,
            ByteLossRate = 0.05,
        };
        MeterHarness h = NewHarness(faults);
        for (int i = 0; i < 20; i++)
        {
            h.Send(h.Frame(MeterHarness.PartialRead(MeterTableIds.BT23, 0, 40)));
            h.Collect(1500, 10);
        }

        FaultCounters c = h.Meter.Faults.Counters;
        Assert.Equal(20, c.RepliesDelayed);
        Assert.Equal(20, c.RepliesDuplicated);
        Assert.True(c.BytesCorrupted > 10, c.ToString());
        Assert.True(c.BytesLost > 10, c.ToString());
        Assert.Equal(c.BytesCorrupted + c.BytesLost + 40, c.Total);
    }

    [Fact]
    public void Drop_and_sequence_jump_rates_apply_per_request()
    {
        MeterHarness h = NewHarness(new FaultOptions { DropReplyRate = 1.0, SequenceJumpRate = 1.0 });
        for (int i = 0; i < 5; i++)
        {
            Assert.Null(h.Exchange(h.Frame(Bt52()), 300));
        }

        Assert.Equal(5, h.Meter.Faults.Counters.RepliesDropped);
        Assert.Equal(5, h.Meter.Faults.Counters.SequenceJumps);
        Assert.Equal(40u + (5 * 25), h.Meter.LastSequence);
    }

    [Fact]
    public void Same_fault_seed_gives_the_same_faults()
    {
        FaultCounters Run()
        {
            MeterHarness h = NewHarness(new FaultOptions { Seed = 7, ByteLossRate = 0.02, DropReplyRate = 0.3, NoiseRatePerSecond = 0.2 });
            for (int i = 0; i < 30; i++)
            {
                h.Send(h.Frame(Bt52()));
                h.Collect(700, 5);
            }

            return h.Meter.Faults.Counters;
        }

        Assert.Equal(Run().ToString(), Run().ToString());
    }
}
