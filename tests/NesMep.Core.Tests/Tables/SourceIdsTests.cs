using NesMep.Core.Tables;
using Xunit;

namespace NesMep.Core.Tests.Tables;

public class SourceIdsTests
{
    [Theory]
    [InlineData(SourceIds.FwdActiveW, "fwd_active_w")]
    [InlineData(SourceIds.FwdActiveWh, "fwd_active_wh")]
    [InlineData(SourceIds.CurrentL1, "rms_current_l1_ma")]
    [InlineData(SourceIds.VoltageL3, "rms_voltage_l3_mv")]
    [InlineData(SourceIds.Frequency, "frequency_mhz")]
    [InlineData(SourceIds.PowerFactorL1, "power_factor_l1_milli")]
    [InlineData(SourceIds.AvgRevActiveWL3, "avg_rev_active_w_l3")]
    [InlineData(40, "t1_fwd_active_wh")]
    [InlineData(72, "t3_error_count")]
    [InlineData(250, "source_250")]
    [InlineData(SourceIds.Unknown, "unknown_source")]
    public void Name_is_snake_case_with_unit(int id, string expected)
    {
        Assert.Equal(expected, SourceIds.Name(id));
    }

    [Fact]
    public void Default_bt28_order_covers_positions_0_to_83_as_in_the_reference_table()
    {
        Assert.Equal(84, SourceIds.DefaultBt28Order.Length);
        Assert.Equal(SourceIds.FwdActiveW, SourceIds.DefaultBt28Order[0]);
        Assert.Equal(SourceIds.CurrentL1, SourceIds.DefaultBt28Order[4]);
        Assert.Equal(SourceIds.Frequency, SourceIds.DefaultBt28Order[11]);
        Assert.Equal(SourceIds.FwdActiveWL1, SourceIds.DefaultBt28Order[26]);
        Assert.Equal(SourceIds.RevActiveWL3, SourceIds.DefaultBt28Order[31]);
        Assert.Equal(SourceIds.ContinuousVoltageL1, SourceIds.DefaultBt28Order[41]);
        Assert.Equal(SourceIds.AvgFwdActiveW, SourceIds.DefaultBt28Order[47]);
        Assert.Equal(SourceIds.AvgRevActiveWL3, SourceIds.DefaultBt28Order[54]);
        Assert.Equal(SourceIds.NeutralCurrent, SourceIds.DefaultBt28Order[71]);
        Assert.Equal(SourceIds.ExportReactiveVArL3, SourceIds.DefaultBt28Order[83]);
    }

    [Fact]
    public void Default_bt23_order_has_19_summations()
    {
        Assert.Equal(19, SourceIds.DefaultBt23Order.Length);
        Assert.Equal(SourceIds.FwdActiveWh, SourceIds.DefaultBt23Order[0]);
        Assert.Equal(SourceIds.RevActiveWh, SourceIds.DefaultBt23Order[1]);
        Assert.Equal(SourceIds.ErrorCounter, SourceIds.DefaultBt23Order[10]);
        Assert.Equal(SourceIds.Q4ReactiveVArh, SourceIds.DefaultBt23Order[14]);
        Assert.Equal(SourceIds.Unknown, SourceIds.DefaultBt23Order[15]);
        Assert.Equal(SourceIds.Unknown, SourceIds.DefaultBt23Source(19));
    }
}
