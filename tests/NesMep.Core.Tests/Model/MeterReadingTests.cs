using NesMep.Core.Model;
using Xunit;

namespace NesMep.Core.Tests.Model;

public class MeterReadingTests
{
    private readonly MeterReading _reading = new(new QualitySettings { StaleAfterMs = 30_000 });

    [Fact]
    public void Values_are_unavailable_before_the_first_verified_reading()
    {
        for (int q = 0; q < Quantity.Count; q++)
        {
            Assert.False(_reading.IsAvailable(q, 0));
            Assert.Equal(-1, _reading.AgeMs(q, 0));
        }

        Assert.Equal(-1, _reading.LastUpdateMs());
    }

    [Fact]
    public void Values_expire_after_the_stale_limit_and_report_their_age()
    {
        _reading.Set(Quantity.PowerImportW, 432, 1_000);
        Assert.True(_reading.IsAvailable(Quantity.PowerImportW, 31_000));
        Assert.Equal(30_000, _reading.AgeMs(Quantity.PowerImportW, 31_000));
        Assert.False(_reading.IsAvailable(Quantity.PowerImportW, 31_001));
    }

    [Fact]
    public void Energy_offers_pass_through_the_plausibility_filter()
    {
        Assert.Equal(EnergyCounterFilter.Accepted, _reading.OfferEnergy(Quantity.EnergyImportWh, 500_000, 0));
        Assert.Equal(EnergyCounterFilter.RejectedDecrease, _reading.OfferEnergy(Quantity.EnergyImportWh, 400_000, 1_000));
        Assert.Equal(500_000, _reading.Value(Quantity.EnergyImportWh));
        Assert.Equal(0, _reading.UpdatedMs(Quantity.EnergyImportWh));
        Assert.Equal(1, _reading.ImportFilter.Decreases);
        Assert.Equal(0, _reading.ExportFilter.Decreases);
    }

    [Fact]
    public void Every_quantity_has_a_source_and_a_unit_named_key()
    {
        for (int q = 0; q < Quantity.Count; q++)
        {
            Assert.True(Quantity.SourceId(q) >= 0);
            Assert.NotEqual("unknown", Quantity.Name(q));
        }
    }

    [Fact]
    public void Slowly_read_values_stay_available_between_their_reads_while_the_link_is_alive()
    {
        _reading.SetReadInterval(Quantity.AvgPowerImportW, 60_000);
        _reading.Set(Quantity.AvgPowerImportW, 400, 0);
        for (long t = 1_000; t <= 59_000; t += 1_000)
        {
            _reading.NoteLinkAlive(t); // power reads keep verifying
        }

        Assert.True(_reading.IsAvailable(Quantity.AvgPowerImportW, 59_000));
        Assert.True(_reading.IsAvailable(Quantity.AvgPowerImportW, 89_000), "link alive 30 s ago, value 89 s old");
        Assert.False(_reading.IsAvailable(Quantity.AvgPowerImportW, 89_001), "link silent for more than 30 s");
    }

    [Fact]
    public void A_silent_link_makes_every_value_unavailable_after_the_stale_limit()
    {
        _reading.SetReadInterval(Quantity.EnergyImportWh, 8_000);
        _reading.OfferEnergy(Quantity.EnergyImportWh, 1000, 0);
        Assert.True(_reading.IsAvailable(Quantity.EnergyImportWh, 30_000));
        Assert.False(_reading.IsAvailable(Quantity.EnergyImportWh, 30_001));
    }
    [Fact]
    public void Changes_counts_new_values_and_availability_but_not_the_same_value_read_again()
    {
        int start = _reading.Changes;
        _reading.Set(Quantity.PowerImportW, 432, 1_000);
        Assert.Equal(start + 1, _reading.Changes); // first value
        _reading.Set(Quantity.PowerImportW, 432, 2_000);
        _reading.NoteLinkAlive(3_000);
        Assert.Equal(start + 1, _reading.Changes); // steady meter: nothing to tell
        _reading.Set(Quantity.PowerImportW, 500, 4_000);
        Assert.Equal(start + 2, _reading.Changes);
        _reading.Set(Quantity.PowerImportW, 500, 40_000); // stale since 34 s: available again
        Assert.Equal(start + 3, _reading.Changes);
        _reading.NoteLinkAlive(80_000); // the link was silent past the stale limit
        Assert.Equal(start + 4, _reading.Changes);
    }

    [Fact]
    public void AvailableUntil_is_the_last_millisecond_a_value_is_available()
    {
        Assert.Equal(long.MinValue, _reading.AvailableUntilMs(Quantity.PowerImportW));
        _reading.SetReadInterval(Quantity.AvgPowerImportW, 60_000);
        _reading.Set(Quantity.AvgPowerImportW, 400, 1_000);
        _reading.Set(Quantity.PowerImportW, 432, 1_000);
        _reading.NoteLinkAlive(20_000);
        foreach (int q in new[] { Quantity.PowerImportW, Quantity.AvgPowerImportW })
        {
            long until = _reading.AvailableUntilMs(q);
            Assert.True(_reading.IsAvailable(q, until));
            Assert.False(_reading.IsAvailable(q, until + 1));
        }

        Assert.Equal(31_000, _reading.AvailableUntilMs(Quantity.PowerImportW)); // its own age
        Assert.Equal(50_000, _reading.AvailableUntilMs(Quantity.AvgPowerImportW)); // the link's silence
    }
}
