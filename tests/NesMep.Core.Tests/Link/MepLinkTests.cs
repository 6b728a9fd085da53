using NesMep.Core.Link;
using NesMep.Core.Protocol;
using NesMep.Core.Tests.Support;
using Xunit;

namespace NesMep.Core.Tests.Link;

public class MepLinkTests
{
    private readonly VirtualClock _clock = new();
    private readonly MepKey _key = MepKey.Parse("0123456789ABCDEFGHIJ");
    private readonly ScriptedMeter _meter;
    private readonly ListLog _log = new();
    private readonly MepLink _link;

    public MepLinkTests()
    {
        _meter = new ScriptedMeter(_clock, _key, 0x77635B8F);
        _meter.Tables = (table, offset, count) =>
        {
            byte[] data = new byte[count < 0 ? 7 : count];
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = (byte)(table + offset + i);
            }

            return data;
        };
        _link = new MepLink(_meter, _clock, _meter, _key, new LinkSettings(), _log);
    }

    private static MepRequest Bt23Read() => new MepRequest().SetPartialRead(0x17, 0, 16);

    /// <summary>Polls in 1 ms steps of virtual time until a transaction completes.</summary>
    private void RunToCompletion(int maxMs = 20000)
    {
        for (int t = 0; t < maxMs; t++)
        {
            while (true)
            {
                LinkEvent ev = _link.Poll();
                if (ev == MepLink.PollCompleted)
                {
                    return;
                }

                if (ev == MepLink.PollIdle)
                {
                    break;
                }
            }

            _clock.Advance(1);
        }

        Assert.Fail("transaction did not complete within " + maxMs + " ms of virtual time; meter: " + string.Join(",", _meter.Events));
    }

    private static uint SequenceOf(byte[] frame) => ByteOrder.ReadUInt32BE(frame, frame.Length - 12);

    [Fact]
    public void First_request_learns_the_sequence_number_from_0x0C_and_succeeds()
    {
        _link.Submit(Bt23Read());
        RunToCompletion();

        Assert.Equal(LinkResult.Ok, _link.LastResult);
        Assert.Equal(1, _link.Counters.SequenceErrors);
        Assert.Equal(new[] { "0x0C", "ok" }, _meter.Events);
        Assert.Equal(0x77635B90u, SequenceOf(_meter.Received[1].Frame));
        Assert.Equal(0x77635B91u, _link.NextSequence);
        Assert.True(_link.SequenceLearned);
        Assert.Equal(16, _link.Reply.DataCount);
        Assert.Equal(0x17, _link.ReplyFrame[_link.Reply.DataOffset]);
    }

    [Fact]
    public void Next_requests_increment_the_sequence_by_one()
    {
        _link.Submit(Bt23Read());
        RunToCompletion();
        _clock.Advance(200);
        _link.Submit(Bt23Read());
        RunToCompletion();

        Assert.Equal(SequenceOf(_meter.Received[1].Frame) + 1, SequenceOf(_meter.Received[2].Frame));
        Assert.Equal(1, _link.Counters.SequenceErrors);
    }

    [Fact]
    public void Lost_request_is_resent_byte_identical_after_500_ms_plus_transmit_time()
    {
        _meter.LastSequence = 0xFFFFFFFF; // client starts at 0, which is inside the window
        _meter.Enqueue(MeterAction.LoseRequest);
        _link.Submit(Bt23Read());
        RunToCompletion();

        Assert.Equal(LinkResult.Ok, _link.LastResult);
        Assert.Equal(2, _meter.Received.Count);
        Assert.Equal(_meter.Received[0].Frame, _meter.Received[1].Frame);
        // 22-byte frame = 23 ms at 9600 8N1, then the 500 ms response timeout.
        Assert.Equal(523, _meter.Received[1].AtMs - _meter.Received[0].AtMs);
        Assert.Equal(1, _link.Counters.Retransmits);
        Assert.Equal(1, _link.Counters.Timeouts);
    }

    [Fact]
    public void Dropped_reply_is_recovered_by_identical_resend_then_0x0C_relearning()
    {
        _meter.LastSequence = 0xFFFFFFFF;
        _meter.Enqueue(MeterAction.DropReply);
        _link.Submit(Bt23Read());
        long start = _clock.NowMs;
        RunToCompletion();

        Assert.Equal(LinkResult.Ok, _link.LastResult);
        Assert.Equal(new[] { "ok", "dropped-reply", "0x0C", "ok" }, _meter.Events);
        Assert.Equal(_meter.Received[0].Frame, _meter.Received[1].Frame);
        Assert.True(_clock.NowMs - start < 700, "recovered in " + (_clock.NowMs - start) + " ms");
    }

    [Fact]
    public void Authentication_failure_is_reported_with_its_cause_and_backs_off_exponentially()
    {
        _meter.LastSequence = 0xFFFFFFFF;
        _meter.Enqueue(MeterAction.AuthFail, MeterAction.AuthFail);
        _link.Submit(Bt23Read());
        RunToCompletion();

        Assert.Equal(LinkResult.AuthenticationFailed, _link.LastResult);
        Assert.Equal(MepCodes.AuthenticationFailure, _link.LastResponseCode);
        Assert.Contains("wrong MEP key", _link.LastError);
        Assert.Contains(_log.Lines, l => l.StartsWith("Warning") && l.Contains("0x0B"));
        Assert.Equal(LinkState.BackingOff, _link.State);

        long failedAt = _clock.NowMs;
        _clock.Advance(1999);
        _link.Poll();
        Assert.False(_link.CanSubmit);
        _clock.Advance(1);
        _link.Poll();
        Assert.True(_link.CanSubmit);

        _link.Submit(Bt23Read());
        RunToCompletion();
        Assert.Equal(LinkResult.AuthenticationFailed, _link.LastResult);
        long second = _clock.NowMs;
        _clock.Advance(3999);
        _link.Poll();
        Assert.False(_link.CanSubmit);
        _clock.Advance(1);
        _link.Poll();
        Assert.True(_link.CanSubmit);
        Assert.Equal(2, _link.Counters.AuthenticationFailures);
        Assert.True(second > failedAt);

        _link.Submit(Bt23Read());
        RunToCompletion();
        Assert.Equal(LinkResult.Ok, _link.LastResult);
    }

    [Fact]
    public void Truncated_reply_is_dropped_after_the_gap_and_the_request_recovers()
    {
        _meter.LastSequence = 0xFFFFFFFF;
        _meter.Enqueue(MeterAction.Truncate);
        _link.Submit(Bt23Read());
        RunToCompletion();

        Assert.Equal(LinkResult.Ok, _link.LastResult);
        Assert.Equal(1, _link.Assembler.TruncatedFrames);
        Assert.Equal(0, _link.Counters.CompletedOk - 1);
    }

    [Fact]
    public void Corrupted_reply_fails_the_digest_and_is_never_returned()
    {
        _meter.LastSequence = 0xFFFFFFFF;
        _meter.Enqueue(MeterAction.CorruptReply);
        _link.Submit(Bt23Read());
        RunToCompletion();

        Assert.Equal(LinkResult.Ok, _link.LastResult);
        Assert.Equal(1, _link.Counters.DigestFailures);
        // The accepted reply carries the meter's real bytes.
        Assert.Equal(0x17 + 15, _link.ReplyFrame[_link.Reply.DataOffset + 15]);
        // The resend used a fresh sequence number, so no 0x0C round trip was needed.
        Assert.Equal(new[] { "ok", "corrupted", "ok" }, _meter.Events);
    }

    [Fact]
    public void Noise_in_front_of_a_reply_does_not_swallow_it()
    {
        _meter.LastSequence = 0xFFFFFFFF;
        _meter.Enqueue(MeterAction.NoiseThenReply);
        _link.Submit(Bt23Read());
        RunToCompletion();

        Assert.Equal(LinkResult.Ok, _link.LastResult);
        Assert.Equal(0, _link.Counters.Retransmits);
        Assert.Equal(3, _link.Assembler.NoiseBytes);
    }

    [Fact]
    public void Alert_sequence_is_reported_to_the_caller()
    {
        _meter.Emit(0x00, 0x00);
        Assert.Equal(MepLink.PollAlert, _link.Poll());
        Assert.Equal(1, _link.Counters.Alerts);
        Assert.Equal(MepLink.PollIdle, _link.Poll());
    }

    [Fact]
    public void Silent_lock_up_escalates_to_a_transceiver_reset_and_resumes()
    {
        _meter.LastSequence = 0xFFFFFFFF;
        _meter.Enqueue(MeterAction.LockUp);
        _link.Submit(Bt23Read());
        long start = _clock.NowMs;
        RunToCompletion();

        Assert.Equal(LinkResult.Ok, _link.LastResult);
        Assert.Equal(1, _link.Counters.TransceiverResets);
        Assert.Contains("power-off", _meter.Events);
        // Three silent transmissions of the identical frame, then the reset, then the same frame again.
        Assert.Equal(4, _meter.Received.Count);
        Assert.All(_meter.Received, r => Assert.Equal(_meter.Received[0].Frame, r.Frame));
        Assert.Equal(new[] { "locked", "locked", "locked", "power-off", "ok" }, _meter.Events);
        long recovery = _clock.NowMs - start;
        Assert.True(recovery < 4000, "lock-up recovered in " + recovery + " ms");
    }

    [Fact]
    public void Meter_error_codes_complete_the_transaction_with_a_named_cause()
    {
        _meter.LastSequence = 0xFFFFFFFF;
        _meter.Tables = (_, _, _) => null;
        _link.Submit(Bt23Read());
        RunToCompletion();

        Assert.Equal(LinkResult.MeterError, _link.LastResult);
        Assert.Equal(MepCodes.TableOperationNotPossible, _link.LastResponseCode);
        Assert.Contains("0x05", _link.LastError);
        Assert.Equal(1, _link.Counters.ErrorReplies);
    }

    [Fact]
    public void Frames_arriving_with_nothing_outstanding_are_counted_and_ignored()
    {
        byte[] reply = new byte[32];
        int length = MepResponseWriter.WriteCode(0, Hex.Parse(Fixtures.GuideFrames.A5), 0, 23, new MepDigest(MepKey.DefaultMak()), reply, 0);
        _meter.Emit(reply.AsSpan(0, length).ToArray());
        Assert.Equal(MepLink.PollIdle, _link.Poll());
        Assert.Equal(1, _link.Counters.UnsolicitedFrames);
    }

    [Fact]
    public void A_request_the_meter_never_answers_is_abandoned_after_the_reset_limit()
    {
        _meter.LastSequence = 0xFFFFFFFF;
        _meter.Enqueue(Enumerable.Repeat(MeterAction.LoseRequest, 100).ToArray());
        _link.Submit(Bt23Read());
        RunToCompletion(30_000);

        Assert.Equal(LinkResult.Abandoned, _link.LastResult);
        Assert.Equal(3, _link.Counters.TransceiverResets);
        Assert.Contains("transceiver resets", _link.LastError);
        Assert.True(_link.CanSubmit || _link.State == LinkState.Idle);
    }

    [Fact]
    public void A_read_reply_with_no_data_bytes_is_a_valid_frame()
    {
        _meter.LastSequence = 0xFFFFFFFF;
        _meter.Tables = (_, _, _) => Array.Empty<byte>();
        _link.Submit(new MepRequest().SetFullRead(0x37, 0x200));
        RunToCompletion();

        Assert.Equal(LinkResult.Ok, _link.LastResult);
        Assert.Equal(0, _link.Reply.DataCount);
        Assert.Equal(0, _link.Counters.Timeouts);
    }

    [Fact]
    public void A_lone_0x0B_right_after_verified_replies_is_resent_at_once_but_a_second_backs_off()
    {
        _link.Submit(Bt23Read());
        RunToCompletion();
        _clock.Advance(200);

        _meter.Enqueue(MeterAction.AuthFail);
        _link.Submit(Bt23Read());
        long start = _clock.NowMs;
        RunToCompletion();
        Assert.Equal(LinkResult.Ok, _link.LastResult);
        Assert.True(_clock.NowMs - start < 400, "resent without back-off");
        Assert.Equal(1, _link.Counters.AuthenticationFailures);
        Assert.Contains(_log.Lines, l => l.Contains("0x0B right after verified replies"));

        _clock.Advance(200);
        _meter.Enqueue(MeterAction.AuthFail, MeterAction.AuthFail);
        _link.Submit(Bt23Read());
        RunToCompletion();
        Assert.Equal(LinkResult.AuthenticationFailed, _link.LastResult);
        Assert.Equal(LinkState.BackingOff, _link.State);
        Assert.Equal(2, _link.ConsecutiveAuthenticationFailures);
    }

    [Fact]
    public void Noise_that_keeps_a_frame_in_progress_cannot_hold_the_link_past_the_hard_cap()
    {
        _meter.LastSequence = 0xFFFFFFFF;
        _meter.Enqueue(MeterAction.LoseRequest);
        _link.Submit(Bt23Read());
        long start = _clock.NowMs;
        // 0x01 every 50 ms: always a plausible frame start, never quiet for the 100 ms gap.
        for (int t = 0; t < 5000 && _meter.Received.Count < 2; t++)
        {
            if (t % 50 == 0)
            {
                _meter.Emit(0x01);
            }

            while (_link.Poll() != MepLink.PollIdle)
            {
            }

            _clock.Advance(1);
        }

        Assert.Equal(2, _meter.Received.Count);
        Assert.True(_link.Assembler.InFrame);
        // 23 ms on the wire + 500 ms, then at most one maximum frame time (498 + 5 × 25 + 100 ms) for the "reply" in progress.
        Assert.InRange(_meter.Received[1].AtMs - start, 523 + 600, 523 + 723);
        Assert.Equal(_meter.Received[0].Frame, _meter.Received[1].Frame);
        Assert.Equal(1, _link.Counters.Timeouts);

        RunToCompletion(); // noise stops; the reply to the resend gets through the resync
        Assert.Equal(LinkResult.Ok, _link.LastResult);
    }

    [Fact]
    public void Sequence_number_wraps_from_FFFFFFFF_to_0()
    {
        _meter.LastSequence = 0xFFFFFFFE;
        _link.SetNextSequence(0xFFFFFFFF);
        _link.Submit(Bt23Read());
        RunToCompletion();
        _clock.Advance(200);
        _link.Submit(Bt23Read());
        RunToCompletion();

        Assert.Equal(LinkResult.Ok, _link.LastResult);
        Assert.Equal(0xFFFFFFFFu, SequenceOf(_meter.Received[0].Frame));
        Assert.Equal(0u, SequenceOf(_meter.Received[1].Frame));
        Assert.Equal(0, _link.Counters.SequenceErrors);
        Assert.Equal(1u, _link.NextSequence);
    }

    [Fact]
    public void Late_0x0C_to_the_previous_request_is_stale_and_does_not_disturb_the_next_one()
    {
        _meter.LastSequence = 0xFFFFFFFF;
        _meter.LatencyMs = 600; // the first reply comes after the 523 ms timeout ...
        _link.Submit(Bt23Read());
        _meter.LatencyMs = 20; // ... and the identical resend gets a quick 0x0C (its number is used), queued behind it
        RunToCompletion();
        Assert.Equal(LinkResult.Ok, _link.LastResult);
        Assert.Equal(2, _meter.Received.Count);

        // The next request goes out before that 0x0C has been read.
        Assert.True(_link.CanSubmit);
        _link.Submit(Bt23Read());
        RunToCompletion();

        Assert.Equal(LinkResult.Ok, _link.LastResult);
        Assert.Equal(new[] { "ok", "0x0C", "ok" }, _meter.Events);
        Assert.Equal(1, _link.Counters.StaleReplies);
        Assert.Equal(0, _link.Counters.DigestFailures);
        Assert.Equal(3, _meter.Received.Count); // no resend of the second request
        Assert.Equal(0, _link.Counters.SequenceJumps);
    }

    [Fact]
    public void A_dead_line_logs_resets_sparsely_not_every_few_seconds()
    {
        _meter.LastSequence = 0xFFFFFFFF;
        _meter.Enqueue(Enumerable.Repeat(MeterAction.LoseRequest, 1000).ToArray());
        for (int i = 0; i < 4; i++)
        {
            _link.Submit(Bt23Read());
            RunToCompletion(30_000);
            _clock.Advance(200);
        }

        Assert.Equal(12, _link.Counters.TransceiverResets);
        // Resets 1, 2, 4 and 8 since the last reply are logged; the other 8 are only counted.
        Assert.Equal(4, _log.Lines.Count(l => l.Contains("resetting the transceiver")));
    }
}
