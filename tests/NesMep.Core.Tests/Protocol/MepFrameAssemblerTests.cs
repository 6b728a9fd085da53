using NesMep.Core.Protocol;
using NesMep.Core.Tests.Fixtures;
using Xunit;

namespace NesMep.Core.Tests.Protocol;

public class MepFrameAssemblerTests
{
    private readonly MepFrameAssembler _client = new(true, 100);

    private List<(int Event, string Frame)> Feed(MepFrameAssembler a, byte[] bytes, long startMs = 0, int msPerByte = 1)
    {
        var events = new List<(int, string)>();
        for (int i = 0; i < bytes.Length; i++)
        {
            int ev = a.Feed(bytes[i], startMs + i * msPerByte);
            if (ev != MepFrameAssembler.EventNone)
            {
                events.Add((ev, ev == MepFrameAssembler.EventFrame ? Hex.Format(a.Buffer, 0, a.FrameLength, true) : ""));
            }
        }

        return events;
    }

    [Fact]
    public void Back_to_back_replies_are_cut_at_their_length()
    {
        byte[] stream = Hex.Parse(GuideFrames.A2 + " " + GuideFrames.A4 + " " + GuideFrames.A6);
        var events = Feed(_client, stream);
        Assert.Equal(new[] { GuideFrames.A2, GuideFrames.A4, GuideFrames.A6 }, events.Select(e => e.Frame));
    }

    [Fact]
    public void Alert_at_a_frame_boundary_is_reported()
    {
        var events = Feed(_client, Hex.Parse("00 00 " + GuideFrames.A6 + " 00 00"));
        Assert.Equal(new[] { MepFrameAssembler.EventAlert, MepFrameAssembler.EventFrame, MepFrameAssembler.EventAlert }, events.Select(e => e.Event));
        Assert.Equal(2, _client.AlertSequences);
    }

    [Fact]
    public void Alert_after_noise_and_a_quiet_line_is_still_an_alert()
    {
        // A stray byte that is dropped as noise must not make the next real alert (after the gap) look like noise too.
        Assert.Empty(Feed(_client, Hex.Parse("FF"), 0));
        var events = Feed(_client, Hex.Parse("00 00"), 1000);
        Assert.Equal(new[] { MepFrameAssembler.EventAlert }, events.Select(e => e.Event));
        Assert.Equal(0, _client.TruncatedFrames);
        Assert.False(_client.InFrame);
    }

    [Fact]
    public void Two_zero_bytes_right_after_noise_are_noise_not_an_alert()
    {
        var events = Feed(_client, Hex.Parse("FF 00 00"), 0);
        Assert.Empty(events);
        Assert.Equal(0, _client.AlertSequences);
    }

    [Theory]
    [InlineData("FF")]
    [InlineData("01 7E")]
    [InlineData("00 0D 07")]
    [InlineData("00 37 00 00 99")]
    [InlineData("13 00 05 0C")]
    public void Noise_before_a_reply_is_skipped_without_losing_the_reply(string noise)
    {
        var events = Feed(_client, Hex.Parse(noise + " " + GuideFrames.A4));
        Assert.Equal(GuideFrames.A4, Assert.Single(events).Frame);
        Assert.True(_client.NoiseBytes >= 1);
    }

    [Fact]
    public void Truncated_frame_is_dropped_after_the_gap_and_the_next_frame_is_read()
    {
        byte[] a4 = Hex.Parse(GuideFrames.A4);
        Feed(_client, a4.Take(20).ToArray(), 0);
        Assert.True(_client.InFrame);
        var events = Feed(_client, Hex.Parse(GuideFrames.A6), 20 + 101);
        Assert.Equal(GuideFrames.A6, Assert.Single(events).Frame);
        Assert.Equal(1, _client.TruncatedFrames);
    }

    [Fact]
    public void Frame_over_476_bytes_is_rejected_and_skipped_until_the_line_is_quiet()
    {
        // A full BT23 of the reference §5.5 example meter: 981 data bytes, frame length 981 + 11.
        byte[] oversize = new byte[2 + 992];
        oversize[0] = 0x03;
        oversize[1] = 0xE0;
        oversize[3] = 0x03;
        oversize[4] = 0xD5;
        var events = Feed(_client, oversize, 0);
        Assert.Empty(events);
        Assert.Equal(1, _client.OversizeFrames);
        // The tail of the oversize reply never turns into a frame; after a quiet gap the next reply is read.
        events = Feed(_client, Hex.Parse(GuideFrames.A6), 994 + 150);
        Assert.Equal(GuideFrames.A6, Assert.Single(events).Frame);
    }

    [Fact]
    public void Meter_side_assembler_accepts_requests_and_rejects_response_shapes()
    {
        var server = new MepFrameAssembler(false, 50);
        var events = Feed(server, Hex.Parse(GuideFrames.A1 + " " + GuideFrames.A10Request + " " + GuideFrames.A7Request));
        Assert.Equal(3, events.Count);
        Assert.Equal(GuideFrames.A7Request, events[2].Frame);
    }

    [Fact]
    public void Meter_side_assembler_accepts_a_full_read_without_max_length()
    {
        var server = new MepFrameAssembler(false, 50);
        var events = Feed(server, Hex.Parse(ShortFullReadFrames.Bt01Request + " " + GuideFrames.A3));
        Assert.Equal(new[] { ShortFullReadFrames.Bt01Request, GuideFrames.A3 }, events.Select(e => e.Frame));
        Assert.Equal(0, server.NoiseBytes);
    }

    [Theory]
    [InlineData("00 0E 30 00 01 77 63 5B 90 CE F9 28 70 2A D4 45")]
    [InlineData("00 10 30 00 01 02 77 63 5B 90 CE F9 28 70 2A D4 45 2A")]
    public void Meter_side_assembler_still_refuses_full_reads_of_other_lengths(string hex)
    {
        var server = new MepFrameAssembler(false, 50);
        Assert.DoesNotContain(Feed(server, Hex.Parse(hex)), e => e.Event == MepFrameAssembler.EventFrame);
        Assert.True(server.NoiseBytes > 0);
    }

    [Fact]
    public void Expire_drops_a_partial_frame_when_no_more_bytes_come()
    {
        Feed(_client, Hex.Parse("00 37 00 00 2C 01 02"), 0);
        Assert.False(_client.Expire(50));
        Assert.True(_client.Expire(200));
        Assert.False(_client.InFrame);
    }
}
