using NesMep.Core.Tables;
using NesMep.Core.Tests.Fixtures;
using Xunit;

namespace NesMep.Core.Tests.Tables;

public class SelectionTests
{
    internal static Bt21Dimensions Dims(string hex)
    {
        byte[] b = TableFixtures.Bytes(hex);
        var d = new Bt21Dimensions();
        Assert.True(d.TryDecode(b, 0, b.Length, out string? error), error);
        return d;
    }

    [Fact]
    public void Bt22_summation_list_gives_index_of_source()
    {
        var sel = new Bt22Selection();
        byte[] b = TableFixtures.Bytes(TableFixtures.Bt22Gen4Swapped);
        Assert.True(sel.TryDecode(b, 0, b.Length, Dims(TableFixtures.Bt21Gen4), out string? error), error);
        Assert.Equal(19, sel.SummationCount);
        Assert.Equal(1, sel.IndexOfSource(SourceIds.FwdActiveWh));
        Assert.Equal(0, sel.IndexOfSource(SourceIds.RevActiveWh));
        Assert.Equal(-1, sel.IndexOfSource(SourceIds.FwdActiveW));
        Assert.False(sel.IsDefaultOrder);
    }

    [Fact]
    public void Bt22_decodes_demand_select_and_min_max_flags_when_present()
    {
        var sel = new Bt22Selection();
        byte[] b = TableFixtures.Bytes(TableFixtures.Bt22Guide);
        Assert.True(sel.TryDecode(b, 0, b.Length, Dims(TableFixtures.Bt21Guide), out string? error), error);
        Assert.True(sel.HasDemandSelection);
        Assert.Equal(8, sel.DemandCount);
        Assert.Equal(SourceIds.RevActiveW, sel.DemandSource(1));
        Assert.True(sel.DemandIsMinimum(1));
        Assert.False(sel.DemandIsMinimum(0));
    }

    [Fact]
    public void Bt22_with_only_the_summation_list_has_no_demand_selection()
    {
        var sel = new Bt22Selection();
        byte[] b = TableFixtures.Bytes(TableFixtures.Bt22Guide);
        Assert.True(sel.TryDecode(b, 0, 15, Dims(TableFixtures.Bt21Guide), out _));
        Assert.False(sel.HasDemandSelection);
        Assert.Equal(SourceIds.Unknown, sel.DemandSource(0));
    }

    [Fact]
    public void Bt22_shorter_than_the_summation_count_fails()
    {
        var sel = new Bt22Selection();
        byte[] b = TableFixtures.Bytes(TableFixtures.Bt22Gen3Default);
        Assert.False(sel.TryDecode(b, 0, 10, Dims(TableFixtures.Bt21Gen3), out string? error));
        Assert.Equal(Bt22Selection.ErrorShort, error);
        Assert.False(sel.IsKnown);
    }

    [Fact]
    public void Bt22_without_dimensions_fails()
    {
        var sel = new Bt22Selection();
        byte[] b = TableFixtures.Bytes(TableFixtures.Bt22Gen3Default);
        Assert.False(sel.TryDecode(b, 0, b.Length, null, out string? error));
        Assert.Equal(Bt22Selection.ErrorNoDimensions, error);
    }

    [Fact]
    public void Bt27_splits_present_demands_and_present_values()
    {
        var sel = new Bt27Selection();
        byte[] b = TableFixtures.Bytes(TableFixtures.Bt27TimeRemaining);
        Assert.True(sel.TryDecode(b, 0, b.Length, Dims(TableFixtures.Bt21TimeRemaining), out string? error), error);
        Assert.Equal(2, sel.PresentDemandCount);
        Assert.Equal(6, sel.PresentValueCount);
        Assert.Equal(89, sel.DemandSource(1));
        Assert.Equal(1, sel.IndexOfDemandSource(89));
        Assert.Equal(0, sel.IndexOfSource(SourceIds.FwdActiveW));
        Assert.Equal(5, sel.IndexOfSource(SourceIds.Frequency));
        Assert.Equal(-1, sel.IndexOfSource(88));
    }

    [Fact]
    public void Bt27_default_order_when_bt27_is_unknown()
    {
        var sel = new Bt27Selection();
        sel.UseDefaultOrder(41);
        Assert.True(sel.IsDefaultOrder);
        Assert.Equal(0, sel.IndexOfSource(SourceIds.FwdActiveW));
        Assert.Equal(11, sel.IndexOfSource(SourceIds.Frequency));
        Assert.Equal(-1, sel.IndexOfSource(SourceIds.AvgFwdActiveW));
    }

    [Fact]
    public void Bt27_shorter_than_counts_fails()
    {
        var sel = new Bt27Selection();
        byte[] b = TableFixtures.Bytes(TableFixtures.Bt27TimeRemaining);
        Assert.False(sel.TryDecode(b, 0, b.Length - 1, Dims(TableFixtures.Bt21TimeRemaining), out string? error));
        Assert.Equal(Bt27Selection.ErrorShort, error);
    }
}
