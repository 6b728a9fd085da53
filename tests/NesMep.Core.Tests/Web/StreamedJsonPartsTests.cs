#nullable enable
using System.Text;
using NesMep.Core.Json;
using NesMep.Core.Protocol;
using NesMep.Core.Web;
using Xunit;

namespace NesMep.Core.Tests.Web;

/// <summary>
/// The writer pieces that let bodies stream without building strings: hex straight from bytes, string values in
/// parts, program text without an escaping copy, and a body that is copied out whole when it fit the buffer.
/// </summary>
public class StreamedJsonPartsTests
{
    private static string Write(Action<JsonWriter> write)
    {
        var w = new JsonWriter();
        write(w);
        return w.ToString();
    }

    [Fact]
    public void Hex_values_are_Hex_Format_text()
    {
        byte[] frame = [0x00, 0x11, 0xAB, 0xFF, 0x7E];
        Assert.Equal("[\"" + Hex.Format(frame, 1, 3) + "\",\"\"]", Write(w => w.BeginArray().HexString(frame, 1, 3).HexString(frame, 0, 0).EndArray()));
        Assert.Equal("{\"a\":\"0011ABFF7E\"}", Write(w => w.BeginObject().Name("a").HexString(frame, 0, frame.Length).EndObject()));
    }

    [Fact]
    public void String_parts_escape_user_text_and_keep_program_text()
    {
        string json = Write(w => w.BeginArray().StringStart().StringPart("a\"b\U0001F600").LiteralPart("_meter").StringPart("\ud83d").StringEnd().Number(1).EndArray());
        Assert.Equal("[\"a\\\"b\U0001F600_meter\\ud83d\",1]", json);
        Assert.Equal("[\"\",\"x\"]", Write(w => w.BeginArray().StringStart().StringPart("").StringEnd().StringStart().LiteralPart("x").StringEnd().EndArray()));
    }

    [Fact]
    public void A_literal_with_something_to_escape_is_still_escaped()
    {
        Assert.Equal("{\"k\":\"plain\",\"q\":\"say \\\"hi\\\"\\n\"}", Write(w => w.BeginObject().Name("k").Literal("plain").Name("q").Literal("say \"hi\"\n").EndObject()));
    }

    [Fact]
    public void A_body_that_fits_is_copied_out_whole_and_a_larger_one_is_counted()
    {
        var body = new BodyWriter(64);
        var json = new JsonWriter(body);
        body.Begin(null);
        json.BeginObject().Property("name", "M\u00f8dule \U0001F600").EndObject();
        byte[]? whole = body.FinishWhole();
        Assert.Equal("{\"name\":\"M\u00f8dule \U0001F600\"}", Encoding.UTF8.GetString(whole!));
        Assert.Equal(whole!.Length, body.Written);

        body.Begin(null);
        json.Reset();
        json.BeginObject().Property("long", new string('x', 200)).EndObject();
        Assert.Null(body.FinishWhole());
        Assert.Equal(211, body.Written);
        Assert.True(body.PeakBytes <= 64);
    }

    [Fact]
    public void A_lone_high_surrogate_at_the_end_of_a_whole_body_becomes_a_replacement_character()
    {
        var body = new BodyWriter(64);
        body.Begin(null);
        body.Append('a').Append('\ud83d');
        Assert.Equal("a\uFFFD", Encoding.UTF8.GetString(body.FinishWhole()!));
    }
}
