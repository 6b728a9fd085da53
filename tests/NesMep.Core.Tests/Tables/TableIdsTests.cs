using NesMep.Core.Tables;
using Xunit;

namespace NesMep.Core.Tests.Tables;

public class TableIdsTests
{
    [Theory]
    [InlineData("BT23", 0x17)]
    [InlineData("bt23", 0x17)]
    [InlineData("Bt0", 0)]
    [InlineData("ET3", 0x803)]
    [InlineData("ET03", 0x803)]
    [InlineData("et59", 0x83B)]
    [InlineData("MT11", 0x80B)]
    [InlineData("ST52", 0x34)]
    [InlineData("0x0017", 0x17)]
    [InlineData("0X80d", 0x80D)]
    [InlineData("23", 23)]
    [InlineData(" 2051 ", 0x803)]
    public void Parse_accepts_names_hex_and_decimal(string text, int expected)
    {
        Assert.Equal(expected, TableIds.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("BT")]
    [InlineData("BT-1")]
    [InlineData("BT2048")]
    [InlineData("XT23")]
    [InlineData("0x")]
    [InlineData("0x10000")]
    [InlineData("0xG1")]
    [InlineData("65536")]
    [InlineData("2 3")]
    public void Parse_returns_minus_one_for_invalid_text(string? text)
    {
        Assert.Equal(-1, TableIds.Parse(text));
    }

    [Theory]
    [InlineData(0x17, "BT23")]
    [InlineData(0, "BT00")]
    [InlineData(0x803, "ET03")]
    [InlineData(0x83B, "ET59")]
    [InlineData(0x1036, "0x1036")]
    public void Name_formats_basic_extended_and_other_ids(int id, string expected)
    {
        Assert.Equal(expected, TableIds.Name(id));
    }

    [Fact]
    public void Extended_ids_are_2048_plus_number()
    {
        Assert.Equal(2048 + 3, TableIds.ET03);
        Assert.Equal(2048 + 4, TableIds.ET04);
        Assert.Equal(2048 + 11, TableIds.ET11);
        Assert.Equal(2048 + 13, TableIds.ET13);
        Assert.Equal(2048 + 50, TableIds.ET50);
        Assert.Equal(2048 + 59, TableIds.ET59);
    }

    [Fact]
    public void Name_and_parse_round_trip_for_all_constants()
    {
        int[] ids = { TableIds.BT00, TableIds.BT01, TableIds.BT07, TableIds.BT08, TableIds.BT21, TableIds.BT22, TableIds.BT23,
            TableIds.BT27, TableIds.BT28, TableIds.BT52, TableIds.BT55, TableIds.ET03, TableIds.ET04, TableIds.ET11,
            TableIds.ET13, TableIds.ET50, TableIds.ET59 };
        foreach (int id in ids)
        {
            Assert.Equal(id, TableIds.Parse(TableIds.Name(id)));
        }
    }
}
