using System.Text;
using NesMep.Core.Mqtt;
using NesMep.Host.Mqtt;
using NesMep.Host.Service;
using NesMep.Host.Tests.Cli;
using Xunit;

namespace NesMep.Host.Tests.Mqtt;

/// <summary>MQTT pieces that need no broker: queue, codec, URL, settings file, command line.</summary>
public class MqttHostUnitTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Outbox_keeps_one_message_per_topic_newest_wins_in_the_original_position()
    {
        var box = new MqttOutbox(3);
        Assert.True(box.TryPublish("a", B("1"), 0, false));
        Assert.True(box.TryPublish("b", B("1"), 1, true));
        Assert.True(box.TryPublish("a", B("2"), 1, true));
        Assert.Equal(2, box.Count);
        Assert.Equal(1, box.Replaced);

        Assert.True(box.TryDequeue(out MqttOutbox.Entry first));
        Assert.Equal(("a", "2", 1, true), (first.Topic, Encoding.UTF8.GetString(first.Payload), first.Qos, first.Retain));
        Assert.True(box.TryDequeue(out MqttOutbox.Entry second));
        Assert.Equal("b", second.Topic);
        Assert.False(box.TryDequeue(out _));
    }

    [Fact]
    public void Outbox_is_bounded_and_never_blocks()
    {
        var box = new MqttOutbox(2);
        Assert.True(box.TryPublish("a", B("1"), 0, false));
        Assert.True(box.TryPublish("b", B("1"), 0, false));
        for (int i = 0; i < 100_000; i++)
        {
            Assert.False(box.TryPublish("c" + (i % 10), B("x"), 0, false));
            Assert.True(box.TryPublish("a", B(i.ToString()), 0, false)); // a waiting topic still takes its newest state
        }

        Assert.Equal(2, box.Count);
        Assert.Equal(100_000, box.Dropped);
        box.Clear();
        Assert.Equal(0, box.Count);
    }

    [Theory]
    [InlineData(0, new byte[] { 0 })]
    [InlineData(127, new byte[] { 0x7F })]
    [InlineData(128, new byte[] { 0x80, 0x01 })]
    [InlineData(16_383, new byte[] { 0xFF, 0x7F })]
    [InlineData(16_384, new byte[] { 0x80, 0x80, 0x01 })]
    [InlineData(268_435_455, new byte[] { 0xFF, 0xFF, 0xFF, 0x7F })]
    public void Remaining_length_uses_the_variable_length_encoding_of_the_standard(int length, byte[] expected)
    {
        var s = new MemoryStream();
        MqttCodec.WriteRemainingLength(s, length);
        Assert.Equal(expected, s.ToArray());
    }

    [Fact]
    public void A_claimed_256_mb_packet_is_refused_before_anything_is_allocated()
    {
        // E.g. a non-MQTT server on the port: the "remaining length" is whatever its bytes say.
        var s = new MemoryStream(new byte[] { 0x30, 0xFF, 0xFF, 0xFF, 0x7F });
        var e = Assert.Throws<InvalidDataException>(() => MqttCodec.TryReadPacket(s, out _, out _));
        Assert.Contains("268435455", e.Message);

        var ok = new MemoryStream(new byte[] { 0x90, 0x03, 0x00, 0x01, 0x01 });
        Assert.True(MqttCodec.TryReadPacket(ok, out int header, out byte[] body));
        Assert.Equal(0x90, header);
        Assert.Equal(new byte[] { 0, 1, 1 }, body);
    }

    [Fact]
    public void Connect_packet_carries_clean_session_keep_alive_will_and_credentials()
    {
        byte[] p = MqttCodec.Connect(new ConnectPacket
        {
            ClientId = "id", User = "u", Password = "p", KeepAliveS = 60, WillTopic = "b/lwt", WillPayload = B("Offline"), WillQos = 1, WillRetain = true,
        });
        Assert.Equal(0x10, p[0]);
        Assert.Equal(new byte[] { 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4 }, p[2..9]);
        Assert.Equal(0x80 | 0x40 | 0x20 | 0x08 | 0x04 | 0x02, p[9]);
        Assert.Equal(new byte[] { 0, 60 }, p[10..12]);
        Assert.Equal(p.Length - 2, p[1]);

        byte[] pub = MqttCodec.Publish("t", B("x"), 1, true, false, 0x1234);
        Assert.Equal(new byte[] { 0x33, 6, 0, 1, (byte)'t', 0x12, 0x34, (byte)'x' }, pub);
        MqttMessage back = MqttCodec.ParsePublish(pub[0], pub[2..], out ushort id);
        Assert.Equal(("t", 1, true, 0x1234), (back.Topic, back.Qos, back.Retain, (int)id));
        Assert.NotNull(MqttCodec.CheckTopicName("a/+/b"));
    }

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
