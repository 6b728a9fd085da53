using NesMep.Core.Json;
using NesMep.Core.Tables;
using Xunit;

namespace NesMep.Core.Tests.Tables;

/// <summary>Random bytes of random length into every decoder: false + error is fine, an exception is not.</summary>
public class DecoderFuzzTests
{
    private static readonly int[] Tables =
    {
        TableIds.BT00, TableIds.BT01, TableIds.BT07, TableIds.BT08, TableIds.BT20, TableIds.BT21, TableIds.BT22,
        TableIds.BT23, TableIds.BT27, TableIds.BT28, TableIds.BT52, TableIds.BT55, TableIds.ET03, TableIds.ET04,
        TableIds.ET11, TableIds.ET13, TableIds.ET50, TableIds.ET59,
    };

    [Fact]
    public void Random_data_never_throws()
    {
        var rnd = new Random(12345);
        var bt23 = new Bt23Registers();
        var bt28 = new Bt28PresentValues();
        for (int iter = 0; iter < 3000; iter++)
        {
            byte[] data = new byte[rnd.Next(0, 700)];
            rnd.NextBytes(data);
            int offset = rnd.Next(-2, data.Length + 3);
            int count = rnd.Next(-2, data.Length + 3);
            int tableOffset = rnd.Next(0, 4) == 0 ? rnd.Next(-5, 1000) : 0;

            var dims = new Bt21Dimensions();
            byte[] d = new byte[10];
            rnd.NextBytes(d);
            if (rnd.Next(2) == 0)
            {
                d[3] = (byte)rnd.Next(0, 20);
            }

            dims.TryDecode(d, 0, 10, out _);
            if (rnd.Next(4) == 0)
            {
                dims.AssumeGen3Layout();
            }

            var bt22 = new Bt22Selection();
            bt22.TryDecode(data, 0, data.Length, dims, out _);
            var bt27 = new Bt27Selection();
            bt27.TryDecode(data, 0, data.Length, dims, out _);

            Bt23Registers.TryDecode(data, offset, count, tableOffset, dims, bt22, bt23, out _);
            Bt23Registers.TryDecode(data, offset, count, tableOffset, dims, null, bt23, out _);
            Bt28PresentValues.TryDecode(data, offset, count, tableOffset, dims, bt27, bt28, out _);
            Bt28PresentValues.TryDecode(data, offset, count, tableOffset, dims, null, bt28, out _);
            new Bt21Dimensions().TryDecode(data, offset, count, out _);
            new Bt22Selection().TryDecode(data, offset, count, dims, out _);
            new Bt27Selection().TryDecode(data, offset, count, dims, out _);
            new Bt00GeneralConfig().TryDecode(data, offset, count, tableOffset, out _);
            new Bt01ManufacturerInfo().TryDecode(data, offset, count, tableOffset, out _);
            new Bt52Clock().TryDecode(data, offset, count, tableOffset, out _);
            new Bt55LocalClock().TryDecode(data, offset, count, tableOffset, out _);
            new Et03UtilityInfo().TryDecode(data, offset, count, tableOffset, out _);
            new Et04SystemInfo().TryDecode(data, offset, count, tableOffset, out _);
            new Et11Dimensions().TryDecode(data, offset, count, tableOffset, out _);
            new Et13AlertFlags().TryDecode(data, offset, count, tableOffset, rnd.Next(-1, 300), rnd.Next(-1, 8), out _);
            new Et50MepFlags().TryDecode(data, offset, count, tableOffset, rnd.Next(-1, 3), rnd.Next(-1, 30), out _);
            new ProcedureResponse().TryDecode(data, offset, count, tableOffset, out _);
            foreach (int table in Tables)
            {
                var w = new JsonWriter();
                if (TableJson.TryWrite(table, data, offset, count, tableOffset, rnd.Next(2) == 0 ? dims : null,
                    bt27, bt22, w, out string? error))
                {
                    System.Text.Json.JsonDocument.Parse(w.ToString()).Dispose();
                }
                else
                {
                    Assert.False(string.IsNullOrEmpty(error));
                }
            }
        }
    }

    [Fact]
    public void Null_data_fails_with_error()
    {
        var dims = new Bt21Dimensions();
        dims.AssumeGen3Layout();
        Assert.False(Bt23Registers.TryDecode(null!, 0, 0, 0, dims, null, new Bt23Registers(), out string? e1));
        Assert.False(Bt28PresentValues.TryDecode(null!, 0, 0, 0, dims, null, new Bt28PresentValues(), out string? e2));
        Assert.False(new Bt01ManufacturerInfo().TryDecode(null!, 0, 0, out string? e3));
        Assert.False(new Et11Dimensions().TryDecode(null!, 0, 0, out string? e4));
        Assert.False(TableJson.TryWrite(TableIds.BT23, null!, 0, 0, 0, null, null, null, new JsonWriter(), out string? e5));
        Assert.All(new[] { e1, e2, e3, e4, e5 }, e => Assert.Equal(TableWindow.ErrorBadArguments, e));
    }
}
