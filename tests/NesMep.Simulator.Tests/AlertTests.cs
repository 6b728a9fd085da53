using NesMep.Core.Protocol;
using NesMep.Simulator.Tests.Support;
using Xunit;

namespace NesMep.Simulator.Tests;

/// <summary>Alert sequence 00 00 (§3.7): once per second, held off 1 s after a frame, never inside a reply.</summary>
public class AlertTests
{
    private static List<long> AlertTimes(List<(long At, byte Value)> bytes)
    {
        var times = new List<long>();
        for (int i = 0; i + 1 < bytes.Count; i += 2)
        {
            Assert.Equal(0, bytes[i].Value);
            Assert.Equal(0, bytes[i + 1].Value);
            times.Add(bytes[i + 1].At);
        }

        return times;
    }

    [Fact]
    public void Raised_alert_is_sent_once_per_second_until_cleared()
    {
        var h = new MeterHarness();
        h.Clock.NowMs = 10_000;
        h.Meter.RaiseAlert(0x01);
        Assert.Equal(0x01, h.Meter.ReadTable(MeterTableIds.ET13)![MeterTables.AlertFlagsOffset]);

        List<long> times = AlertTimes(h.Collect(5_500));

        Assert.Equal(6, times.Count); // at 0, 1, 2, 3, 4, 5 s
        for (int i = 1; i < times.Count; i++)
        {
            Assert.InRange(times[i] - times[i - 1], 999, 1001);
        }

        h.Meter.ClearAlert(0x01);
        Assert.Empty(h.Collect(3_000));
    }

    [Fact]
    public void Alerts_are_held_off_one_second_after_a_received_frame_and_never_split_a_reply()
    {
        var h = new MeterHarness(new SimulatorOptions { InitialSequence = 10 });
        h.Meter.RaiseAlert(0x10);
        h.Collect(2_400); // alerts at 0, 1000, 2000
        long sentAt = h.Clock.NowMs;
        h.Send(h.Frame(MeterHarness.PartialRead(MeterTableIds.BT23, 0, 300)));

        List<(long At, byte Value)> bytes = h.Collect(4_000);

        // The reply (313 bytes) arrives as one contiguous frame, then alerts resume ≥ 1 s after the request.
        Assert.Equal(0x01, bytes[0].Value);
        Assert.Equal(0x37, bytes[1].Value); // 300 + 11 = 0x0137
        int replyLength = 313;
        var assembler = new MepFrameAssembler(true, 100);
        int ev = 0;
        for (int i = 0; i < replyLength; i++)
        {
            ev = assembler.Feed(bytes[i].Value, bytes[i].At);
        }

        Assert.Equal(MepFrameAssembler.EventFrame, ev);
        List<long> alerts = AlertTimes(bytes.Skip(replyLength).ToList());
        Assert.NotEmpty(alerts);
        Assert.True(alerts[0] >= sentAt + 1000, $"first alert at {alerts[0]}, request at {sentAt}");
        for (int i = 1; i < alerts.Count; i++)
        {
            Assert.InRange(alerts[i] - alerts[i - 1], 999, 1001);
        }
    }

    [Fact]
    public void Alert_flags_are_readable_in_ET13_at_entry_4_offset_8()
    {
        var h = new MeterHarness(new SimulatorOptions { InitialSequence = 10 });
        h.Meter.RaiseAlert(0x08);

        Reply size = h.Exchange(MeterHarness.PartialRead(MeterTableIds.ET11, 1, 1))!;
        h.Clock.Advance(150);
        Reply flags = h.Exchange(MeterHarness.PartialRead(MeterTableIds.ET13, (4 * size.Data[0]) + 8, 1))!;

        Assert.Equal(66, size.Data[0]);
        Assert.Equal(0x08, flags.Data[0]);
    }

    [Fact]
    public void Alerts_can_require_registration()
    {
        var h = new MeterHarness(new SimulatorOptions { InitialSequence = 10, AlertsRequireRegistration = true });
        h.Meter.RaiseAlert(0x01);
        Assert.Empty(h.Collect(1_500));

        h.Exchange(MeterHarness.PartialWrite(MeterTableIds.ET50, 30, MeterTables.Et50Registered));
        Assert.NotEmpty(AlertTimes(h.Collect(2_500)));
    }
}
