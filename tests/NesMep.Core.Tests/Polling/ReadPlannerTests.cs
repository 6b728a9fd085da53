using NesMep.Core.Polling;
using NesMep.Core.Tables;
using Xunit;

namespace NesMep.Core.Tests.Polling;

public class ReadPlannerTests
{
    private static Bt27Selection DefaultOrder(int values)
    {
        var s = new Bt27Selection();
        s.UseDefaultOrder(0, values);
        return s;
    }

    private static ReadRange[] Ranges() => Enumerable.Range(0, 8).Select(_ => new ReadRange()).ToArray();

    [Fact]
    public void Nearby_values_share_a_read_and_distant_ones_get_their_own()
    {
        ReadRange[] r = Ranges();
        int n = ReadPlanner.PlanBt28(DefaultOrder(55), new[] { 8, 9, 185, 186, 208 }, 5, 8, r);
        Assert.Equal(3, n);
        Assert.Equal((0, 2), (r[0].FirstIndex, r[0].ValueCount));
        Assert.Equal((26, 2), (r[1].FirstIndex, r[1].ValueCount));
        Assert.Equal((47, 1), (r[2].FirstIndex, r[2].ValueCount));
    }

    [Fact]
    public void One_snapshot_plan_covers_totals_and_phases_in_a_single_read()
    {
        ReadRange[] r = Ranges();
        int n = ReadPlanner.PlanBt28(DefaultOrder(55), new[] { 8, 9, 185, 190, 19 }, 5, 0, true, r);
        Assert.Equal(1, n);
        Assert.Equal((0, 32), (r[0].FirstIndex, r[0].ValueCount));
    }

    [Fact]
    public void Sources_the_meter_lacks_are_skipped_and_duplicates_ignored()
    {
        ReadRange[] r = Ranges();
        int n = ReadPlanner.PlanBt28(DefaultOrder(41), new[] { 208, 209, 8, 8 }, 4, 8, r);
        Assert.Equal(1, n);
        Assert.Equal((0, 1), (r[0].FirstIndex, r[0].ValueCount));
    }

    [Fact]
    public void BT23_count_covers_the_demand_reset_byte_and_the_last_wanted_summation()
    {
        var withReset = new Bt21Dimensions();
        Assert.True(withReset.TryDecode(Fixtures.TableFixtures.Bytes("04 00 00 0B 00 00 00 04 00 37"), 0, 10, out _));
        var order = new Bt22Selection();
        order.UseDefaultOrder(11);
        Assert.Equal(17, ReadPlanner.Bt23Count(withReset, order, new[] { 0, 1, 2, 3 }, 4));
        Assert.Equal(9, ReadPlanner.Bt23Count(withReset, order, new[] { 0, 1 }, 2));
    }
}
