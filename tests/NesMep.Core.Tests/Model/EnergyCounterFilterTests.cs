using NesMep.Core.Model;
using Xunit;

namespace NesMep.Core.Tests.Model;

public class EnergyCounterFilterTests
{
    // 35 A × 230 V × 3 phases × 1.5 headroom = 36 225 W ≈ 10.06 Wh per second, plus 5 Wh grace.
    private readonly QualitySettings _settings = new();

    [Fact]
    public void First_reading_is_accepted_as_the_baseline()
    {
        var f = new EnergyCounterFilter(_settings);
        Assert.Equal(EnergyCounterFilter.Accepted, f.Check(1_000_000, 0));
        Assert.Equal(1_000_000, f.LastAcceptedWh);
    }

    [Fact]
    public void Growth_within_what_the_main_fuse_allows_is_accepted()
    {
        var f = new EnergyCounterFilter(_settings);
        f.Check(1_000_000, 0);
        Assert.Equal(36_225L * 10_000 / 3_600_000 + 5, f.AllowedGrowthWh(10_000));
        Assert.Equal(EnergyCounterFilter.Accepted, f.Check(1_000_000 + 105, 10_000));
        Assert.Equal(EnergyCounterFilter.Accepted, f.Check(1_000_105, 11_000));
    }

    [Fact]
    public void A_decrease_is_rejected_and_counted()
    {
        var f = new EnergyCounterFilter(_settings);
        f.Check(1_000_000, 0);
        Assert.Equal(EnergyCounterFilter.RejectedDecrease, f.Check(999_999, 1_000));
        Assert.Equal(1, f.Decreases);
        Assert.Equal(1_000_000, f.LastAcceptedWh);
    }

    [Fact]
    public void A_spike_beyond_the_fuse_limit_is_rejected_and_counted()
    {
        var f = new EnergyCounterFilter(_settings);
        f.Check(1_000_000, 0);
        Assert.Equal(EnergyCounterFilter.RejectedJump, f.Check(1_000_000 + 1_000_000, 8_000));
        Assert.Equal(1, f.Jumps);
        // The next honest reading is still judged against the last good one.
        Assert.Equal(EnergyCounterFilter.Accepted, f.Check(1_000_050, 16_000));
    }

    [Fact]
    public void A_long_outage_allows_proportionally_more_growth()
    {
        var f = new EnergyCounterFilter(_settings);
        f.Check(1_000_000, 0);
        Assert.Equal(EnergyCounterFilter.Accepted, f.Check(1_020_000, 3_600_000));
    }

    [Fact]
    public void Consistent_readings_after_a_meter_exchange_become_the_new_baseline()
    {
        var f = new EnergyCounterFilter(_settings);
        f.Check(9_999_000, 0);
        int verdict = 0;
        for (int i = 1; i <= 5; i++)
        {
            verdict = f.Check(100 + i, i * 8_000);
        }

        Assert.Equal(EnergyCounterFilter.Rebaselined, verdict);
        Assert.Equal(1, f.Rebaselines);
        Assert.Equal(5, f.Decreases); // each was a decrease against the old baseline
        Assert.Equal(105, f.LastAcceptedWh);
    }

    [Fact]
    public void Isolated_spikes_never_rebaseline()
    {
        var f = new EnergyCounterFilter(_settings);
        f.Check(1_000_000, 0);
        for (int i = 1; i <= 20; i++)
        {
            // Garbage alternating high and low never agrees with itself.
            long garbage = i % 2 == 0 ? 50_000_000 : 10;
            Assert.NotEqual(EnergyCounterFilter.Rebaselined, f.Check(garbage, i * 1_000));
        }

        Assert.Equal(1_000_000, f.LastAcceptedWh);
    }
}
