using NesMep.Core.Tables;
using NesMep.Core.Tests.Fixtures;
using Xunit;

namespace NesMep.Core.Tests.Tables;

public class Bt28PresentValuesTests
{
    private static Bt21Dimensions Dims(string hex) => SelectionTests.Dims(hex);

    private static Bt27Selection Bt27(string hex, Bt21Dimensions dims)
    {
        byte[] b = TableFixtures.Bytes(hex);
        var s = new Bt27Selection();
        Assert.True(s.TryDecode(b, 0, b.Length, dims, out string? error), error);
        return s;
    }

    [Fact]
    public void Non_default_bt27_order_locates_values_by_source_id()
    {
        var dims = Dims(TableFixtures.Bt21SixValues);
        byte[] data = TableFixtures.Bt28NonDefault();
        var r = new Bt28PresentValues();
        Assert.True(Bt28PresentValues.TryDecode(data, 0, data.Length, 0, dims, Bt27(TableFixtures.Bt27NonDefault, dims), r, out string? error), error);
        Assert.True(r.TryGetBySource(SourceIds.FwdActiveW, out int fwd));
        Assert.Equal(432, fwd);
        Assert.True(r.TryGetBySource(SourceIds.RevActiveW, out int rev));
        Assert.Equal(-120, rev);
        Assert.True(r.TryGetBySource(SourceIds.Frequency, out int f));
        Assert.Equal(50012, f);
        Assert.True(r.TryGetBySource(SourceIds.VoltageL3, out int v3));
        Assert.Equal(231000, v3);
        Assert.False(r.TryGetBySource(SourceIds.CurrentL1, out _));
        Assert.False(r.UsedDefaultOrder);
    }

    [Fact]
    public void Same_data_with_default_order_would_read_frequency_as_fwd_power()
    {
        // Proves the previous test depends on BT27: position 0 holds 50012 (the frequency).
        var dims = Dims(TableFixtures.Bt21SixValues);
        byte[] data = TableFixtures.Bt28NonDefault();
        var r = new Bt28PresentValues();
        Assert.True(Bt28PresentValues.TryDecode(data, 0, data.Length, 0, dims, null, r, out _));
        Assert.True(r.UsedDefaultOrder);
        Assert.True(r.TryGetBySource(SourceIds.FwdActiveW, out int fwd));
        Assert.Equal(50012, fwd);
    }

    [Fact]
    public void Time_remaining_present_shifts_values_by_7_bytes_per_present_demand()
    {
        var dims = Dims(TableFixtures.Bt21TimeRemaining);
        byte[] data = TableFixtures.Bt28TimeRemaining();
        Assert.Equal(38, data.Length);
        var r = new Bt28PresentValues();
        Assert.True(Bt28PresentValues.TryDecode(data, 0, data.Length, 0, dims, Bt27(TableFixtures.Bt27TimeRemaining, dims), r, out string? error), error);
        Assert.Equal(2, r.DemandCount);
        Assert.Equal(870, r.TimeRemainingSeconds[0]);
        Assert.Equal(300, r.TimeRemainingSeconds[1]);
        Assert.True(r.TryGetDemandBySource(88, out int d0));
        Assert.Equal(1234, d0);
        Assert.True(r.TryGetDemandBySource(89, out int d1));
        Assert.Equal(-50, d1);
        Assert.True(r.TryGetBySource(SourceIds.FwdActiveW, out int fwd));
        Assert.Equal(432, fwd);
        Assert.True(r.TryGetBySource(SourceIds.RevActiveW, out int rev));
        Assert.Equal(-7, rev);
        Assert.True(r.TryGetBySource(SourceIds.CurrentL3, out int i3));
        Assert.Equal(854, i3);
        Assert.True(r.TryGetBySource(SourceIds.Frequency, out int f));
        Assert.Equal(50000, f);
    }

    [Fact]
    public void Without_time_remaining_values_start_at_4_per_present_demand()
    {
        var dims = Dims(TableFixtures.Bt21Guide);
        byte[] data = TableFixtures.BuildBt28Default(TableFixtures.Bt21Guide);
        Assert.Equal(32 + (26 * 4), data.Length);
        var r = new Bt28PresentValues();
        Assert.True(Bt28PresentValues.TryDecode(data, 0, data.Length, 0, dims, null, r, out _));
        Assert.Equal(26, r.Count);
        Assert.Equal(8, r.DemandCount);
        Assert.Equal(0x7E7E7E7E, r.DemandValues[7]);
        Assert.Equal(TableWindow.Absent, r.TimeRemainingSeconds[0]);
        Assert.True(r.TryGetBySource(SourceIds.FwdActiveW, out int fwd));
        Assert.Equal(TableFixtures.Bt28DefaultValue(0), fwd);
        Assert.True(r.TryGetBySource(SourceIds.RevActiveW, out int rev));
        Assert.Equal(-2000, rev);
        Assert.True(r.TryGetBySource(SourceIds.Q4ReactiveVAr, out int q4));
        Assert.Equal(TableFixtures.Bt28DefaultValue(25), q4);
    }

    [Fact]
    public void Partial_window_decodes_only_values_inside_it()
    {
        var dims = Dims(TableFixtures.Bt21Gen4);
        byte[] full = TableFixtures.BuildBt28Default(TableFixtures.Bt21Gen4);
        // Read positions 26..31 (per-phase W) only: table offset 104, 24 bytes.
        byte[] window = full[104..128];
        var r = new Bt28PresentValues();
        Assert.True(Bt28PresentValues.TryDecode(window, 0, window.Length, 104, dims, null, r, out _));
        Assert.False(r.TryGetBySource(SourceIds.FwdActiveW, out _));
        Assert.True(r.TryGetBySource(SourceIds.FwdActiveWL1, out int l1));
        Assert.Equal(TableFixtures.Bt28DefaultValue(26), l1);
        Assert.True(r.TryGetBySource(SourceIds.RevActiveWL3, out int r3));
        Assert.Equal(TableFixtures.Bt28DefaultValue(31), r3);
        Assert.False(r.Present[32]);
    }

    [Fact]
    public void Gen4_default_order_reaches_position_71_neutral_current()
    {
        var dims = Dims(TableFixtures.Bt21Gen4);
        byte[] full = TableFixtures.BuildBt28Default(TableFixtures.Bt21Gen4);
        var r = new Bt28PresentValues();
        Assert.True(Bt28PresentValues.TryDecode(full, 0, full.Length, 0, dims, null, r, out _));
        Assert.True(r.TryGetBySource(SourceIds.NeutralCurrent, out int n));
        Assert.Equal(TableFixtures.Bt28DefaultValue(71), n);
    }

    [Fact]
    public void Window_with_no_complete_value_fails()
    {
        var dims = Dims(TableFixtures.Bt21TimeRemaining);
        byte[] data = TableFixtures.Bt28TimeRemaining();
        var r = new Bt28PresentValues();
        Assert.False(Bt28PresentValues.TryDecode(data, 0, 3, 0, dims, null, r, out string? error));
        Assert.Equal(Bt28PresentValues.ErrorNoValue, error);
    }

    [Fact]
    public void Bt27_not_matching_bt21_is_an_error()
    {
        var six = Dims(TableFixtures.Bt21SixValues);
        var sel = Bt27(TableFixtures.Bt27NonDefault, six);
        byte[] data = TableFixtures.Bt28TimeRemaining();
        var r = new Bt28PresentValues();
        Assert.False(Bt28PresentValues.TryDecode(data, 0, data.Length, 0, Dims(TableFixtures.Bt21TimeRemaining), sel, r, out string? error));
        Assert.Equal(Bt28PresentValues.ErrorSelectionMismatch, error);
    }

    [Fact]
    public void Steady_poll_decode_does_not_allocate()
    {
        var dims = Dims(TableFixtures.Bt21TimeRemaining);
        var sel = Bt27(TableFixtures.Bt27TimeRemaining, dims);
        byte[] data = TableFixtures.Bt28TimeRemaining();
        var r = new Bt28PresentValues();
        Bt28PresentValues.TryDecode(data, 0, data.Length, 0, dims, sel, r, out _);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Bt28PresentValues.TryDecode(data, 0, data.Length, 0, dims, sel, r, out _);
            r.TryGetBySource(SourceIds.Frequency, out _);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void One_instance_decodes_a_smaller_then_a_larger_meter_sized_from_each_bt21()
    {
        var r = new Bt28PresentValues();
        foreach (string bt21 in new[] { TableFixtures.Bt21SixValues, TableFixtures.Bt21Gen3, TableFixtures.Bt21Gen4 })
        {
            byte[] data = TableFixtures.BuildBt28Default(bt21);
            var dims = Dims(bt21);
            Assert.True(Bt28PresentValues.TryDecode(data, 0, data.Length, 0, dims, null, r, out string? error), error);
            Assert.Equal(dims.PresentValueCount, r.Count);
            Assert.True(r.Present[dims.PresentValueCount - 1]);
            Assert.Equal(TableFixtures.Bt28DefaultValue(dims.PresentValueCount - 1), r.Values[dims.PresentValueCount - 1]);
        }
    }
}
