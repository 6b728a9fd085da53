using NesMep.Core.Protocol;
using NesMep.Core.Tests.Fixtures;
using nanoFramework.TestFramework;

namespace NesMep.Core.NanoTests
{
    /// <summary>The guide's digest vectors A1–A10 and N1 (reference §4.2) on the device runtime.</summary>
    [TestClass]
    public class DigestVectorTests
    {
        private static readonly MepDigest Mak = new MepDigest(MepKey.DefaultMak());

        private static bool RequestValid(string frameHex)
        {
            byte[] frame = Hex.Parse(frameHex);
            return MepRequestParser.DigestValid(Mak, frame, 0, frame.Length);
        }

        private static bool ResponseValid(string requestHex, string responseHex)
        {
            byte[] request = Hex.Parse(requestHex);
            byte[] response = Hex.Parse(responseHex);
            var parsed = new MepResponse();
            string? error;
            Assert.IsTrue(MepResponseParser.TryParse(response, 0, response.Length, parsed, out error), error);
            return MepResponseParser.DigestValid(Mak, request, 0, request.Length, response, parsed);
        }

        [TestMethod]
        public void Guide_request_digests_verify_with_the_default_mak()
        {
            Assert.IsTrue(RequestValid(GuideFrames.A1), "A1");
            Assert.IsTrue(RequestValid(GuideFrames.A3), "A3");
            Assert.IsTrue(RequestValid(GuideFrames.A5), "A5");
            Assert.IsTrue(RequestValid(GuideFrames.A7Request), "A7");
            Assert.IsTrue(RequestValid(GuideFrames.A8Request), "A8");
            Assert.IsTrue(RequestValid(GuideFrames.A9Request), "A9");
            Assert.IsTrue(RequestValid(GuideFrames.A10Request), "A10");
        }

        [TestMethod]
        public void Guide_response_digests_cover_the_request_body_then_the_response_body()
        {
            Assert.IsTrue(ResponseValid(GuideFrames.A1, GuideFrames.A2), "A2");
            Assert.IsTrue(ResponseValid(GuideFrames.A3, GuideFrames.A4), "A4");
            Assert.IsTrue(ResponseValid(GuideFrames.A5, GuideFrames.A6), "A6");
            Assert.IsTrue(ResponseValid(GuideFrames.A7Request, GuideFrames.A7Response), "A7");
            Assert.IsTrue(ResponseValid(GuideFrames.A8Request, GuideFrames.A8Response), "A8");
            Assert.IsTrue(ResponseValid(GuideFrames.A10Request, GuideFrames.A10Response), "A10");
        }

        [TestMethod]
        public void N1_signed_with_an_unknown_key_does_not_verify_with_the_default_mak()
        {
            Assert.IsFalse(RequestValid(GuideFrames.N1Request));
            Assert.IsFalse(ResponseValid(GuideFrames.N1Request, GuideFrames.N1Response));
        }

        [TestMethod]
        public void Computed_digest_equals_the_bytes_on_the_wire()
        {
            byte[] a3 = Hex.Parse(GuideFrames.A3);
            byte[] digest = new byte[MepDigest.Size];
            Mak.Compute(a3, 2, a3.Length - 10, digest, 0);
            Assert.AreEqual("13DB85A135A0575E", Hex.Format(digest));
        }
    }
}
