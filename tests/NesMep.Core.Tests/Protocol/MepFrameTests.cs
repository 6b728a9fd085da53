using NesMep.Core.Protocol;
using NesMep.Core.Tests.Fixtures;
using Xunit;

namespace NesMep.Core.Tests.Protocol;

public class MepFrameTests
{
    private static readonly MepDigest Mak = new(MepKey.DefaultMak());

    private static string Build(MepRequest request, uint sequence)
    {
        byte[] buffer = new byte[478];
        int length = MepRequestWriter.Write(request, sequence, Mak, buffer, 0);
        return Hex.Format(buffer, 0, length, true);
    }

    [Fact]
    public void Partial_read_request_is_built_byte_exact()
    {
        Assert.Equal(GuideFrames.A3, Build(new MepRequest().SetPartialRead(0x17, 0, 0x2C), 0x77635B91));
    }

    [Fact]
    public void Partial_write_request_is_built_byte_exact()
    {
        Assert.Equal(GuideFrames.A5, Build(new MepRequest().SetPartialWrite(0x832, 30, new byte[] { 1 }, 0, 1), 0x77636E2F));
    }

    [Fact]
    public void Full_write_of_BT07_is_built_byte_exact()
    {
        byte[] procedure = Hex.Parse("11 08 07 00 F8 03");
        Assert.Equal(GuideFrames.A10Request, Build(new MepRequest().SetFullWrite(7, procedure, 0, 6), 0x5B4E4309));
    }

    [Fact]
    public void Full_read_carries_the_two_byte_max_length()
    {
        string frame = Build(new MepRequest().SetFullRead(0x34, 0x200), 1);
        Assert.StartsWith("00 11 30 00 34 02 00 00 00 00 01", frame);
    }

    [Fact]
    public void Full_read_without_max_length_is_built_with_the_core_digest()
    {
        var request = new MepRequest().SetFullRead(0x0001, MepRequest.NoMaxLength);
        Assert.Equal(3, request.MessageLength);
        Assert.Equal(ShortFullReadFrames.Bt01Request, Build(request, ShortFullReadFrames.Sequence));
    }

    [Fact]
    public void Server_side_parses_a_full_read_without_max_length()
    {
        byte[] frame = Hex.Parse(ShortFullReadFrames.Bt01Request);
        var r = new MepRequest();
        Assert.True(MepRequestParser.TryParse(frame, 0, frame.Length, r, out uint seq, out string? error), error);
        Assert.Equal(MepCodes.FullRead, r.Code);
        Assert.Equal(0x0001, r.TableId);
        Assert.Equal(MepRequest.NoMaxLength, r.MaxLength);
        Assert.Equal(MepCodes.MaxReadData, r.FullReadLimit);
        Assert.Equal(ShortFullReadFrames.Sequence, seq);
        Assert.True(MepRequestParser.DigestValid(Mak, frame, 0, frame.Length));
    }

    [Fact]
    public void Full_read_without_max_length_accepts_a_reply_up_to_the_frame_limit()
    {
        var request = new MepRequest().SetFullRead(0x17, MepRequest.NoMaxLength);
        var reply = new MepResponse();
        byte[] frame = new byte[2 + 3 + MepCodes.MaxReadData + MepDigest.Size];
        ByteOrder.WriteUInt16BE(frame, 0, frame.Length - 2);
        ByteOrder.WriteUInt16BE(frame, 3, MepCodes.MaxReadData);
        Assert.True(MepResponseParser.TryParse(frame, 0, frame.Length, reply, out string? error), error);
        Assert.Null(MepResponseParser.CheckMatchesRequest(request, reply));
        Assert.NotNull(MepResponseParser.CheckMatchesRequest(new MepRequest().SetFullRead(0x17, 100), reply));
    }

    [Fact]
    public void Requests_over_the_476_byte_limit_are_refused()
    {
        Assert.NotNull(MepRequestWriter.Validate(new MepRequest().SetPartialRead(0x17, 0, 500)));
        Assert.NotNull(MepRequestWriter.Validate(new MepRequest().SetFullWrite(7, new byte[470], 0, 470)));
        Assert.Null(MepRequestWriter.Validate(new MepRequest().SetPartialRead(0x17, 0, MepCodes.MaxReadData)));
        Assert.Throws<ArgumentException>(() => Build(new MepRequest().SetPartialRead(0x17, 0, 500), 1));
    }

    [Fact]
    public void Server_side_parses_every_request_kind()
    {
        var r = new MepRequest();
        byte[] a5 = Hex.Parse(GuideFrames.A5);
        Assert.True(MepRequestParser.TryParse(a5, 0, a5.Length, r, out uint seq, out _));
        Assert.Equal(MepCodes.PartialWrite, r.Code);
        Assert.Equal(0x832, r.TableId);
        Assert.Equal(30, r.Offset);
        Assert.Equal(1, r.Count);
        Assert.Equal(1, r.Data![r.DataOffset]);
        Assert.Equal(0x77636E2Fu, seq);
        Assert.True(MepRequestParser.DigestValid(Mak, a5, 0, a5.Length));

        byte[] a10 = Hex.Parse(GuideFrames.A10Request);
        Assert.True(MepRequestParser.TryParse(a10, 0, a10.Length, r, out _, out _));
        Assert.Equal(MepCodes.FullWrite, r.Code);
        Assert.Equal(6, r.Count);
    }

    [Theory]
    [InlineData("00 14 3F 00 17 00 00 00 00 2C 77 63 5B 91 13 DB 85 A1 35 A0 57", "length field")]
    [InlineData("00 13 3F 00 17 00 00 00 00 77 63 5B 91 13 DB 85 A1 35 A0 57 5E", "partial read needs")]
    [InlineData("00 0B 30 00 34 02 00 00 00 00 01 00 00", "shorter than")]
    [InlineData("00 10 30 00 34 02 00 00 00 01 11 22 33 44 55 66 77 88", "full read needs")]
    public void Malformed_requests_are_rejected_with_a_reason(string hex, string reason)
    {
        byte[] frame = Hex.Parse(hex);
        Assert.False(MepRequestParser.TryParse(frame, 0, frame.Length, new MepRequest(), out _, out string? error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Response_parser_reads_read_replies_0x0C_and_write_acks()
    {
        var resp = new MepResponse();
        byte[] a4 = Hex.Parse(GuideFrames.A4);
        Assert.True(MepResponseParser.TryParse(a4, 0, a4.Length, resp, out _));
        Assert.True(resp.HasReadData);
        Assert.Equal(44, resp.DataCount);
        Assert.Equal(5, resp.DataOffset);

        byte[] a2 = Hex.Parse(GuideFrames.A2);
        Assert.True(MepResponseParser.TryParse(a2, 0, a2.Length, resp, out _));
        Assert.Equal(0x77635B90u, resp.NextSequence);

        byte[] a6 = Hex.Parse(GuideFrames.A6);
        Assert.True(MepResponseParser.TryParse(a6, 0, a6.Length, resp, out _));
        Assert.False(resp.HasReadData);
        Assert.Equal(MepCodes.Ok, resp.Code);
    }

    [Fact]
    public void Response_whose_count_disagrees_with_its_length_is_rejected()
    {
        byte[] bad = Hex.Parse("00 10 00 00 06 6F 00 01 01 00 97 4B 99 CA A3 31 45 19");
        Assert.False(MepResponseParser.TryParse(bad, 0, bad.Length, new MepResponse(), out string? error));
        Assert.Contains("count", error);
    }

    [Fact]
    public void Reply_must_fit_its_request()
    {
        var resp = new MepResponse();
        byte[] a8 = Hex.Parse(GuideFrames.A8Response);
        MepResponseParser.TryParse(a8, 0, a8.Length, resp, out _);
        Assert.Null(MepResponseParser.CheckMatchesRequest(new MepRequest().SetPartialRead(0x835, 0, 5), resp));
        Assert.NotNull(MepResponseParser.CheckMatchesRequest(new MepRequest().SetPartialRead(0x835, 0, 6), resp));
        Assert.NotNull(MepResponseParser.CheckMatchesRequest(new MepRequest().SetFullWrite(7, new byte[1], 0, 1), resp));
    }

    [Fact]
    public void Server_response_writer_reproduces_the_guide_replies()
    {
        byte[] a3 = Hex.Parse(GuideFrames.A3);
        byte[] a4 = Hex.Parse(GuideFrames.A4);
        byte[] out4 = new byte[100];
        int n = MepResponseWriter.WriteReadReply(a3, 0, a3.Length, a4, 5, 44, Mak, out4, 0);
        Assert.Equal(GuideFrames.A4, Hex.Format(out4, 0, n, true));

        byte[] a1 = Hex.Parse(GuideFrames.A1);
        n = MepResponseWriter.WriteInvalidSequence(0x77635B90, a1, 0, a1.Length, Mak, out4, 0);
        Assert.Equal(GuideFrames.A2, Hex.Format(out4, 0, n, true));

        byte[] a10 = Hex.Parse(GuideFrames.A10Request);
        n = MepResponseWriter.WriteCode(MepCodes.Ok, a10, 0, a10.Length, Mak, out4, 0);
        Assert.Equal(GuideFrames.A10Response, Hex.Format(out4, 0, n, true));
    }

    [Fact]
    public void Resequence_resigns_the_same_message_with_a_new_number()
    {
        byte[] a1 = Hex.Parse(GuideFrames.A1);
        MepRequestWriter.Resequence(a1, 0, a1.Length, 0x77635B91, Mak);
        Assert.Equal(GuideFrames.A3, Hex.Format(a1, 0, a1.Length, true));
    }
}
