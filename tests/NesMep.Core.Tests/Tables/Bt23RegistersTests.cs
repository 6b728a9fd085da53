using NesMep.Core.Tables;
using NesMep.Core.Tests.Fixtures;
using Xunit;

namespace NesMep.Core.Tests.Tables;

public class Bt23RegistersTests
{
    private static Bt21Dimensions Dims(string hex) => SelectionTests.Dims(hex);

    private static Bt22Selection Bt22(string hex, Bt21Dimensions dims)
    {
        byte[] b = TableFixtures.Bytes(hex);
        var s = new Bt22Selection();
        Assert.True(s.TryDecode(b, 0, b.Length, dims, out string? error), error);
        return s;
    }

    [Fact]
    public void A4_worked_example_decodes_all_11_summations()
    {
        byte[] data = TableFixtures.Bytes(TableFixtures.Bt23A4);
        var r = new Bt23Registers();
        Assert.True(Bt23Registers.TryDecode(data, 0, data.Length, 0, Dims(TableFixtures.Bt21Gen3), null, r, out string? error), error);
        Assert.Equal(11, r.Count);
        Assert.True(r.HasFwdActiveWh);
        Assert.Equal(0, r.FwdActiveWh);
        Assert.True(r.TryGetBySource(SourceIds.PowerOffSeconds, out int outage));
        Assert.Equal(8, outage);
        Assert.True(r.TryGetBySource(SourceIds.PowerOutageCount, out int outages));
        Assert.Equal(3, outages);
        Assert.True(r.TryGetBySource(SourceIds.ErrorCounter, out int errors));
        Assert.Equal(6, errors);
        Assert.False(r.HasDemandResetCount);
        Assert.True(r.UsedDefaultOrder);
    }

    [Fact]
    public void Without_demand_reset_byte_fwd_is_at_offset_0()
    {
        byte[] data = TableFixtures.BuildBt23(TableFixtures.Bt21Gen3);
        var r = new Bt23Registers();
        Assert.True(Bt23Registers.TryDecode(data, 0, data.Length, 0, Dims(TableFixtures.Bt21Gen3), null, r, out _));
        Assert.Equal(65845342, r.FwdActiveWh);
        Assert.Equal(-453, r.RevActiveWh);
        Assert.False(r.HasDemandResetCount);
    }

    [Fact]
    public void With_demand_reset_byte_fwd_is_at_offset_1_and_the_count_is_decoded()
    {
        var dims = Dims(TableFixtures.Bt21Guide);
        byte[] data = TableFixtures.BuildBt23(TableFixtures.Bt21Guide);
        Assert.Equal(981, data.Length);
        var r = new Bt23Registers();
        Assert.True(Bt23Registers.TryDecode(data, 0, data.Length, 0, dims, Bt22(TableFixtures.Bt22Guide, dims), r, out string? error), error);
        Assert.True(r.HasDemandResetCount);
        Assert.Equal(TableFixtures.Bt23DemandResets, r.DemandResetCount);
        Assert.Equal(65845342, r.FwdActiveWh);
        Assert.Equal(-453, r.RevActiveWh);
        Assert.True(r.TryGetBySource(SourceIds.Q4ReactiveVArh, out int q4));
        Assert.Equal(TableFixtures.Bt23Value(0, 14), q4);
        Assert.False(r.UsedDefaultOrder);
    }

    [Fact]
    public void Tier_blocks_after_demand_records_are_decoded_at_the_right_offset()
    {
        var dims = Dims(TableFixtures.Bt21Guide);
        byte[] data = TableFixtures.BuildBt23(TableFixtures.Bt21Guide);
        var r = new Bt23Registers();
        Assert.True(Bt23Registers.TryDecode(data, 0, data.Length, 0, dims, null, r, out _));
        Assert.Equal(4, r.TierCount);
        for (int t = 0; t < 4; t++)
        {
            Assert.True(r.TryGetTierBySource(t, SourceIds.FwdActiveWh, out int v));
            Assert.Equal(TableFixtures.Bt23Value(t + 1, 0), v);
        }
    }

    [Fact]
    public void Partial_window_at_offset_0_of_a_plus_8_bytes_decodes_only_fwd_and_rev()
    {
        var dims = Dims(TableFixtures.Bt21Guide);
        byte[] full = TableFixtures.BuildBt23(TableFixtures.Bt21Guide);
        var r = new Bt23Registers();
        Assert.True(Bt23Registers.TryDecode(full, 0, 9, 0, dims, null, r, out _));
        Assert.True(r.HasFwdActiveWh);
        Assert.True(r.HasRevActiveWh);
        Assert.False(r.HasImportReactiveVArh);
        Assert.True(r.Present[0] && r.Present[1]);
        Assert.False(r.Present[2]);
        Assert.False(r.TryGetTier(0, 0, out _));
        Assert.Equal(65845342, r.FwdActiveWh);
        Assert.Equal(-453, r.RevActiveWh);
    }

    [Fact]
    public void Partial_window_at_offset_a_count_16_decodes_four_registers_without_the_reset_byte()
    {
        var dims = Dims(TableFixtures.Bt21Guide);
        byte[] full = TableFixtures.BuildBt23(TableFixtures.Bt21Guide);
        byte[] window = full[1..17];
        var r = new Bt23Registers();
        Assert.True(Bt23Registers.TryDecode(window, 0, 16, 1, dims, null, r, out _));
        Assert.False(r.HasDemandResetCount);
        Assert.Equal(65845342, r.FwdActiveWh);
        Assert.True(r.HasExportReactiveVArh);
        Assert.Equal(TableFixtures.Bt23Value(0, 3), r.ExportReactiveVArh);
        Assert.False(r.Present[4]);
    }

    [Fact]
    public void Window_cutting_a_summation_in_half_does_not_decode_it()
    {
        var dims = Dims(TableFixtures.Bt21Gen3);
        byte[] full = TableFixtures.BuildBt23(TableFixtures.Bt21Gen3);
        var r = new Bt23Registers();
        Assert.True(Bt23Registers.TryDecode(full, 0, 7, 0, dims, null, r, out _));
        Assert.True(r.HasFwdActiveWh);
        Assert.False(r.HasRevActiveWh);
    }

    [Fact]
    public void Window_with_no_complete_summation_fails_with_error()
    {
        var dims = Dims(TableFixtures.Bt21Guide);
        byte[] full = TableFixtures.BuildBt23(TableFixtures.Bt21Guide);
        var r = new Bt23Registers();
        Assert.False(Bt23Registers.TryDecode(full, 0, 4, 0, dims, null, r, out string? error));
        Assert.Equal(Bt23Registers.ErrorNoSummation, error);
        Assert.False(r.HasFwdActiveWh);
    }

    [Fact]
    public void Values_are_located_by_bt22_source_not_position()
    {
        var dims = Dims(TableFixtures.Bt21Gen4);
        byte[] data = TableFixtures.BuildBt23(TableFixtures.Bt21Gen4);
        var r = new Bt23Registers();
        Assert.True(Bt23Registers.TryDecode(data, 0, data.Length, 0, dims, Bt22(TableFixtures.Bt22Gen4Swapped, dims), r, out _));
        // BT22 puts Rev first: summation #0 (65845342) is Rev, #1 (-453) is Fwd.
        Assert.Equal(-453, r.FwdActiveWh);
        Assert.Equal(65845342, r.RevActiveWh);
        Assert.Equal(250, r.Sources[15]);
    }

    [Fact]
    public void Gen4_with_19_summations_and_8_tiers_decodes_the_last_tier()
    {
        var dims = Dims(TableFixtures.Bt21Gen4);
        byte[] data = TableFixtures.BuildBt23(TableFixtures.Bt21Gen4);
        Assert.Equal(1 + (9 * 76), data.Length);
        int t7 = 1 + (8 * 76);
        var r = new Bt23Registers();
        Assert.True(Bt23Registers.TryDecode(data, t7, 76, t7, dims, null, r, out string? error), error);
        Assert.False(r.HasFwdActiveWh);
        Assert.True(r.TryGetTier(7, 18, out int v));
        Assert.Equal(TableFixtures.Bt23Value(8, 18), v);
        Assert.False(r.TryGetTier(6, 18, out _));
    }

    [Fact]
    public void Bt22_count_differing_from_bt21_is_an_error()
    {
        var gen3 = Dims(TableFixtures.Bt21Gen3);
        var sel = Bt22(TableFixtures.Bt22Gen3Default, gen3);
        byte[] data = TableFixtures.BuildBt23(TableFixtures.Bt21Guide);
        var r = new Bt23Registers();
        Assert.False(Bt23Registers.TryDecode(data, 0, data.Length, 0, Dims(TableFixtures.Bt21Guide), sel, r, out string? error));
        Assert.Equal(Bt23Registers.ErrorSelectionMismatch, error);
    }

    [Fact]
    public void Missing_dimensions_or_target_fail_without_exception()
    {
        byte[] data = TableFixtures.Bytes(TableFixtures.Bt23A4);
        Assert.False(Bt23Registers.TryDecode(data, 0, data.Length, 0, null!, null, new Bt23Registers(), out string? e1));
        Assert.Equal(Bt23Registers.ErrorNoDimensions, e1);
        Assert.False(Bt23Registers.TryDecode(data, 0, data.Length, 0, Dims(TableFixtures.Bt21Gen3), null, null!, out string? e2));
        Assert.Equal(Bt23Registers.ErrorNoTarget, e2);
        Assert.False(Bt23Registers.TryDecode(data, 40, 10, 0, Dims(TableFixtures.Bt21Gen3), null, new Bt23Registers(), out string? e3));
        Assert.Equal(TableWindow.ErrorBadArguments, e3);
    }

    [Fact]
    public void A_failed_decode_clears_previous_values()
    {
        var dims = Dims(TableFixtures.Bt21Gen3);
        byte[] data = TableFixtures.BuildBt23(TableFixtures.Bt21Gen3);
        var r = new Bt23Registers();
        Assert.True(Bt23Registers.TryDecode(data, 0, data.Length, 0, dims, null, r, out _));
        Assert.False(Bt23Registers.TryDecode(data, 0, 2, 0, dims, null, r, out _));
        Assert.False(r.HasFwdActiveWh);
        Assert.False(r.TryGetBySource(SourceIds.FwdActiveWh, out _));
    }

    [Fact]
    public void Steady_poll_decode_does_not_allocate()
    {
        var dims = Dims(TableFixtures.Bt21Guide);
        byte[] data = TableFixtures.BuildBt23(TableFixtures.Bt21Guide);
        var r = new Bt23Registers();
        Bt23Registers.TryDecode(data, 0, 17, 0, dims, null, r, out _);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Bt23Registers.TryDecode(data, 0, 17, 0, dims, null, r, out _);
            _ = r.FwdActiveWh;
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void One_instance_decodes_a_smaller_then_a_larger_meter_sized_from_each_bt21()
    {
        var r = new Bt23Registers();
        foreach (string bt21 in new[] { TableFixtures.Bt21Gen3, TableFixtures.Bt21Gen4, TableFixtures.Bt21Gen3 })
        {
            byte[] data = TableFixtures.BuildBt23(bt21);
            Bt21Dimensions dims = Dims(bt21);
            Assert.True(Bt23Registers.TryDecode(data, 0, data.Length, 0, dims, null, r, out string? error), error);
            Assert.Equal(dims.SummationCount, r.Count);
            Assert.Equal(65845342, r.FwdActiveWh);
            for (int t = 0; t < dims.Tiers; t++)
            {
                Assert.True(r.TryGetTier(t, dims.SummationCount - 1, out int last));
                Assert.Equal(TableFixtures.Bt23Value(t + 1, dims.SummationCount - 1), last);
            }
        }
    }
}
