using System.Net;
using NesMep.Core.Network;
using NesMep.Core.Settings;
using NesMep.Host.Network;
using Xunit;

namespace NesMep.Host.Tests.Network;

/// <summary>The core's captive DNS and mDNS responders behind the Linux UDP adapter, asked by real dig.</summary>
public class ResponderDigTests
{
    private static readonly string Host = SettingsTable.Hostname.DefaultText;

    [Theory]
    [InlineData("anything.example")]
    [InlineData("connectivitycheck.gstatic.com")] // Android's probe
    [InlineData("captive.apple.com")]             // iOS's probe
    public void Captive_dns_answers_any_A_query_with_the_module_address(string name)
    {
        using var host = new UdpResponderHost(new CaptiveDnsResponder(AccessPoint.Address()), IPAddress.Loopback, 0);
        Assert.Equal("192.168.4.1", Dig.Run(host.Port, name, "A", "+short").Trim());
    }

    [Fact]
    public void Captive_dns_answers_AAAA_with_noerror_and_no_records()
    {
        using var host = new UdpResponderHost(new CaptiveDnsResponder(AccessPoint.Address()), IPAddress.Loopback, 0);
        string output = Dig.Run(host.Port, "captive.apple.com", "AAAA");
        Assert.Contains("status: NOERROR", output);
        Assert.Contains("ANSWER: 0", output);
    }

    [Fact]
    public void Mdns_answers_a_legacy_unicast_A_query_for_the_host_name()
    {
        using var host = new UdpResponderHost(new MdnsResponder(Host, new byte[] { 192, 168, 1, 50 }, 80), IPAddress.Loopback, 0);
        string output = Dig.Run(host.Port, Host.ToUpperInvariant() + ".local", "A");
        Assert.Contains("status: NOERROR", output);
        Assert.Matches(@"(?i)esp32-mep\.local\.\s+10\s+IN\s+A\s+192\.168\.1\.50", output);
    }

    [Fact]
    public void Mdns_advertises_the_http_service_by_PTR_with_SRV_and_TXT()
    {
        using var host = new UdpResponderHost(new MdnsResponder(Host, new byte[] { 192, 168, 1, 50 }, 8080), IPAddress.Loopback, 0);
        string ptr = Dig.Run(host.Port, "_http._tcp.local", "PTR");
        Assert.Matches(@"_http\._tcp\.local\.\s+10\s+IN\s+PTR\s+esp32-mep\._http\._tcp\.local\.", ptr);
        Assert.Matches(@"esp32-mep\._http\._tcp\.local\.\s+10\s+IN\s+SRV\s+0 0 8080 esp32-mep\.local\.", ptr); // additional section
        Assert.Matches(@"esp32-mep\._http\._tcp\.local\.\s+10\s+IN\s+TXT\s+""path=/""", ptr);

        Assert.Equal("0 0 8080 esp32-mep.local.", Dig.Run(host.Port, Host + "._http._tcp.local", "SRV", "+short").Trim());
        Assert.Equal("_http._tcp.local.", Dig.Run(host.Port, "_services._dns-sd._udp.local", "PTR", "+short").Trim());
    }

    [Fact]
    public void Mdns_stays_silent_for_other_names()
    {
        using var host = new UdpResponderHost(new MdnsResponder(Host, new byte[] { 192, 168, 1, 50 }, 80), IPAddress.Loopback, 0);
        var psiOutput = Assert.Throws<Xunit.Sdk.TrueException>(() => Dig.Run(host.Port, "other.local", "A"));
        Assert.Contains("timed out", psiOutput.Message);
        Assert.Equal(0, host.Replies);
    }
}
