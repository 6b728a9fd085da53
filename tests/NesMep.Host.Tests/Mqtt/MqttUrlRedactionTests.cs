using NesMep.Host.Mqtt;
using NesMep.Host.Service;
using NesMep.Host.Tests.Cli;
using Xunit;

namespace NesMep.Host.Tests.Mqtt;

/// <summary>Issue 14 item 5: a password in an --mqtt URL never reaches stderr, in any form of the URL.</summary>
public class MqttUrlRedactionTests
{
    public static TheoryData<string> UrlsWithSecret => new()
    {
        "mqtt://u:s3cr3tpw",
        "mqtt://u:s3cr3tpw/",
        "mqtt://u:s3cr3tpw@",
        "mqtt://u:s3cr3tpw@host:99999",
        "mqtt://u:s3cr3tpw@bad host",
        "mqtt://u:s3cr3tpw@@host",
        "MQTT://u:s3cr3tpw",
        "mqtts://u:s3cr3tpw",
        "http://u:s3cr3tpw@host",
        "mqtt+ssl://u:s3cr3tpw@host",
        "tcp://u:s3cr3tpw",
        "mqtt:u:s3cr3tpw@host",
        "mqtt:/u:s3cr3tpw@host",
        "u:s3cr3tpw@host",
        "u:s3cr3tpw",
        "mqtt://u:s3cr3tpw@[::1",
        "mqtt://u:s3cr3tpw@host/path",
        "mqtt://u:s3cr3tpw@host?x=1",
        "mqtt://u:s3cr3tpw@127.0.0.1:1883",
        "mqtt://u:s3cr3tpw@broker_name",
    };

    [Theory]
    [MemberData(nameof(UrlsWithSecret))]
    public void The_password_never_appears_in_the_error_or_on_stderr(string url)
    {
        try
        {
            var c = new HostConfig();
            MqttHostSetup.ApplyUrl(url, c);
            Assert.DoesNotContain("s3cr3tpw", c.Validate() ?? "");
        }
        catch (ArgumentException e)
        {
            Assert.DoesNotContain("s3cr3tpw", e.Message);
        }

        // The whole command line, as systemd would log it; a valid URL starts the service, so stop it at once.
        var (code, stdout, stderr) = CliRunner.Run("run", "--http", "127.0.0.1:1", "--mqtt", url, "--log-level", "bogus");
        Assert.Equal(2, code);
        Assert.DoesNotContain("s3cr3tpw", stderr);
        Assert.DoesNotContain("s3cr3tpw", stdout);
    }

    [Fact]
    public void A_url_without_at_is_quoted_with_its_password_hidden()
    {
        var e = Assert.Throws<ArgumentException>(() => MqttHostSetup.ApplyUrl("mqtt://u:s3cr3tpw", new HostConfig()));
        Assert.StartsWith("'mqtt://u:***' is not a URL", e.Message);
    }

    [Fact]
    public void A_stray_url_argument_is_redacted_in_the_parser_message()
    {
        var (code, _, stderr) = CliRunner.Run("run", "mqtt://u:s3cr3tpw@broker");
        Assert.Equal(2, code);
        Assert.DoesNotContain("s3cr3tpw", stderr);
        Assert.Contains("mqtt://***@broker", stderr);

        (code, _, stderr) = CliRunner.Run("run", "extra", "mqtt://u:s3cr3tpw");
        Assert.Equal(2, code);
        Assert.DoesNotContain("s3cr3tpw", stderr);
    }

    [Theory]
    [InlineData("see mqtt://u:pw@host:1883/x now", "see mqtt://***@host:1883/x now")]
    [InlineData("'mqtt://u:pw'", "'mqtt://u:***'")]
    [InlineData("mqtt://host:1883 and mqtts://[::1]:8883", "mqtt://host:1883 and mqtts://[::1]:8883")]
    [InlineData("no url here: a:b", "no url here: a:b")]
    public void Free_text_keeps_hosts_and_ports_and_hides_user_info(string text, string expected)
    {
        Assert.Equal(expected, UrlRedaction.RedactText(text));
    }
}
