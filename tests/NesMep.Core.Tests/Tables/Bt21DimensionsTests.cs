using NesMep.Core.Tables;
using NesMep.Core.Tests.Fixtures;
using Xunit;

namespace NesMep.Core.Tests.Tables;

public class Bt21DimensionsTests
{
    private static Bt21Dimensions Decode(string hex)
    {
        byte[] b = TableFixtures.Bytes(hex);
        var d = new Bt21Dimensions();
        Assert.True(d.TryDecode(b, 0, b.Length, out string? error), error);
        return d;
    }

    [Fact]
    public void Guide_example_decodes_every_field()
    {
        var d = Decode(TableFixtures.Bt21Guide);
        Assert.True(d.IsKnown);
        Assert.Equal(0x3F, d.Flags);
        Assert.True(d.SeasonInfoPresent);
        Assert.True(d.DateTimePresent);
        Assert.True(d.DemandResetCounterPresent);
        Assert.True(d.DemandResetLock);
        Assert.True(d.CumulativeDemandPresent);
        Assert.True(d.ContinuousCumulativeDemandPresent);
        Assert.False(d.TimeRemainingPresent);
        Assert.Equal(0x0E, d.SelfReadFlags);
        Assert.Equal(12, d.SelfReadCount);
        Assert.Equal(15, d.SummationCount);
        Assert.Equal(8, d.DemandCount);
        Assert.Equal(0, d.CoincidentCount);
        Assert.Equal(1, d.Occurrences);
        Assert.Equal(4, d.Tiers);
        Assert.Equal(8, d.PresentDemandCount);
        Assert.Equal(26, d.PresentValueCount);
    }

    [Fact]
    public void Guide_example_gives_the_reference_bt23_size_981_and_a_equals_1()
    {
        var d = Decode(TableFixtures.Bt21Guide);
        Assert.Equal(1, d.Bt23SummationOffset);
        Assert.Equal(17, d.Bt23DemandRecordSize);
        Assert.Equal(981, d.Bt23Size);
    }

    [Fact]
    public void Gen3_without_demand_gives_220_bytes_and_a_equals_0()
    {
        var d = Decode(TableFixtures.Bt21Gen3);
        Assert.Equal(0, d.Bt23SummationOffset);
        Assert.Equal(220, d.Bt23Size);
    }

    [Fact]
    public void Tiers_come_from_byte_7_not_byte_8()
    {
        var d = Decode("00 00 00 0B 00 00 00 04 09 29");
        Assert.Equal(4, d.Tiers);
        Assert.Equal(9, d.PresentDemandCount);
    }

    [Fact]
    public void Bt28_value_offset_uses_a_prime_3_when_time_remaining_present()
    {
        var with = Decode(TableFixtures.Bt21TimeRemaining);
        Assert.True(with.TimeRemainingPresent);
        Assert.Equal(14, with.Bt28ValueOffset(0));
        Assert.Equal(14 + 20, with.Bt28ValueOffset(5));
        Assert.Equal(14 + 24, with.Bt28Size);

        var without = Decode(TableFixtures.Bt21Guide);
        Assert.Equal(32, without.Bt28ValueOffset(0));
        Assert.Equal(32 + 44, without.Bt28ValueOffset(11));
    }

    [Fact]
    public void Bt20_has_the_same_layout()
    {
        var d = Decode(TableFixtures.Bt20Guide);
        Assert.Equal(253, d.SelfReadCount);
        Assert.Equal(16, d.CoincidentCount);
    }

    [Fact]
    public void Short_data_fails_with_error_and_leaves_unknown()
    {
        var d = new Bt21Dimensions();
        byte[] b = TableFixtures.Bytes("3F 0E 0C 0F 08 00 01 04 08");
        Assert.False(d.TryDecode(b, 0, b.Length, out string? error));
        Assert.False(string.IsNullOrEmpty(error));
        Assert.False(d.IsKnown);
        Assert.False(d.HasLayout);
    }

    [Fact]
    public void More_than_64_summations_is_rejected_as_inconsistent()
    {
        var d = new Bt21Dimensions();
        byte[] b = TableFixtures.Bytes("00 00 00 41 00 00 00 04 00 29");
        Assert.False(d.TryDecode(b, 0, b.Length, out string? error));
        Assert.Equal(Bt21Dimensions.ErrorTooManySummations, error);
    }

    [Fact]
    public void Assumed_gen3_layout_is_flagged_as_assumed_not_known()
    {
        var d = new Bt21Dimensions();
        d.AssumeGen3Layout();
        Assert.False(d.IsKnown);
        Assert.True(d.IsAssumed);
        Assert.Equal(0, d.Bt23SummationOffset);
        Assert.Equal(0, d.Bt28ValueOffset(0));
        Assert.Equal(11, d.SummationCount);
    }
}
