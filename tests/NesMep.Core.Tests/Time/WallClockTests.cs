using System.Text.Json;
using NesMep.Core.Api;
using NesMep.Core.Platform;
using NesMep.Core.Tests.Module;
using NesMep.Core.Tests.Support;
using NesMep.Core.Time;
using NesMep.Core.Web;
using Xunit;

namespace NesMep.Core.Tests.Time;

/// <summary>The device's wall clock from SNTP and the meter's BT52 clock, on virtual time.</summary>
public class WallClockTests
{
    /// <summary>The platform clock of a board just booted: monotonic ms, and a UtcNow at its epoch (no battery-backed clock).</summary>
    private sealed class BootEpochClock(VirtualClock inner) : IClock
    {
        public static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        public long NowMs => inner.NowMs;

        public DateTime UtcNow => Epoch.AddMilliseconds(inner.NowMs);
    }

    private static DateTime T(string iso) => DateTime.Parse(iso, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);

    private readonly VirtualClock _mono = new();

    [Fact]
    public void Before_any_answer_it_is_the_platform_clock_and_not_valid()
    {
        var wall = new WallClock(new BootEpochClock(_mono));
        _mono.Advance(1500);
        Assert.False(wall.Valid);
        Assert.Equal(TimeSource.None, wall.Source);
        Assert.Equal(BootEpochClock.Epoch.AddMilliseconds(1500), wall.UtcNow);
        Assert.Equal(1500, wall.NowMs);
    }

    [Fact]
    public void The_meter_s_clock_makes_it_valid_and_it_runs_on_with_the_monotonic_clock()
    {
        var wall = new WallClock(new BootEpochClock(_mono));
        _mono.NowMs = 5000;
        Assert.True(wall.OfferMeter(T("2026-11-21T10:00:00Z"), 4000)); // read at 4 s, handed over at 5 s
        Assert.True(wall.Valid);
        Assert.Equal("meter", TimeSource.Name(wall.Source));
        Assert.Equal(T("2026-11-21T10:00:01Z"), wall.UtcNow);
        _mono.Advance(60000);
        Assert.Equal(T("2026-11-21T10:01:01Z"), wall.UtcNow);

        // Later meter reads follow the meter (its clock is the only one there is).
        Assert.True(wall.OfferMeter(T("2026-11-21T10:01:03Z"), _mono.NowMs));
        Assert.Equal(2000, wall.LastStepMs);
        Assert.False(wall.MeterOffsetKnown);
    }

    [Fact]
    public void SNTP_wins_over_the_meter_and_the_meter_s_distance_from_it_is_kept()
    {
        var wall = new WallClock(new BootEpochClock(_mono));
        wall.OfferMeter(T("2026-11-21T10:00:00Z"), 0);
        _mono.NowMs = 10000;
        Assert.True(wall.OfferSntp(T("2026-11-21T10:00:12.5Z"), 10000));
        Assert.Equal("sntp", TimeSource.Name(wall.Source));
        Assert.Equal(2500, wall.LastStepMs); // the meter was 2.5 s behind
        Assert.Equal(T("2026-11-21T10:00:12.5Z"), wall.UtcNow);

        _mono.NowMs = 20000;
        Assert.True(wall.OfferMeter(T("2026-11-21T10:00:20Z"), 20000));
        Assert.Equal(T("2026-11-21T10:00:22.5Z"), wall.UtcNow); // not moved by the meter any more
        Assert.True(wall.MeterOffsetKnown);
        Assert.Equal(-2500, wall.MeterOffsetMs);
    }

    [Theory]
    [InlineData("2000-01-01T00:00:00Z")] // a meter whose clock was cleared
    [InlineData("1970-01-01T00:00:10Z")] // a platform epoch passed on as "SNTP"
    [InlineData("2107-01-01T00:00:00Z")]
    public void Implausible_times_are_ignored(string iso)
    {
        var wall = new WallClock(new BootEpochClock(_mono));
        Assert.False(wall.OfferMeter(T(iso), 0));
        Assert.False(wall.OfferSntp(T(iso), 0));
        Assert.False(wall.Valid);
    }

    [Fact]
    public void On_a_module_without_network_the_meter_s_BT52_gives_the_JSON_its_real_time()
    {
        var rig = new ModuleRig();
        var wall = new WallClock(new BootEpochClock(rig.Clock));
        rig.Module.AddPart(new MeterClockFeed(rig.Module, wall));
        var context = new ModuleContext(new ModuleInfo(), wall, rig.Module.Side.Poller);

        JsonElement before = JsonDocument.Parse(ApiRouter.Render(RouteTable.Info, context)).RootElement.GetProperty("module");
        Assert.Equal("none", before.GetProperty("time_source").GetString());
        Assert.StartsWith("1970-", before.GetProperty("time").GetString());

        rig.RunDue(120000);
        Assert.True(rig.Reading.HasMeterClock);
        Assert.Equal("meter", TimeSource.Name(wall.Source));
        Assert.Equal(rig.Reading.MeterClockNow(rig.Clock.NowMs), wall.UtcNow);
        JsonElement after = JsonDocument.Parse(ApiRouter.Render(RouteTable.Info, context)).RootElement.GetProperty("module");
        Assert.Equal("meter", after.GetProperty("time_source").GetString());
        Assert.Equal(IsoTime.Format(rig.Reading.MeterClockNow(rig.Clock.NowMs)), after.GetProperty("time").GetString());
        Assert.Equal(IsoTime.Format(wall.UtcNow), JsonDocument.Parse(ApiRouter.Render(RouteTable.Reading, context)).RootElement.GetProperty("timestamp").GetString());
    }

    [Fact]
    public void The_feed_hands_over_each_BT52_read_once()
    {
        var rig = new ModuleRig();
        var wall = new WallClock(new BootEpochClock(rig.Clock));
        var feed = new MeterClockFeed(rig.Module, wall);
        Assert.Equal(long.MaxValue, feed.Step(rig.Clock.NowMs));
        Assert.False(wall.Valid);
        rig.RunDue(120000);
        feed.Step(rig.Clock.NowMs);
        long step = wall.LastStepMs;
        DateTime now = wall.UtcNow;
        feed.Step(rig.Clock.NowMs); // the same read again: nothing changes
        Assert.Equal(step, wall.LastStepMs);
        Assert.Equal(now, wall.UtcNow);
    }
}
