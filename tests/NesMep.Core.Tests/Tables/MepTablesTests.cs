using NesMep.Core.Tables;
using NesMep.Core.Tests.Fixtures;
using Xunit;

namespace NesMep.Core.Tests.Tables;

public class MepTablesTests
{
    [Fact]
    public void Et13_alert_flags_offset_is_4_times_66_plus_8()
    {
        Assert.Equal(272, Et13AlertFlags.AlertFlagsOffset(66, 4));
        Assert.Equal(338, Et13AlertFlags.AlertFlagsOffset(66, 5));
    }

    [Fact]
    public void Et13_full_image_decodes_the_mep_entry_flags()
    {
        byte[] b = TableFixtures.Et13();
        var t = new Et13AlertFlags();
        Assert.True(t.TryDecode(b, 0, b.Length, 0, out string? error), error);
        Assert.True(t.ScheduledRead);
        Assert.True(t.OnDemandRequest);
        Assert.False(t.MBusChange);
        Assert.True(t.DeltaDataAlert);
        Assert.Equal(3, t.BaudRateCode);
    }

    [Fact]
    public void Et13_one_byte_partial_read_decodes_flags()
    {
        byte[] b = { 0x08 };
        var t = new Et13AlertFlags();
        Assert.True(t.TryDecode(b, 0, 1, 272, out string? error), error);
        Assert.True(t.MBusChange);
        Assert.False(t.ScheduledRead);
        Assert.Equal(TableWindow.Absent, t.BaudRateCode);
    }

    [Fact]
    public void Et13_window_without_the_flags_byte_fails()
    {
        byte[] b = { 0x08 };
        var t = new Et13AlertFlags();
        Assert.False(t.TryDecode(b, 0, 1, 271, out string? error));
        Assert.Equal(Et13AlertFlags.ErrorNotInWindow, error);
        Assert.False(t.TryDecode(b, 0, 1, 272, 5, 4, out string? error2));
        Assert.Equal(Et13AlertFlags.ErrorBadEntry, error2);
    }

    [Fact]
    public void Et50_full_element_decodes_mep_flags()
    {
        byte[] b = TableFixtures.Et50();
        var t = new Et50MepFlags();
        Assert.True(t.TryDecode(b, 0, b.Length, 0, out string? error), error);
        Assert.True(t.Registered);
        Assert.True(t.Et59Response);
        Assert.False(t.MBusAlerts);
        Assert.False(t.DeltaDataAlerts);
        Assert.StartsWith("8102", t.IdentificationHex);
        Assert.Equal(71, Et50MepFlags.ElementSize(6));
    }

    [Fact]
    public void Et50_one_byte_partial_read_at_30_decodes_flags()
    {
        byte[] b = { 0x0C };
        var t = new Et50MepFlags();
        Assert.True(t.TryDecode(b, 0, 1, 30, out _));
        Assert.False(t.Registered);
        Assert.True(t.MBusAlerts);
        Assert.True(t.DeltaDataAlerts);
        Assert.Null(t.IdentificationHex);
    }

    [Fact]
    public void Et50_second_element_flags_are_at_71_plus_30()
    {
        Assert.Equal(101, Et50MepFlags.FlagsOffset(1, 6));
        byte[] b = { 0x01 };
        var t = new Et50MepFlags();
        Assert.True(t.TryDecode(b, 0, 1, 101, 1, 6, out _));
        Assert.True(t.Registered);
    }

    [Fact]
    public void Procedure_response_decodes_number_psn_result_and_data()
    {
        byte[] b = TableFixtures.Bytes(TableFixtures.Ep17Response);
        var r = new ProcedureResponse();
        Assert.True(r.TryDecode(b, 0, b.Length, out string? error), error);
        Assert.Equal(2065, r.ProcedureNumber);
        Assert.Equal("EP17", ProcedureResponse.ProcedureName(r.ProcedureNumber));
        Assert.Equal(0, r.ResponseFlags);
        Assert.Equal(7, r.SequenceNumber);
        Assert.Equal(0, r.ResultCode);
        Assert.True(r.Completed);
        Assert.Equal(new byte[] { 0x2A }, r.Data);
    }

    [Fact]
    public void Procedure_response_flags_in_bits_12_to_15_are_separated()
    {
        byte[] b = TableFixtures.Bytes("3D 18 05 03");
        var r = new ProcedureResponse();
        Assert.True(r.TryDecode(b, 0, b.Length, out _));
        Assert.Equal(0x083D, r.ProcedureNumber);
        Assert.Equal(1, r.ResponseFlags);
        Assert.Equal("conflicts_with_setup", ProcedureResponse.ResultName(r.ResultCode));
        Assert.Empty(r.Data);
    }

    [Theory]
    [InlineData(0, "completed")]
    [InlineData(1, "accepted_not_completed")]
    [InlineData(2, "invalid_parameter")]
    [InlineData(4, "timing_constraint")]
    [InlineData(5, "no_authorization")]
    [InlineData(6, "unrecognized_procedure")]
    [InlineData(9, "result_9")]
    public void Procedure_result_codes_have_names(int code, string name)
    {
        Assert.Equal(name, ProcedureResponse.ResultName(code));
    }

    [Fact]
    public void Procedure_response_short_fails()
    {
        byte[] b = TableFixtures.Bytes("11 08 07");
        Assert.False(new ProcedureResponse().TryDecode(b, 0, b.Length, out string? error));
        Assert.Equal(ProcedureResponse.ErrorShort, error);
    }
}
