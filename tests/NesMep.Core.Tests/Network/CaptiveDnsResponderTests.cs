using NesMep.Core.Network;
using Xunit;
using static NesMep.Core.Tests.Network.DnsQueries;

namespace NesMep.Core.Tests.Network;

public class CaptiveDnsResponderTests
{
    private readonly CaptiveDnsResponder _dns = new(new byte[] { 10, 1, 2, 3 });
    private readonly byte[] _reply = new byte[Dns.MaxUdpPayload];

    private int Ask(byte[] q, out ReplyTarget target) => _dns.Respond(q, q.Length, 40000, _reply, out target);

    [Theory]
    [InlineData("connectivitycheck.gstatic.com")] // Android
    [InlineData("captive.apple.com")]             // iOS, macOS
    [InlineData("www.msftconnecttest.com")]       // Windows
    [InlineData("Anything.Example")]
    public void Every_A_query_is_answered_with_the_module_address(string name)
    {
        byte[] q = Query(name, Dns.TypeA);
        int n = Ask(q, out ReplyTarget target);
        Assert.Equal(ReplyTarget.Sender, target);
        Assert.Equal(0x1234, U16(_reply, 0));
        Assert.Equal(Dns.RcodeNoError, U16(_reply, 2) & Dns.RcodeMask);
        Assert.True((U16(_reply, 2) & Dns.FlagResponse) != 0);
        Assert.Equal(q.Skip(12).ToArray(), _reply.Skip(12).Take(q.Length - 12).ToArray()); // question echoed, case kept
        var a = Assert.Single(Records(_reply, n));
        Assert.Equal(Dns.TypeA, a.Type);
        Assert.Equal(CaptiveDnsResponder.TtlSeconds, a.Ttl);
        Assert.Equal(new byte[] { 10, 1, 2, 3 }, _reply.Skip(a.Data).Take(4).ToArray());
    }

    [Theory]
    [InlineData(Dns.TypeAaaa)]
    [InlineData(Dns.TypeTxt)]
    [InlineData(65)] // HTTPS records, which recent phones ask for first
    public void Other_types_get_an_empty_noerror_answer(int type)
    {
        int n = Ask(Query("captive.apple.com", type), out ReplyTarget target);
        Assert.Equal(ReplyTarget.Sender, target);
        Assert.Equal(Dns.RcodeNoError, U16(_reply, 2) & Dns.RcodeMask);
        Assert.Empty(Records(_reply, n));
    }

    [Fact]
    public void A_malformed_question_gets_formerr_with_the_id()
    {
        byte[] q = Query("a.b", Dns.TypeA);
        int n = Ask(q.Take(q.Length - 2).ToArray(), out ReplyTarget target);
        Assert.Equal(ReplyTarget.Sender, target);
        Assert.Equal(12, n);
        Assert.Equal(0x1234, U16(_reply, 0));
        Assert.Equal(Dns.RcodeFormatError, U16(_reply, 2) & Dns.RcodeMask);
        Assert.Equal(DnsParse.Truncated, _dns.LastResult);
    }

    [Fact]
    public void Responses_and_short_packets_get_no_reply()
    {
        byte[] q = Query("a.b", Dns.TypeA);
        q[2] |= 0x80;
        Assert.Equal(0, Ask(q, out ReplyTarget target));
        Assert.Equal(ReplyTarget.None, target);
        Assert.Equal(0, Ask(new byte[5], out _));
    }

    [Fact]
    public void Other_opcodes_get_notimp()
    {
        byte[] q = Query("a.b", Dns.TypeA);
        q[2] = 0x28; // opcode 5 (UPDATE)
        Ask(q, out _);
        Assert.Equal(Dns.RcodeNotImplemented, U16(_reply, 2) & Dns.RcodeMask);
    }
}
