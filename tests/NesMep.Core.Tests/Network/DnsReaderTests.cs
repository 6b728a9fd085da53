using FsCheck;
using FsCheck.Fluent;
using NesMep.Core.Network;
using Xunit;
using static NesMep.Core.Tests.Network.DnsQueries;

namespace NesMep.Core.Tests.Network;

public class DnsReaderTests
{
    [Fact]
    public void A_query_header_and_question_are_read()
    {
        byte[] q = Query(0xBEEF, ("Esp32-MEP.local", Dns.TypeA, Dns.ClassIn | Dns.UnicastResponseBit));
        var r = new DnsReader();
        Assert.Equal(DnsParse.Ok, r.ReadHeader(q, q.Length));
        Assert.Equal(0xBEEF, r.Id);
        Assert.Equal(1, r.QuestionCount);
        Assert.Equal(DnsParse.Ok, r.ReadQuestion());
        Assert.Equal(Dns.TypeA, r.Type);
        Assert.Equal(Dns.ClassIn, r.Class);
        Assert.True(r.UnicastResponse);
        Assert.True(r.NameIs(DnsName.FromDotted("esp32-mep.LOCAL")));
        Assert.False(r.NameIs(DnsName.FromDotted("esp32-mep.local.x")));
        Assert.Equal(q.Length, r.Position);
        Assert.Equal(DnsParse.NoMoreQuestions, r.ReadQuestion());
    }

    [Fact]
    public void A_compressed_second_question_is_expanded()
    {
        // Question 2 is "_http" + pointer to "_tcp.local" inside question 1 ("x._tcp.local" at offset 12).
        byte[] q = Query(1, ("x._tcp.local", Dns.TypePtr, Dns.ClassIn));
        q[5] = 2;
        byte[] second = { 5, (byte)'_', (byte)'h', (byte)'t', (byte)'t', (byte)'p', 0xC0, 14, 0, 12, 0, 1 };
        q = q.Concat(second).ToArray();
        var r = new DnsReader();
        r.ReadHeader(q, q.Length);
        Assert.Equal(DnsParse.Ok, r.ReadQuestion());
        Assert.Equal(DnsParse.Ok, r.ReadQuestion());
        Assert.True(r.NameIs(DnsName.FromDotted("_http._tcp.local")));
        Assert.Equal(q.Length, r.Position);
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 12 }, DnsParse.PointerLoop)]        // points at itself
    [InlineData(new byte[] { 1, (byte)'a', 0xC0, 12 }, DnsParse.PointerLoop)] // back to the start of its own name
    [InlineData(new byte[] { 0xC0, 200 }, DnsParse.BadPointer)]        // outside the packet
    [InlineData(new byte[] { 0xC0, 2 }, DnsParse.BadPointer)]          // into the header
    [InlineData(new byte[] { 0x40, 0 }, DnsParse.BadLabel)]
    [InlineData(new byte[] { 5, (byte)'a' }, DnsParse.Truncated)]
    public void Malformed_names_are_refused_with_their_reason(byte[] name, DnsParse expected)
    {
        byte[] q = new byte[] { 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0 }.Concat(name).Concat(new byte[] { 0, 1, 0, 1 }).ToArray();
        var r = new DnsReader();
        r.ReadHeader(q, q.Length);
        Assert.Equal(expected, r.ReadQuestion());
    }

    [Fact]
    public void A_loop_between_two_questions_is_refused()
    {
        // Question 1's name jumps forward to question 2, whose name jumps back to question 1.
        byte[] q = { 0, 1, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 1, (byte)'a', 0xC0, 20, 0, 1, 0, 1, 1, (byte)'b', 0xC0, 12, 0, 1, 0, 1 };
        var r = new DnsReader();
        r.ReadHeader(q, q.Length);
        Assert.Equal(DnsParse.PointerLoop, r.ReadQuestion());
        Assert.Equal(DnsParse.NoMoreQuestions, r.ReadQuestion());
    }

    [Fact]
    public void A_name_over_255_bytes_is_refused()
    {
        string longName = string.Join(".", Enumerable.Repeat(new string('a', 63), 4)); // 4 * 64 + 1 = 257 bytes
        byte[] q = Query(longName, Dns.TypeA);
        var r = new DnsReader();
        r.ReadHeader(q, q.Length);
        Assert.Equal(DnsParse.NameTooLong, r.ReadQuestion());
    }

    [Fact]
    public void Every_truncation_of_a_query_is_refused_as_truncated()
    {
        byte[] q = Query("connectivitycheck.gstatic.com", Dns.TypeA);
        var r = new DnsReader();
        for (int n = 0; n < q.Length; n++)
        {
            DnsParse header = r.ReadHeader(q, n);
            Assert.Equal(DnsParse.Truncated, header == DnsParse.Ok ? r.ReadQuestion() : header);
        }
    }

    [Fact]
    public void Random_packets_never_throw_and_never_loop()
    {
        var captive = new CaptiveDnsResponder(AccessPoint.Address());
        var mdns = new MdnsResponder("esp32-mep", AccessPoint.Address(), 80);
        byte[] response = new byte[Dns.MaxUdpPayload];
        Gen<byte[]> packets = Gen.Choose(0, 300).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), n));
        // Half of the runs start from a valid query header so the name walker sees most of the random bytes.
        Gen<byte[]> shaped = packets.Select(p => p.Length >= 12 ? Header(p) : p);
        Prop.ForAll(Arb.From(Gen.OneOf(packets, shaped)), Arb.From(Gen.Choose(0, 65535)), (p, port) =>
        {
            captive.Respond(p, p.Length, port, response, out _);
            mdns.Respond(p, p.Length, port, response, out _);
            mdns.Respond(p, p.Length, Dns.MdnsPort, response, out _);
            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    private static byte[] Header(byte[] p)
    {
        p[2] = 0; p[3] = 0; p[4] = 0; p[5] = (byte)(1 + p[5] % 4);
        return p;
    }
}
