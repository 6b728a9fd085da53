using NesMep.Core.Optical;
using NesMep.Core.Protocol;
using NesMep.Core.Tests.Fixtures;
using nanoFramework.TestFramework;

namespace NesMep.Core.NanoTests
{
    /// <summary>The optical link's packets on the device: the reference's C12.18 vectors (§13.3) built and cut byte-exact.</summary>
    [TestClass]
    public class C1218Tests
    {
        private static string Packet(bool toggle, byte[] data, int length)
        {
            byte[] packet = new byte[length + C1218Codes.Overhead];
            C1218Packet.Write(0, C1218Packet.Control(toggle, 0, 1), 0, data, 0, length, packet, 0);
            return Hex.Format(packet, 0, packet.Length, true);
        }

        [TestMethod]
        public void Service_packets_match_the_vectors()
        {
            byte[] data = new byte[32];
            Assert.AreEqual(C1218Frames.IdentToggle0, Packet(false, data, C1218Services.WriteCode(C1218Codes.Identify, data, 0)));
            Assert.AreEqual(C1218Frames.Negotiate512x2At9600, Packet(true, data, C1218Services.WriteNegotiate(512, 2, 6, data, 0)));
            Assert.AreEqual(C1218Frames.Logon0000, Packet(false, data, C1218Services.WriteLogon(0, "0000", data, 0)));
            Assert.AreEqual(C1218Frames.PartialReadBt23, Packet(true, data, C1218Services.WritePartialRead(0x17, 0, 16, data, 0)));
            Assert.AreEqual(C1218Frames.TerminateToggle1, Packet(true, data, C1218Services.WriteCode(C1218Codes.Terminate, data, 0)));
        }

        [TestMethod]
        public void The_assembler_cuts_a_packet_and_rejects_a_damaged_one()
        {
            byte[] ok = Hex.Parse(C1218Frames.ResponseOk);
            var assembler = new C1218PacketAssembler(256, 500);
            int ev = 0;
            for (int i = 0; i < ok.Length; i++)
            {
                ev = assembler.Feed(ok[i], 0);
            }

            Assert.AreEqual(C1218PacketAssembler.EventPacket, ev);
            ok[6] = 0x01;
            for (int i = 0; i < ok.Length; i++)
            {
                ev = assembler.Feed(ok[i], 10);
            }

            Assert.AreEqual(C1218PacketAssembler.EventBadCrc, ev);
        }
    }
}
