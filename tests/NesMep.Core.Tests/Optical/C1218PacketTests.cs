using System.Text;
using NesMep.Core.Optical;
using NesMep.Core.Protocol;
using NesMep.Core.Tests.Fixtures;
using Xunit;

namespace NesMep.Core.Tests.Optical;

/// <summary>The C12.18 packet codec, services and assembler against the reference's test vectors (§13.3).</summary>
public class C1218PacketTests
{
    private static byte[] Packet(bool toggle, byte[] data)
    {
        var dest = new byte[data.Length + C1218Codes.Overhead];
        int n = C1218Packet.Write(0, C1218Packet.Control(toggle, 0, 1), 0, data, 0, data.Length, dest, 0);
        Assert.Equal(dest.Length, n);
        return dest;
    }

    private static byte[] Service(Func<byte[], int> write)
    {
        var buf = new byte[64];
        int n = write(buf);
        return buf.AsSpan(0, n).ToArray();
    }

    [Fact]
    public void Crc_check_value_matches_X25()
    {
        byte[] ascii = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(C1218Frames.CrcCheckValue, Crc16X25.Compute(ascii, 0, ascii.Length));
    }

    [Theory]
    [InlineData(false, C1218Frames.IdentToggle0)]
    [InlineData(true, C1218Frames.IdentToggle1)]
    public void Ident_packets_match_the_vectors(bool toggle, string expected)
    {
        Assert.Equal(Hex.Parse(expected), Packet(toggle, Service(b => C1218Services.WriteCode(C1218Codes.Identify, b, 0))));
    }

    [Fact]
    public void Service_requests_match_the_vectors()
    {
        Assert.Equal(Hex.Parse(C1218Frames.Negotiate512x2At9600), Packet(true, Service(b => C1218Services.WriteNegotiate(512, 2, 6, b, 0))));
        Assert.Equal(Hex.Parse(C1218Frames.Logon0000), Packet(false, Service(b => C1218Services.WriteLogon(0, "0000", b, 0))));
        Assert.Equal(Hex.Parse(C1218Frames.SecurityZeros), Packet(true, Service(b => C1218Services.WriteSecurity(new byte[20], b, 0))));
        Assert.Equal(Hex.Parse(C1218Frames.FullReadBt01), Packet(false, Service(b => C1218Services.WriteFullRead(1, b, 0))));
        Assert.Equal(Hex.Parse(C1218Frames.PartialReadBt23), Packet(true, Service(b => C1218Services.WritePartialRead(0x17, 0, 16, b, 0))));
        Assert.Equal(Hex.Parse(C1218Frames.Logoff), Packet(false, Service(b => C1218Services.WriteCode(C1218Codes.Logoff, b, 0))));
        Assert.Equal(Hex.Parse(C1218Frames.TerminateToggle1), Packet(true, Service(b => C1218Services.WriteCode(C1218Codes.Terminate, b, 0))));
        Assert.Equal(Hex.Parse(C1218Frames.ResponseOk), Packet(false, new byte[] { 0 }));
    }

    [Fact]
    public void Every_vector_assembles_with_a_good_crc_even_behind_noise_and_a_false_start()
    {
        foreach (string v in new[] { C1218Frames.IdentToggle0, C1218Frames.Negotiate512x2At9600, C1218Frames.SecurityZeros, C1218Frames.PartialReadBt23 })
        {
            var a = new C1218PacketAssembler(1024, 500);
            // Noise, then a false start whose "length" is far too long, then the packet.
            byte[] input = Hex.Parse("00 7F EE 00 00 00 FF FF").Concat(Hex.Parse(v)).ToArray();
            int packets = 0;
            foreach (byte b in input)
            {
                int ev = a.Feed(b, 0);
                Assert.NotEqual(C1218PacketAssembler.EventBadCrc, ev);
                if (ev == C1218PacketAssembler.EventPacket)
                {
                    packets++;
                    Assert.Equal(Hex.Parse(v), a.Buffer.AsSpan(0, a.PacketLength).ToArray());
                }
            }

            Assert.Equal(1, packets);
            Assert.True(a.NoiseBytes >= 3);
        }
    }

    [Fact]
    public void Ack_and_nak_are_events_between_packets_and_a_silent_gap_drops_a_partial_packet()
    {
        var a = new C1218PacketAssembler(256, 500);
        Assert.Equal(C1218PacketAssembler.EventAck, a.Feed(C1218Codes.Ack, 0));
        Assert.Equal(C1218PacketAssembler.EventNak, a.Feed(C1218Codes.Nak, 1));
        byte[] ident = Hex.Parse(C1218Frames.IdentToggle0);
        for (int i = 0; i < 5; i++)
        {
            a.Feed(ident[i], 2);
        }

        Assert.True(a.InPacket);
        Assert.True(a.Expire(600));
        Assert.Equal(1, a.TruncatedPackets);
        int last = 0;
        foreach (byte b in ident)
        {
            last = a.Feed(b, 700);
        }

        Assert.Equal(C1218PacketAssembler.EventPacket, last);
    }

    [Fact]
    public void Read_reply_checksum_is_the_twos_complement_of_the_data_sum_and_a_bad_one_is_rejected()
    {
        byte[] data = { 0x01, 0x02, 0xFF, 0x80 };
        Assert.Equal((byte)(-(1 + 2 + 0xFF + 0x80) & 0xFF), C1218Services.DataChecksum(data, 0, 4));
        var reply = new byte[8];
        Assert.Equal(8, C1218Services.WriteReadReply(data, 0, 4, reply, 0));
        Assert.Null(C1218Services.CheckReadReply(reply, 0, 8));
        reply[4] ^= 0x10;
        Assert.Contains("checksum", C1218Services.CheckReadReply(reply, 0, 8));
        reply[4] ^= 0x10;
        reply[2] = 5;
        Assert.Contains("count", C1218Services.CheckReadReply(reply, 0, 8));
    }

    [Fact]
    public void Every_response_code_has_a_name_and_an_explanation()
    {
        string[] names = { "ok", "err", "sns", "isc", "onp", "iar", "bsy", "dnr", "dlk", "rno", "isss" };
        for (int code = 0; code < names.Length; code++)
        {
            Assert.Equal(names[code], C1218Codes.ResponseName(code));
            Assert.Contains("(" + names[code] + ")", C1218Codes.ResponseExplanation(code));
        }

        Assert.Equal("unknown", C1218Codes.ResponseName(0x0B));
    }
}
