using System.Text.Json;
using NesMep.Core.Json;
using NesMep.Core.Tables;
using NesMep.Core.Tests.Fixtures;
using Xunit;

namespace NesMep.Core.Tests.Tables;

public class TableJsonTests
{
    private static JsonElement Write(int table, byte[] data, int offset, int count, int tableOffset,
        Bt21Dimensions? dims = null, Bt27Selection? bt27 = null, Bt22Selection? bt22 = null)
    {
        var w = new JsonWriter();
        Assert.True(TableJson.TryWrite(table, data, offset, count, tableOffset, dims, bt27, bt22, w, out string? error), error);
        return JsonDocument.Parse(w.ToString()).RootElement.Clone();
    }

    private static int ValueOf(JsonElement values, string name)
    {
        foreach (var v in values.EnumerateArray())
        {
            if (v.GetProperty("name").GetString() == name)
            {
                return v.GetProperty("value").GetInt32();
            }
        }

        throw new Xunit.Sdk.XunitException("no value named " + name);
    }

    [Fact]
    public void Bt23_json_is_valid_with_header_and_signed_values()
    {
        var dims = SelectionTests.Dims(TableFixtures.Bt21Guide);
        byte[] data = TableFixtures.BuildBt23(TableFixtures.Bt21Guide);
        var root = Write(TableIds.BT23, data, 0, 13, 0, dims);
        Assert.Equal("BT23", root.GetProperty("table").GetString());
        Assert.Equal(23, root.GetProperty("table_id").GetInt32());
        Assert.Equal(0, root.GetProperty("offset").GetInt32());
        Assert.Equal(13, root.GetProperty("count").GetInt32());
        Assert.Equal(TableFixtures.Bt23DemandResets, root.GetProperty("demand_reset_count").GetInt32());
        Assert.Equal(65845342, root.GetProperty("fwd_active_wh").GetInt32());
        Assert.Equal(-453, root.GetProperty("rev_active_wh").GetInt32());
        Assert.Equal(-453, ValueOf(root.GetProperty("values"), "rev_active_wh"));
        Assert.Equal(3, root.GetProperty("values").GetArrayLength());
        Assert.True(root.GetProperty("assumed_layout").GetBoolean());
    }

    [Fact]
    public void Bt23_with_bt21_and_bt22_is_not_assumed()
    {
        var dims = SelectionTests.Dims(TableFixtures.Bt21Gen3);
        byte[] sel = TableFixtures.Bytes(TableFixtures.Bt22Gen3Default);
        var bt22 = new Bt22Selection();
        Assert.True(bt22.TryDecode(sel, 0, sel.Length, dims, out _));
        byte[] data = TableFixtures.BuildBt23(TableFixtures.Bt21Gen3);
        var root = Write(TableIds.BT23, data, 0, data.Length, 0, dims, null, bt22);
        Assert.False(root.GetProperty("assumed_layout").GetBoolean());
        Assert.Equal(4, root.GetProperty("tiers").GetArrayLength());
    }

    [Fact]
    public void Bt23_without_bt21_assumes_gen3_layout_and_says_so()
    {
        byte[] data = TableFixtures.Bytes(TableFixtures.Bt23A4);
        var root = Write(TableIds.BT23, data, 0, data.Length, 0);
        Assert.True(root.GetProperty("assumed_layout").GetBoolean());
        Assert.Equal(6, ValueOf(root.GetProperty("values"), "error_count"));
    }

    [Fact]
    public void Bt28_json_is_valid_with_signed_values_located_by_bt27()
    {
        var dims = SelectionTests.Dims(TableFixtures.Bt21SixValues);
        byte[] sel = TableFixtures.Bytes(TableFixtures.Bt27NonDefault);
        var bt27 = new Bt27Selection();
        Assert.True(bt27.TryDecode(sel, 0, sel.Length, dims, out _));
        byte[] data = TableFixtures.Bt28NonDefault();
        var root = Write(TableIds.BT28, data, 0, data.Length, 0, dims, bt27);
        Assert.Equal("BT28", root.GetProperty("table").GetString());
        Assert.False(root.GetProperty("assumed_layout").GetBoolean());
        Assert.Equal(432, root.GetProperty("fwd_active_w").GetInt32());
        Assert.Equal(-120, root.GetProperty("rev_active_w").GetInt32());
        Assert.Equal(50012, root.GetProperty("frequency_mhz").GetInt32());
        var values = root.GetProperty("values");
        Assert.Equal(6, values.GetArrayLength());
        Assert.Equal(19, values[0].GetProperty("source").GetInt32());
        Assert.Equal("frequency_mhz", values[0].GetProperty("name").GetString());
        Assert.Equal(-120, ValueOf(values, "rev_active_w"));
    }

    [Fact]
    public void Bt28_with_time_remaining_lists_demands()
    {
        var dims = SelectionTests.Dims(TableFixtures.Bt21TimeRemaining);
        byte[] data = TableFixtures.Bt28TimeRemaining();
        var root = Write(TableIds.BT28, data, 0, data.Length, 0, dims);
        var demands = root.GetProperty("demands");
        Assert.Equal(2, demands.GetArrayLength());
        Assert.Equal(870, demands[0].GetProperty("time_remaining_s").GetInt32());
        Assert.Equal(-50, demands[1].GetProperty("value").GetInt32());
        Assert.True(root.GetProperty("assumed_layout").GetBoolean());
    }

    [Fact]
    public void Bt01_json_has_both_version_forms()
    {
        byte[] b = TableFixtures.Bytes(TableFixtures.Bt01Full);
        var root = Write(TableIds.BT01, b, 0, b.Length, 0);
        Assert.Equal("NES", root.GetProperty("manufacturer").GetString());
        Assert.Equal("83331-3I", root.GetProperty("model").GetString());
        Assert.Equal("3.10.21", root.GetProperty("firmware_version").GetString());
        Assert.Equal("49.85", root.GetProperty("firmware_legacy").GetString());
    }

    [Fact]
    public void Bt52_json_has_iso_utc_time()
    {
        byte[] b = TableFixtures.Bytes(TableFixtures.Bt52N1);
        var root = Write(TableIds.BT52, b, 0, b.Length, 0);
        Assert.Equal("2004-02-16T15:59:55Z", root.GetProperty("utc").GetString());
    }

    [Theory]
    [InlineData(TableIds.BT00)]
    [InlineData(TableIds.BT21)]
    [InlineData(TableIds.BT55)]
    [InlineData(TableIds.ET03)]
    [InlineData(TableIds.ET04)]
    [InlineData(TableIds.ET11)]
    [InlineData(TableIds.ET13)]
    [InlineData(TableIds.ET50)]
    [InlineData(TableIds.ET59)]
    [InlineData(TableIds.BT08)]
    public void Every_supported_table_writes_valid_json(int table)
    {
        byte[] data = table switch
        {
            TableIds.BT00 => TableFixtures.Bytes(TableFixtures.Bt00Typical),
            TableIds.BT21 => TableFixtures.Bytes(TableFixtures.Bt21Guide),
            TableIds.BT55 => TableFixtures.Bytes(TableFixtures.Bt55Full),
            TableIds.ET03 => TableFixtures.Et03(),
            TableIds.ET04 => TableFixtures.Et04(),
            TableIds.ET11 => TableFixtures.Et11Full(),
            TableIds.ET13 => TableFixtures.Et13(),
            TableIds.ET50 => TableFixtures.Et50(),
            _ => TableFixtures.Bytes(TableFixtures.Ep17Response),
        };
        var root = Write(table, data, 0, data.Length, 0);
        Assert.Equal(TableIds.Name(table), root.GetProperty("table").GetString());
        Assert.Equal(table, root.GetProperty("table_id").GetInt32());
    }

    [Fact]
    public void Unknown_table_fails_with_no_decoder_error_and_writes_nothing()
    {
        var w = new JsonWriter();
        Assert.False(TableJson.TryWrite(0x846, new byte[4], 0, 4, 0, null, null, null, w, out string? error));
        Assert.Equal("no decoder for table ET70", error);
        Assert.Equal("", w.ToString());
    }

    [Fact]
    public void Decode_error_writes_nothing()
    {
        var w = new JsonWriter();
        byte[] b = TableFixtures.Bytes(TableFixtures.Bt52BadMonth);
        Assert.False(TableJson.TryWrite(TableIds.BT52, b, 0, b.Length, 0, null, null, null, w, out string? error));
        Assert.Equal(LtimeDate.ErrorMonth, error);
        Assert.Equal("", w.ToString());
    }

    [Fact]
    public void Bt27_without_bt21_fails()
    {
        var w = new JsonWriter();
        byte[] b = TableFixtures.Bytes(TableFixtures.Bt27NonDefault);
        Assert.False(TableJson.TryWrite(TableIds.BT27, b, 0, b.Length, 0, null, null, null, w, out string? error));
        Assert.Equal(Bt27Selection.ErrorNoDimensions, error);
    }

    [Fact]
    public void A_named_table_is_written_into_an_open_object_only_when_it_decodes()
    {
        // The console streams the decoded table straight into its body: a failure must leave no dangling name.
        var dims = SelectionTests.Dims(TableFixtures.Bt21Guide);
        byte[] data = TableFixtures.BuildBt23(TableFixtures.Bt21Guide);
        var w = new JsonWriter();
        w.BeginObject().Property("before", 1);
        Assert.True(TableJson.TryWrite(TableIds.BT23, data, 0, 13, 0, dims, null, null, w, "decoded", out string? error), error);
        Assert.False(TableJson.TryWrite(0x7FF, data, 0, 13, 0, dims, null, null, w, "other", out error));
        Assert.NotNull(error);
        w.Property("after", 2).EndObject();
        JsonElement root = JsonDocument.Parse(w.ToString()).RootElement;
        Assert.Equal("BT23", root.GetProperty("decoded").GetProperty("table").GetString());
        Assert.False(root.TryGetProperty("other", out _));
        Assert.Equal(2, root.GetProperty("after").GetInt32());
    }
}
