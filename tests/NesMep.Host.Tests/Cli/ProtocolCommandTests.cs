using System.Text.Json;
using NesMep.Core.Tests.Fixtures;
using Xunit;

namespace NesMep.Host.Tests.Cli;

/// <summary>
/// nesmep digest / frame / table. Frames are the guide's examples (protocol reference §4.2, key 16 × 0x01).
/// </summary>
public class ProtocolCommandTests
{
    private const string Mak = "01010101010101010101010101010101";
    private const string A1 = "00 14 3F 00 17 00 00 00 00 2C 01 02 03 04 74 86 1F 6D 76 58 DD 56";
    private const string A2 = "00 0D 0C 77 63 5B 90 35 86 3C 1D F5 B9 14 82";
    private const string A3 = "00 14 3F 00 17 00 00 00 00 2C 77 63 5B 91 13 DB 85 A1 35 A0 57 5E";
    private const string A4 = "00 37 00 00 2C 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 08 00 00 00 03 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 06 00 00 00 AD DC B8 2C 3D 41 7F 91";
    private const string N1Request = "00 14 3F 00 34 00 00 00 00 06 F5 2F 54 81 7C FF 9A 53 47 DB AB FC";
    private const string N1Response = "00 11 00 00 06 04 02 10 0F 3B 37 30 3D 9B BE 3D A3 A8 B6";

    [Fact]
    public void Digest_prints_the_eight_digest_bytes_as_hex()
    {
        var (code, output, error) = CliRunner.Run("digest", "--key", Mak, "--hex", "3F 00 17 00 00 00 00 2C 77 63 5B 91");
        Assert.Equal(0, code);
        Assert.Equal("13DB85A135A0575E", output.Trim());
        Assert.Empty(error);
    }

    [Fact]
    public void Frame_describes_request_and_read_reply_with_decoded_table()
    {
        var (code, output, _) = CliRunner.Run("frame", "--key", Mak, "--request", A3, "--response", A4);
        Assert.Equal(0, code);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement req = doc.RootElement.GetProperty("request");
        Assert.Equal("partial_read", req.GetProperty("service").GetString());
        Assert.Equal("BT23", req.GetProperty("table").GetString());
        Assert.Equal(44, req.GetProperty("count").GetInt32());
        Assert.Equal(0x77635B91u, req.GetProperty("sequence").GetUInt32());
        Assert.True(req.GetProperty("digest_valid").GetBoolean());
        JsonElement resp = doc.RootElement.GetProperty("response");
        Assert.True(resp.GetProperty("digest_valid").GetBoolean());
        JsonElement decoded = resp.GetProperty("decoded");
        Assert.Equal(JsonValueKind.Number, decoded.GetProperty("fwd_active_wh").ValueKind);
        Assert.Contains(decoded.GetProperty("values").EnumerateArray(), v => v.GetProperty("name").GetString() == "error_count" && v.GetProperty("value").GetInt32() == 6);
    }

    [Fact]
    public void Frame_describes_a_full_read_without_max_length_and_its_reply()
    {
        var (code, output, error) = CliRunner.Run("frame", "--key", ShortFullReadFrames.MakHex,
            "--request", ShortFullReadFrames.Bt01Request, "--response", ShortFullReadFrames.Bt01Response);
        Assert.Equal(0, code);
        Assert.Empty(error);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement req = doc.RootElement.GetProperty("request");
        Assert.Equal("full_read", req.GetProperty("service").GetString());
        Assert.Equal("BT01", req.GetProperty("table").GetString());
        Assert.Equal(15, req.GetProperty("length").GetInt32());
        Assert.Equal(JsonValueKind.Null, req.GetProperty("max_length").ValueKind);
        Assert.Contains("frame limit", req.GetProperty("max_length_note").GetString());
        Assert.True(req.GetProperty("digest_valid").GetBoolean());
        JsonElement resp = doc.RootElement.GetProperty("response");
        Assert.True(resp.GetProperty("digest_valid").GetBoolean());
        Assert.False(resp.TryGetProperty("mismatch", out _));
        Assert.Equal("NES", resp.GetProperty("decoded").GetProperty("manufacturer").GetString());
        Assert.Equal("3.10.21", resp.GetProperty("decoded").GetProperty("firmware_version").GetString());
    }

    [Fact]
    public void Frame_reports_the_sequence_number_carried_by_0x0C()
    {
        var (code, output, _) = CliRunner.Run("frame", "--key", Mak, "--request", A1, "--response", A2);
        Assert.Equal(0, code);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement resp = doc.RootElement.GetProperty("response");
        Assert.Equal("invalid_sequence_number", resp.GetProperty("status").GetString());
        Assert.Equal("77635B90", resp.GetProperty("next_sequence_hex").GetString());
        Assert.True(resp.GetProperty("digest_valid").GetBoolean());
    }

    [Fact]
    public void Frame_with_the_wrong_key_says_digest_invalid_and_does_not_decode()
    {
        var (code, output, _) = CliRunner.Run("frame", "--key", Mak, "--request", N1Request, "--response", N1Response);
        Assert.Equal(0, code);
        using JsonDocument doc = JsonDocument.Parse(output);
        Assert.False(doc.RootElement.GetProperty("request").GetProperty("digest_valid").GetBoolean());
        JsonElement resp = doc.RootElement.GetProperty("response");
        Assert.False(resp.GetProperty("digest_valid").GetBoolean());
        Assert.False(resp.TryGetProperty("decoded", out _));
    }

    [Fact]
    public void Table_decodes_BT23_with_BT21_and_keeps_negative_values_signed()
    {
        // BT21 with the demand-reset byte (byte 0 bit 2) and 11 summations: Fwd Wh at offset 1.
        string data = "07 40 E2 01 00 FF FF FF FF";
        var (code, output, error) = CliRunner.Run("table", "--id", "BT23", "--data", data, "--bt21", "04 00 00 0B 00 00 00 04 00 37");
        Assert.Equal(0, code);
        Assert.Empty(error);
        using JsonDocument doc = JsonDocument.Parse(output);
        Assert.Equal(123456, doc.RootElement.GetProperty("fwd_active_wh").GetInt32());
        Assert.Equal(-1, doc.RootElement.GetProperty("rev_active_wh").GetInt32());
        Assert.Equal(7, doc.RootElement.GetProperty("demand_reset_count").GetInt32());
    }

    [Fact]
    public void Table_decodes_BT01_and_ET03()
    {
        var (code, output, _) = CliRunner.Run("table", "--id", "bt01", "--data", "4E 45 53 20 38 33 33 33 31 2D 33 49 00 00 31 55");
        Assert.Equal(0, code);
        using JsonDocument doc = JsonDocument.Parse(output);
        Assert.Equal("3.10.21", doc.RootElement.GetProperty("firmware_version").GetString());

        (code, output, _) = CliRunner.Run("table", "--id", "ET03", "--data", "35 37 30 36 20 20" + string.Concat(Enumerable.Repeat(" 00", 24)));
        Assert.Equal(0, code);
        Assert.Contains("\"5706\"", output);
    }

    [Theory]
    [InlineData("digest", "--key", "too short", "--hex", "00")]
    [InlineData("digest", "--key", Mak, "--hex", "0G")]
    [InlineData("digest", "--key", Mak, "--hex", "012")]
    [InlineData("digest", "--hex", "00")]
    [InlineData("frame", "--key", Mak, "--request", "00 05 3F")]
    [InlineData("frame", "--key", Mak, "--request", A3, "--response", "00 37 00")]
    [InlineData("table", "--id", "BT99x", "--data", "00")]
    [InlineData("table", "--id", "BT52", "--data", "04 0D 10 0F 3B 37")]
    [InlineData("table", "--id", "BT27", "--data", "00", "--bt27", "00")]
    [InlineData("no-such-command")]
    [InlineData("digest", "--key", Mak, "--hex", "00", "--bogus")]
    public void Bad_input_prints_one_line_on_stderr_and_exits_2(params string[] args)
    {
        var (code, output, error) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("nesmep: ", error);
    }

    [Fact]
    public void Key_never_appears_in_errors()
    {
        const string key = "ABCDEFGHIJKLMNOPQRSTUV"; // 22 characters: not an accepted form
        var (code, _, error) = CliRunner.Run("digest", "--key", key, "--hex", "00");
        Assert.Equal(2, code);
        Assert.DoesNotContain("ABCDEF", error);
        Assert.Contains("20 characters", error);
    }
}
