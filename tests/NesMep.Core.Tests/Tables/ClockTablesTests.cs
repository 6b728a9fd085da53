using NesMep.Core.Tables;
using NesMep.Core.Tests.Fixtures;
using Xunit;

namespace NesMep.Core.Tests.Tables;

public class ClockTablesTests
{
    [Fact]
    public void Bt52_n1_partial_read_is_2004_02_16_15_59_55_utc()
    {
        byte[] b = TableFixtures.Bytes(TableFixtures.Bt52N1);
        var c = new Bt52Clock();
        Assert.True(c.TryDecode(b, 0, b.Length, out string? error), error);
        Assert.Equal(new DateTime(2004, 2, 16, 15, 59, 55, DateTimeKind.Utc), c.Utc);
        Assert.Equal(DateTimeKind.Utc, c.Utc.Kind);
        Assert.False(c.HasFlags);
        Assert.Equal(TableWindow.Absent, c.DayOfWeek);
    }

    [Fact]
    public void Bt52_byte_6_gives_day_of_week_and_dst()
    {
        byte[] b = TableFixtures.Bytes(TableFixtures.Bt52WithFlags);
        var c = new Bt52Clock();
        Assert.True(c.TryDecode(b, 0, b.Length, out _));
        Assert.Equal(1, c.DayOfWeek);
        Assert.True(c.DstInEffect);
        Assert.True(c.IsGmt);
        Assert.False(c.TimeZoneApplied);
        Assert.False(c.DstApplied);
    }

    [Theory]
    [InlineData("18 0D 01 00 00 00 10", LtimeDate.ErrorMonth)]
    [InlineData("18 00 01 00 00 00 10", LtimeDate.ErrorMonth)]
    [InlineData("18 02 1E 00 00 00 10", LtimeDate.ErrorDay)]
    [InlineData("17 02 1D 00 00 00 10", LtimeDate.ErrorDay)]
    [InlineData("18 02 00 00 00 00 10", LtimeDate.ErrorDay)]
    [InlineData("18 02 01 18 00 00 10", LtimeDate.ErrorHour)]
    [InlineData("18 02 01 00 3C 00 10", LtimeDate.ErrorMinute)]
    [InlineData("18 02 01 00 00 3C 10", LtimeDate.ErrorSecond)]
    public void Bt52_invalid_fields_give_an_error_not_an_exception(string hex, string expected)
    {
        byte[] b = TableFixtures.Bytes(hex);
        var c = new Bt52Clock();
        Assert.False(c.TryDecode(b, 0, b.Length, out string? error));
        Assert.Equal(expected, error);
        Assert.False(c.IsKnown);
    }

    [Fact]
    public void Bt52_leap_day_2024_is_valid()
    {
        byte[] b = TableFixtures.Bytes("18 02 1D 00 00 00");
        Assert.True(new Bt52Clock().TryDecode(b, 0, b.Length, out _));
    }

    [Fact]
    public void Bt52_short_fails()
    {
        byte[] b = TableFixtures.Bytes(TableFixtures.Bt52N1);
        Assert.False(new Bt52Clock().TryDecode(b, 0, 5, out string? error));
        Assert.Equal(Bt52Clock.ErrorShort, error);
    }

    [Fact]
    public void Bt55_decodes_time_flags_and_tier_status()
    {
        byte[] b = TableFixtures.Bytes(TableFixtures.Bt55Full);
        var c = new Bt55LocalClock();
        Assert.True(c.TryDecode(b, 0, b.Length, out string? error), error);
        Assert.Equal(2024, c.Time.Year);
        Assert.Equal(3, c.Time.Month);
        Assert.Equal(28, c.Time.Day);
        Assert.Equal(17, c.Time.Hour);
        Assert.Equal(27, c.Time.Minute);
        Assert.Equal(13, c.Time.Second);
        Assert.Equal(4, c.DayOfWeek);
        Assert.True(c.TimeZoneApplied);
        Assert.True(c.DstApplied);
        Assert.False(c.IsGmt);
        Assert.Equal(2, c.CurrentTier);
        Assert.Equal(1, c.Season);
        Assert.Equal(0, c.SpecialSchedule);
    }

    [Fact]
    public void Bt55_without_status_bytes_reports_absent_tier()
    {
        byte[] b = TableFixtures.Bytes(TableFixtures.Bt55Full);
        var c = new Bt55LocalClock();
        Assert.True(c.TryDecode(b, 0, 7, out _));
        Assert.False(c.HasStatus);
        Assert.Equal(TableWindow.Absent, c.CurrentTier);
    }
}
