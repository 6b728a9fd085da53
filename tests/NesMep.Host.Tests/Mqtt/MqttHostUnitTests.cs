using NesMep.Core.Mqtt;
using NesMep.Host.Mqtt;
using NesMep.Host.Service;
using NesMep.Host.Tests.Cli;
using Xunit;

namespace NesMep.Host.Tests.Mqtt;

/// <summary>MQTT pieces that need no broker: URL, settings file, command line.</summary>
public class MqttHostUnitTests
{
    [Theory]
    [InlineData("mqtt://127.0.0.1:1883", "127.0.0.1", 1883, false, "", "")]
    [InlineData("mqtt://127.0.0.1:1884", "127.0.0.1", 1884, false, "", "")]
    [InlineData("mqtt://broker.lan", "broker.lan", 0, false, "", "")]
    [InlineData("mqtts://broker.lan", "broker.lan", 0, true, "", "")]
    [InlineData("mqtts://ha:p%40ss%3Aword@10.0.0.2:8884/", "10.0.0.2", 8884, true, "ha", "p@ss:word")]
    [InlineData("mqtt://user@[::1]", "::1", 0, false, "user", "")]
    public void Mqtt_url_sets_host_port_tls_and_credentials(string url, string host, int port, bool tls, string user, string password)
    {
        var c = new HostConfig();
        MqttHostSetup.ApplyUrl(url, c);
        MqttSettings s = c.Mqtt!;
        Assert.Equal((host, port, tls, user, password), (s.Host, s.Port, s.Tls, s.User, s.Password));
        Assert.Equal("nesmep", s.BaseTopic);
        Assert.Equal("homeassistant", s.DiscoveryPrefix);
        Assert.True(s.Discovery);
        Assert.Null(c.Validate());
        Assert.Equal(tls ? (port == 0 ? 8883 : port) : (port == 0 ? 1883 : port), s.EffectivePort);
    }

    [Theory]
    [InlineData("http://broker", "unknown scheme 'http'")]
    [InlineData("broker:1883", "unknown scheme 'broker'")]
    [InlineData("mqtt://broker/topic", "no path, query or fragment allowed")]
    [InlineData("mqtt://:secret@broker", "a password needs a user name")]
    [InlineData("mqtt://", "no broker host")]
    [InlineData("not a url at all", "is not a URL")]
    public void Bad_mqtt_urls_are_refused_with_the_reason(string url, string reason)
    {
        var e = Assert.Throws<ArgumentException>(() => MqttHostSetup.ApplyUrl(url, new HostConfig()));
        Assert.Contains(reason, e.Message);
        Assert.DoesNotContain("secret", e.Message);
    }

    [Fact]
    public void Command_line_rejects_a_bad_mqtt_url_in_one_line_with_exit_code_2()
    {
        var (code, stdout, stderr) = CliRunner.Run("run", "--mqtt", "http://u:hunter2@broker:1883");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.StartsWith("nesmep: --mqtt: unknown scheme 'http'", stderr);
        Assert.DoesNotContain("hunter2", stderr);

        (code, _, stderr) = CliRunner.Run("run", "--mqtt", "mqtt://bad host:1883");
        Assert.Equal(2, code);
        Assert.StartsWith("nesmep: --mqtt: ", stderr);
    }

    [Theory]
    [InlineData("mqtt://bad_host", "nesmep: mqtt.host: use a host name")]
    [InlineData("mqtt://999.1.1.1", "nesmep: mqtt.host: not a valid IPv4 address")]
    public void Command_line_broker_hosts_pass_the_same_check_as_the_form_and_the_file(string url, string expected)
    {
        var (code, _, stderr) = CliRunner.Run("run", "--http", "127.0.0.1:1", "--mqtt", url);
        Assert.Equal(2, code);
        Assert.StartsWith(expected, stderr);
    }

    [Fact]
    public void Command_line_url_overrides_the_config_file_and_keeps_its_other_mqtt_settings()
    {
        using var dir = new TempDir();
        string file = dir.Write("c.json", """
            { "mqtt": { "host": "old", "port": 1, "user": "a", "password": "b", "base_topic": "dabbler",
                        "publish_mode": "on_change", "min_interval_s": 2, "interval_s": 20, "discovery": false } }
            """);
        var c = new HostConfig();
        HostConfigFile.Load(file, c);
        MqttHostSetup.ApplyUrl("mqtt://new:1999", c);
        MqttSettings s = c.Mqtt!;
        Assert.Equal(("new", 1999, "", "", "dabbler"), (s.Host, s.Port, s.User, s.Password, s.BaseTopic));
        Assert.Equal((MqttSettings.ModeOnChange, 2, 20, false), (s.PublishMode, s.MinIntervalS, s.IntervalS, s.Discovery));
        Assert.Null(c.Validate());
    }

    [Fact]
    public void Config_file_mqtt_section_reads_every_setting_and_validates_with_the_setting_name()
    {
        using var dir = new TempDir();
        dir.Write("ca.pem", "not checked here");
        string file = dir.Write("c.json", """
            { "mqtt": { "host": "broker.lan", "port": 8884, "tls": true, "ca_file": "CA", "user": "u", "password": "p",
                        "client_id": "nesmep-kitchen", "base_topic": "home/meter", "discovery_prefix": "ha",
                        "discovery": true, "publish_mode": "interval", "interval_s": 15, "min_interval_s": 0,
                        "keep_alive_s": 30, "configuration_url": "http://meter.lan/" } }
            """.Replace("CA", dir.File("ca.pem")));
        var c = new HostConfig();
        HostConfigFile.Load(file, c);
        MqttSettings s = c.Mqtt!;
        Assert.Equal(("broker.lan", 8884, true, dir.File("ca.pem")), (s.Host, s.Port, s.Tls, s.CaFile));
        Assert.Equal(("u", "p", "nesmep-kitchen", "home/meter", "ha"), (s.User, s.Password, s.ClientId, s.BaseTopic, s.DiscoveryPrefix));
        Assert.Equal((15, 0, 30, "http://meter.lan/"), (s.IntervalS, s.MinIntervalS, s.KeepAliveS, s.ConfigurationUrl));
        Assert.Null(c.Validate());

        s.CaFile = dir.File("missing.pem");
        Assert.StartsWith("mqtt.ca_file: cannot read " + dir.File("missing.pem"), c.Validate());

        var empty = new HostConfig();
        HostConfigFile.Load(dir.Write("e.json", "{ \"mqtt\": {} }"), empty);
        Assert.Equal("mqtt.host: give the broker's host name or IP address", empty.Validate());

        var bad = new HostConfig();
        var e = Assert.Throws<ConfigError>(() => HostConfigFile.Load(dir.Write("b.json", "{ \"mqtt\": { \"publish_mode\": \"sometimes\" } }"), bad));
        Assert.Equal("mqtt.publish_mode: use interval or on_change", e.Message);
        e = Assert.Throws<ConfigError>(() => HostConfigFile.Load(dir.Write("u.json", "{ \"mqtt\": { \"prefix\": \"x\" } }"), new HostConfig()));
        Assert.Equal("unknown setting mqtt.prefix", e.Message);
        Assert.Null(new HostConfig().Mqtt);
    }

    [Fact]
    public void Default_client_id_is_per_machine_and_meter_connection_and_stable()
    {
        var a = new HostConfig();
        var b = new HostConfig { Source = MeterSource.Serial, SerialPath = "/dev/ttyUSB0" };
        string id = MqttHostSetup.DefaultClientId(a);
        Assert.Matches("^nesmep-[a-z0-9_-]+-[0-9a-f]{6}$", id);
        Assert.Equal(id, MqttHostSetup.DefaultClientId(new HostConfig()));
        Assert.NotEqual(id, MqttHostSetup.DefaultClientId(b));
        Assert.Null(new MqttSettings { Host = "h", ClientId = id }.Validate());
    }

    [Fact]
    public void Configuration_url_follows_the_http_listen_address()
    {
        Assert.Equal("http://127.0.0.1:8080/", MqttHostSetup.ConfigurationUrl(new HostConfig()));
        Assert.Equal("http://[::1]:80/", MqttHostSetup.ConfigurationUrl(new HostConfig { HttpListen = "[::1]:80" }));
        Assert.StartsWith("http://" + System.Net.Dns.GetHostName() + ":80", MqttHostSetup.ConfigurationUrl(new HostConfig { HttpListen = "0.0.0.0:80" }));
        Assert.Equal("", MqttHostSetup.ConfigurationUrl(new HostConfig { HttpListen = "127.0.0.1:0" }));
    }
}
