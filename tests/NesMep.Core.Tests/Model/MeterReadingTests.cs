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
}
