using NesMep.Core.Protocol;
using NesMep.Core.Tests.Fixtures;
using nanoFramework.TestFramework;

namespace NesMep.Core.NanoTests
{
    /// <summary>Client and meter frames built and parsed byte-exact against the guide's examples.</summary>
    [TestClass]
    public class FrameTests
    {
        private static readonly MepDigest Mak = new MepDigest(MepKey.DefaultMak());

        private static string Build(MepRequest request, uint sequence)
        {
            byte[] buffer = new byte[2 + MepCodes.MaxFrameBody];
            int length = MepRequestWriter.Write(request, sequence, Mak, buffer, 0);
            return Hex.Format(buffer, 0, length, true);
        }

        [TestMethod]
        public void Client_requests_are_built_byte_exact()
        {
            Assert.AreEqual(GuideFrames.A3, Build(new MepRequest().SetPartialRead(0x17, 0, 0x2C), 0x77635B91));
            Assert.AreEqual(GuideFrames.A5, Build(new MepRequest().SetPartialWrite(0x832, 30, new byte[] { 1 }, 0, 1), 0x77636E2F));
            byte[] procedure = Hex.Parse("11 08 07 00 F8 03");
            Assert.AreEqual(GuideFrames.A10Request, Build(new MepRequest().SetFullWrite(7, procedure, 0, 6), 0x5B4E4309));
        }

        [TestMethod]
        public void Read_reply_is_parsed_to_its_data_window()
        {
            byte[] a4 = Hex.Parse(GuideFrames.A4);
            var reply = new MepResponse();
            string? error;
            Assert.IsTrue(MepResponseParser.TryParse(a4, 0, a4.Length, reply, out error), error);
            Assert.AreEqual(MepCodes.Ok, reply.Code);
            Assert.IsTrue(reply.HasReadData);
            Assert.AreEqual(0x2C, reply.DataCount);
            Assert.AreEqual((byte)0x08, a4[reply.DataOffset + 16]);
        }

        [TestMethod]
        public void Meter_side_parses_a_request_and_writes_the_guide_reply()
        {
            byte[] a3 = Hex.Parse(GuideFrames.A3);
            var request = new MepRequest();
            uint sequence;
            string? error;
            Assert.IsTrue(MepRequestParser.TryParse(a3, 0, a3.Length, request, out sequence, out error), error);
            Assert.AreEqual(MepCodes.PartialRead, request.Code);
            Assert.AreEqual(0x17, request.TableId);
            Assert.AreEqual(0x2C, request.Count);
            Assert.AreEqual(0x77635B91u, sequence);

            byte[] data = Hex.Parse(TableFixtures.Bt23A4);
            byte[] reply = new byte[2 + MepCodes.MaxFrameBody];
            int length = MepResponseWriter.WriteReadReply(a3, 0, a3.Length, data, 0, data.Length, Mak, reply, 0);
            Assert.AreEqual(GuideFrames.A4, Hex.Format(reply, 0, length, true));
        }

        [TestMethod]
        public void Malformed_request_is_refused_with_a_reason()
        {
            byte[] frame = Hex.Parse("00 13 3F 00 17 00 00 00 00 77 63 5B 91 13 DB 85 A1 35 A0 57 5E");
            uint sequence;
            string? error;
            Assert.IsFalse(MepRequestParser.TryParse(frame, 0, frame.Length, new MepRequest(), out sequence, out error));
            Assert.IsNotNull(error);
        }
    }
}
