using NesMep.Core.Network;
using NesMep.Core.Settings;
using Xunit;
using static NesMep.Core.Tests.Network.DnsQueries;

namespace NesMep.Core.Tests.Network;

public class MdnsResponderTests
{
    private static readonly string Host = SettingsTable.Hostname.DefaultText;
    private readonly MdnsResponder _mdns = new(Host, new byte[] { 192, 168, 1, 50 }, 8080);
    private readonly byte[] _reply = new byte[Dns.MaxUdpPayload];

    private int Ask(byte[] q, int port, out ReplyTarget target) => _mdns.Respond(q, q.Length, port, _reply, out target);

    [Fact]
    public void The_host_name_is_answered_in_any_letter_case_by_multicast()
    {
        int n = Ask(Query(0, ("ESP32-Mep.LOCAL", Dns.TypeA, Dns.ClassIn)), Dns.MdnsPort, out ReplyTarget target);
        Assert.Equal(ReplyTarget.Multicast, target);
        Assert.Equal(0, U16(_reply, 0));
        Assert.Equal(0, U16(_reply, 4)); // no question in a multicast response
        var a = Assert.Single(Records(_reply, n));
        Assert.Equal((Dns.TypeA, Dns.ClassIn | Dns.CacheFlushBit, MdnsResponder.HostTtlSeconds), (a.Type, a.Class, a.Ttl));
        Assert.Equal(new byte[] { 192, 168, 1, 50 }, _reply.Skip(a.Data).Take(4).ToArray());
    }

    [Fact]
    public void The_unicast_response_bit_sends_the_reply_to_the_sender()
    {
        Ask(Query(0, (Host + ".local", Dns.TypeA, Dns.ClassIn | Dns.UnicastResponseBit)), Dns.MdnsPort, out ReplyTarget target);
        Assert.Equal(ReplyTarget.Sender, target);
    }

    [Fact]
    public void A_legacy_query_gets_its_id_and_question_back_with_short_ttls_and_no_cache_flush()
    {
        byte[] q = Query(0x4242, ("_http._tcp.local", Dns.TypePtr, Dns.ClassIn));
        int n = Ask(q, 50123, out ReplyTarget target);
        Assert.Equal(ReplyTarget.Sender, target);
        Assert.Equal(0x4242, U16(_reply, 0));
        Assert.Equal(1, U16(_reply, 4));
        Assert.Equal(1, U16(_reply, 6));
        Assert.Equal(3, U16(_reply, 10)); // SRV, TXT and A as additional records
        var records = Records(_reply, n);
        Assert.Equal(new[] { Dns.TypePtr, Dns.TypeSrv, Dns.TypeTxt, Dns.TypeA }, records.Select(r => r.Type));
        Assert.All(records, r => Assert.Equal(Dns.ClassIn, r.Class));
        Assert.All(records, r => Assert.Equal(MdnsResponder.LegacyTtlSeconds, r.Ttl));
        var srv = records[1];
        Assert.Equal(8080, U16(_reply, srv.Data + 4));
    }

    [Fact]
    public void Service_enumeration_lists_the_http_service()
    {
        int n = Ask(Query(0, ("_services._dns-sd._udp.local", Dns.TypePtr, Dns.ClassIn)), Dns.MdnsPort, out _);
        var ptr = Assert.Single(Records(_reply, n));
        Assert.Equal(DnsName.FromDotted("_http._tcp.local"), _reply.Skip(ptr.Data).Take(ptr.Length).ToArray());
    }

    [Fact]
    public void The_instance_txt_record_carries_the_path()
    {
        int n = Ask(Query(0, (Host + "._http._tcp.local", Dns.TypeTxt, Dns.ClassIn)), Dns.MdnsPort, out _);
        var txt = Assert.Single(Records(_reply, n));
        Assert.Equal("\u0006path=/", System.Text.Encoding.ASCII.GetString(_reply, txt.Data, txt.Length));
    }

    [Theory]
    [InlineData("other.local", Dns.TypeA)]
    [InlineData("esp32-mep.local", Dns.TypeAaaa)]
    [InlineData("_ipp._tcp.local", Dns.TypePtr)]
    public void Other_names_and_types_get_no_reply(string name, int type)
    {
        Assert.Equal(0, Ask(Query(0, (name, type, Dns.ClassIn)), Dns.MdnsPort, out ReplyTarget target));
        Assert.Equal(ReplyTarget.None, target);
    }

    [Fact]
    public void Responses_get_no_reply()
    {
        byte[] q = Query(0, (Host + ".local", Dns.TypeA, Dns.ClassIn));
        q[2] = 0x84;
        Assert.Equal(0, Ask(q, Dns.MdnsPort, out _));
    }

    [Fact]
    public void The_announcement_carries_every_record()
    {
        int n = _mdns.Announce(_reply);
        Assert.Equal(0, U16(_reply, 0));
        Assert.Equal(0x8400, U16(_reply, 2));
        Assert.Equal(new[] { Dns.TypePtr, Dns.TypePtr, Dns.TypeSrv, Dns.TypeTxt, Dns.TypeA }, Records(_reply, n).Select(r => r.Type));
    }
}
