using NesMep.Core.Protocol;
using NesMep.Simulator.Tests.Support;
using Xunit;

namespace NesMep.Simulator.Tests;

/// <summary>Server timing rules (§3.8): throttle, latency, byte time at the baud rate, segment pauses.</summary>
public class TimingTests
{
    private static MeterHarness NewHarness(int baud = 9600) =>
        new(new SimulatorOptions { InitialSequence = 10, BaudRate = baud, ReplyLatencyMs = 15 });

    [Fact]
    public void Reply_starts_after_the_latency_and_takes_one_byte_time_per_byte()
    {
        MeterHarness h = NewHarness();
        h.Clock.NowMs = 1000;
        Reply r = h.Exchange(MeterHarness.PartialRead(MeterTableIds.BT23, 0, 100))!; // 113-byte frame

        Assert.Equal(113, r.Frame.Length);
        Assert.InRange(r.FirstByteMs, 1016, 1017); // 15 ms + one byte (1.04 ms)
        Assert.InRange(r.LastByteMs - r.FirstByteMs, 115, 118); // 112 × 1.0417 ms
    }

    [Fact]
    public void Byte_time_follows_the_baud_rate_option()
    {
        MeterHarness h = NewHarness(19200);
        Reply r = h.Exchange(MeterHarness.PartialRead(MeterTableIds.BT23, 0, 100))!;
        Assert.InRange(r.LastByteMs - r.FirstByteMs, 57, 60);
    }

    [Fact]
    public void Replies_pause_25_ms_after_every_117_bytes()
    {
        MeterHarness h = NewHarness();
        Reply r = h.Exchange(MeterHarness.PartialRead(MeterTableIds.BT23, 0, 250), 5000)!; // 263-byte frame

        Assert.Equal(263, r.Frame.Length);
        for (int i = 1; i < r.ByteTimes.Length; i++)
        {
            long gap = r.ByteTimes[i] - r.ByteTimes[i - 1];
            if (i == 117 || i == 234)
            {
                Assert.InRange(gap, 25, 28);
            }
            else
            {
                Assert.InRange(gap, 0, 2);
            }
        }
    }

    [Fact]
    public void At_most_one_request_is_processed_per_100_ms()
    {
        MeterHarness h = NewHarness();
        h.Clock.NowMs = 1000;
        h.Send(h.Frame(MeterHarness.PartialRead(MeterTableIds.BT52, 0, 7)));
        h.Clock.Advance(10);
        h.Send(h.Frame(MeterHarness.PartialRead(MeterTableIds.BT52, 0, 7)));
        h.Clock.Advance(10);
        h.Send(h.Frame(MeterHarness.PartialRead(MeterTableIds.BT52, 0, 7)));

        Reply first = h.WaitReply()!;
        Reply second = h.WaitReply()!;
        Reply third = h.WaitReply()!;

        Assert.All(new[] { first, second, third }, r => Assert.Equal(MepCodes.Ok, r.Code));
        IReadOnlyList<RequestRecord> log = h.Meter.RequestLog;
        Assert.Equal(new long[] { 1000, 1100, 1200 }, log.Select(x => x.ProcessedMs).ToArray());
        Assert.Equal(new long[] { 1000, 1010, 1020 }, log.Select(x => x.ArrivedMs).ToArray());
        // Each reply leaves 15 ms after its processing slot; the first byte is complete 1.04 ms later.
        Assert.Equal(1117, second.FirstByteMs);
        Assert.Equal(1217, third.FirstByteMs);
        Assert.True(first.LastByteMs <= 1040);
    }

    [Fact]
    public void A_request_arriving_later_than_100_ms_is_processed_at_once()
    {
        MeterHarness h = NewHarness();
        h.Exchange(MeterHarness.PartialRead(MeterTableIds.BT52, 0, 7));
        h.Clock.Advance(300);
        long sent = h.Clock.NowMs;
        h.Exchange(MeterHarness.PartialRead(MeterTableIds.BT52, 0, 7));
        Assert.Equal(sent, h.Meter.RequestLog[^1].ProcessedMs);
    }

    [Fact]
    public void Mak_write_of_the_mep_baud_code_switches_speed_after_the_reply()
    {
        MeterHarness h = NewHarness();
        Reply ack = h.Exchange(MeterHarness.PartialWrite(MeterTableIds.ET13, MeterTables.BaudCodeOffset, 8))!; // 19200
        Assert.Equal(MepCodes.Ok, ack.Code);
        Assert.Equal(19200, h.Meter.BaudRate);
    }
}
