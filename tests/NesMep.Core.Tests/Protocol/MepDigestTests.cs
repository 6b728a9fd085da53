using NesMep.Core.Protocol;
using NesMep.Core.Tests.Fixtures;
using Xunit;

namespace NesMep.Core.Tests.Protocol;

public class MepDigestTests
{
    private static readonly MepDigest Mak = new(MepKey.DefaultMak());

    private static bool RequestDigestValid(MepDigest d, byte[] frame)
    {
        d.Reset();
        d.Append(frame, 2, frame.Length - 2 - 8);
        return d.FinishAndCompare(frame, frame.Length - 8);
    }

    private static bool ResponseDigestValid(MepDigest d, byte[] request, byte[] response)
    {
        d.Reset();
        d.Append(request, 2, request.Length - 10);
        d.Append(response, 2, response.Length - 10);
        return d.FinishAndCompare(response, response.Length - 8);
    }

    [Theory]
    [InlineData(GuideFrames.A1)]
    [InlineData(GuideFrames.A3)]
    [InlineData(GuideFrames.A5)]
    [InlineData(GuideFrames.A7Request)]
    [InlineData(GuideFrames.A8Request)]
    [InlineData(GuideFrames.A9Request)]
    [InlineData(GuideFrames.A10Request)]
    public void Guide_request_digests_verify_with_the_default_mak(string frameHex)
    {
        Assert.True(RequestDigestValid(Mak, Hex.Parse(frameHex)));
    }

    [Theory]
    [InlineData(GuideFrames.A1, GuideFrames.A2)]
    [InlineData(GuideFrames.A3, GuideFrames.A4)]
    [InlineData(GuideFrames.A5, GuideFrames.A6)]
    [InlineData(GuideFrames.A7Request, GuideFrames.A7Response)]
    [InlineData(GuideFrames.A8Request, GuideFrames.A8Response)]
    [InlineData(GuideFrames.A10Request, GuideFrames.A10Response)]
    public void Guide_response_digests_cover_request_body_then_response_body(string requestHex, string responseHex)
    {
        Assert.True(ResponseDigestValid(Mak, Hex.Parse(requestHex), Hex.Parse(responseHex)));
    }

    [Fact]
    public void N1_signed_with_an_unknown_key_does_not_verify_with_the_default_mak()
    {
        byte[] req = Hex.Parse(GuideFrames.N1Request);
        byte[] resp = Hex.Parse(GuideFrames.N1Response);
        Assert.False(RequestDigestValid(Mak, req));
        Assert.False(ResponseDigestValid(Mak, req, resp));
    }

    [Fact]
    public void Computed_digest_equals_the_bytes_on_the_wire()
    {
        byte[] a3 = Hex.Parse(GuideFrames.A3);
        byte[] digest = new byte[8];
        Mak.Compute(a3, 2, a3.Length - 10, digest, 0);
        Assert.Equal("13DB85A135A0575E", Hex.Format(digest));
    }

    [Fact]
    public void Response_digest_is_not_the_digest_of_the_response_alone()
    {
        byte[] a3 = Hex.Parse(GuideFrames.A3);
        byte[] a4 = Hex.Parse(GuideFrames.A4);
        Mak.Reset();
        Mak.Append(a4, 2, a4.Length - 10);
        Assert.False(Mak.FinishAndCompare(a4, a4.Length - 8));
        Assert.True(ResponseDigestValid(Mak, a3, a4));
    }
}
