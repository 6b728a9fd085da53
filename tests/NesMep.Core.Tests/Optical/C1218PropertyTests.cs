using FsCheck;
using FsCheck.Fluent;
using NesMep.Core.Optical;
using Xunit;

namespace NesMep.Core.Tests.Optical;

/// <summary>Any damaged byte of a packet is caught: never handed on as a packet, so never decoded (FsCheck).</summary>
public class C1218PropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(500);

    private static Gen<byte[]> Bytes(int min, int max) =>
        from n in Gen.Choose(min, max)
        from b in Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), n)
        select b;

    [Fact]
    public void A_packet_with_any_one_byte_changed_never_comes_out_as_a_packet()
    {
        Prop.ForAll(Arb.From(Bytes(1, 300)), Arb.From(Gen.Choose(0, 10_000)), Arb.From(Gen.Choose(1, 255)),
            (data, where, flip) =>
            {
                var packet = new byte[data.Length + C1218Codes.Overhead];
                C1218Packet.Write(0, C1218Packet.Control((where & 1) == 1, 0, 1), 0, data, 0, data.Length, packet, 0);
                int at = where % packet.Length;
                packet[at] ^= (byte)flip;
                var a = new C1218PacketAssembler(1024, 500);
                foreach (byte b in packet)
                {
                    if (a.Feed(b, 0) == C1218PacketAssembler.EventPacket)
                    {
                        return false;
                    }
                }

                return true;
            }).Check(Runs);
    }

    [Fact]
    public void A_read_reply_whose_data_changed_under_a_recomputed_crc_fails_its_checksum()
    {
        Prop.ForAll(Arb.From(Bytes(1, 200)), Arb.From(Gen.Choose(0, 10_000)), Arb.From(Gen.Choose(1, 255)), (data, where, flip) =>
        {
            var reply = new byte[data.Length + C1218Services.ReadReplyOverhead];
            C1218Services.WriteReadReply(data, 0, data.Length, reply, 0);
            reply[C1218Services.ReadReplyDataOffset + (where % data.Length)] ^= (byte)flip;
            return C1218Services.CheckReadReply(reply, 0, reply.Length) != null;
        }).Check(Runs);
    }
}
