#nullable enable
using NesMep.Core.Mqtt;
using NesMep.Core.Web;
using Xunit;

namespace NesMep.Core.Tests.Mqtt;

/// <summary>The one broker-address check (issue 14 item 7): host names, IPv4 and bracket-less IPv6 only.</summary>
public class BrokerHostTests
{
    [Theory]
    [InlineData("broker")]
    [InlineData("broker.lan")]
    [InlineData("homeassistant.local")]
    [InlineData("a-b.c-d.example")]
    [InlineData("127.0.0.1")]
    [InlineData("192.168.1.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fd00::5")]
    [InlineData("2001:db8:0:0:0:0:0:1")]
    [InlineData("::ffff:192.0.2.1")]
    [InlineData("FE80::1:2")]
    public void Host_names_ipv4_and_bracketless_ipv6_are_accepted(string host)
    {
        Assert.Null(BrokerHost.Check(host));
        Assert.Null(new MqttSettings { Host = host }.Validate());
    }

    [Theory]
    [InlineData("127.0.0.1:1883", "give the host only; the port has its own setting")]
    [InlineData("broker.lan:1883", "give the host only; the port has its own setting")]
    [InlineData("[::1]", "without brackets")]
    [InlineData("[::1]:1883", "without brackets")]
    [InlineData("1:2:3", "not a valid IPv6 address")]
    [InlineData("1::2::3", "not a valid IPv6 address")]
    [InlineData("1:2:3:4:5:6:7:8:9", "not a valid IPv6 address")]
    [InlineData("fe80::1%eth0", "not a valid IPv6 address")]
    [InlineData("999.1.1.1", "not a valid IPv4 address")]
    [InlineData("10.0.0", "not a valid IPv4 address")]
    [InlineData("010.0.0.1", "not a valid IPv4 address")]
    [InlineData("my broker", "use a host name")]
    [InlineData("bad_host", "use a host name")]
    [InlineData("-broker", "use a host name")]
    [InlineData("broker-.lan", "use a host name")]
    [InlineData("a..b", "use a host name")]
    [InlineData("broker\nINFO forged", "use a host name")]
    [InlineData("mqtt://broker", "give the host only")]
    public void Everything_else_is_refused_with_a_message_that_says_what_to_do(string host, string message)
    {
        string? error = BrokerHost.Check(host);
        Assert.NotNull(error);
        Assert.Contains(message, error);
        Assert.Equal("host: " + error, new MqttSettings { Host = host }.Validate());
    }

    [Fact]
    public void Overlong_host_names_are_refused()
    {
        Assert.Null(BrokerHost.Check(string.Join(".", Enumerable.Repeat(new string('a', 63), 3))));
        Assert.Equal("at most " + BrokerHost.MaxLength + " characters", BrokerHost.Check(string.Join(".", Enumerable.Repeat(new string('a', 63), 5))));
        Assert.NotNull(BrokerHost.Check(new string('a', 64) + ".lan")); // a label has at most 63
    }

    [Fact]
    public void The_web_form_refuses_host_and_port_in_the_host_field_with_a_field_message()
    {
        var errors = new FieldErrors();
        var current = new ModuleSettings { Mqtt = { Host = "broker.lan" }, MqttEnabled = true };
        SettingsChange change = SettingsForm.Parse(FormBody.Parse("mqtt_host=127.0.0.1%3A1883", out _)!, current, false, errors);
        Assert.Equal("give the host only; the port has its own setting", errors.MessageFor("mqtt_host"));
        Assert.Equal("broker.lan", change.Candidate.Mqtt.Host);

        // Also while MQTT is off: a bad host is never stored.
        errors = new FieldErrors();
        current.MqttEnabled = false;
        SettingsForm.Parse(FormBody.Parse("mqtt_host=%5B%3A%3A1%5D", out _)!, current, false, errors);
        Assert.Contains("without brackets", errors.MessageFor("mqtt_host"));
    }
}
