#nullable enable
using NesMep.Core.Mqtt;
using Xunit;

namespace NesMep.Core.Tests.Mqtt;

public class MqttSettingsTests
{
    private static MqttSettings Valid() => new() { Host = "192.168.1.5" };

    [Fact]
    public void Defaults_are_valid_and_match_the_documentation()
    {
        MqttSettings s = Valid();
        Assert.Null(s.Validate());
        Assert.Equal(1883, s.EffectivePort);
        Assert.Equal("nesmep", s.BaseTopic);
        Assert.Equal("homeassistant", s.DiscoveryPrefix);
        Assert.True(s.Discovery);
        Assert.Equal("interval", s.PublishModeName);
        Assert.Equal(10, s.IntervalS);
        Assert.Equal(30, s.ExpireAfterS);
        s.Tls = true;
        Assert.Equal(8883, s.EffectivePort);
        s.IntervalS = 60;
        Assert.Equal(180, s.ExpireAfterS);
    }

    [Theory]
    [InlineData("host", "", "host: give the broker's host name or IP address")]
    [InlineData("host", "my broker", "host: use a host name (letters, digits, '-' and dots), an IPv4 or an IPv6 address")]
    [InlineData("port", "70000", "port: must be 0..65535 (0: 1883, or 8883 with TLS)")]
    [InlineData("ca_file", "/etc/ca.pem", "ca_file: needs tls on (or an mqtts:// URL)")]
    [InlineData("password", "secret", "password: give user too (MQTT 3.1.1 has no password without a user name)")]
    [InlineData("client_id", "has space", "client_id: use letters, digits, '-', '_' or '.' only")]
    [InlineData("base_topic", "", "base_topic: must not be empty")]
    [InlineData("base_topic", "/nesmep", "base_topic: no leading or trailing '/'")]
    [InlineData("base_topic", "nes/+/mep", "base_topic: wildcards '+' and '#' are not allowed")]
    [InlineData("base_topic", "a//b", "base_topic: no empty level ('//')")]
    [InlineData("discovery_prefix", "home assistant", "discovery_prefix: no spaces or control characters")]
    [InlineData("interval_s", "0", "interval_s: must be 1..3600 seconds")]
    [InlineData("min_interval_s", "20", "min_interval_s: must be 0..interval_s (10) seconds")]
    [InlineData("keep_alive_s", "1", "keep_alive_s: must be 5..3600 seconds")]
    [InlineData("configuration_url", "esp32-mep.local", "configuration_url: must start with http:// or https://")]
    public void Validation_names_the_setting_and_says_what_to_do(string field, string value, string expected)
    {
        MqttSettings s = Valid();
        switch (field)
        {
            case "host": s.Host = value; break;
            case "port": s.Port = int.Parse(value); break;
            case "ca_file": s.CaFile = value; break;
            case "password": s.Password = value; break;
            case "client_id": s.ClientId = value; break;
            case "base_topic": s.BaseTopic = value; break;
            case "discovery_prefix": s.DiscoveryPrefix = value; break;
            case "interval_s": s.IntervalS = int.Parse(value); break;
            case "min_interval_s": s.MinIntervalS = int.Parse(value); break;
            case "keep_alive_s": s.KeepAliveS = int.Parse(value); break;
            case "configuration_url": s.ConfigurationUrl = value; break;
        }

        Assert.Equal(expected, s.Validate());
    }

    [Fact]
    public void Publish_mode_parses_only_the_two_documented_words()
    {
        MqttSettings s = Valid();
        Assert.True(s.TrySetPublishMode("on_change"));
        Assert.Equal(MqttSettings.ModeOnChange, s.PublishMode);
        Assert.Equal("on_change", s.PublishModeName);
        Assert.False(s.TrySetPublishMode("onchange"));
        Assert.True(s.TrySetPublishMode("interval"));
        Assert.Equal(MqttSettings.ModeInterval, s.PublishMode);
    }

    [Fact]
    public void Default_client_id_is_derived_from_the_device_and_never_a_fixed_string()
    {
        Assert.Equal("nesmep-a4cf12b3c4d5", MqttSettings.DefaultClientId("A4:CF:12:B3:C4:D5".Replace(":", "")));
        Assert.Equal("nesmep-raspberrypi-1a2b3c", MqttSettings.DefaultClientId("raspberrypi-1a2b3c"));
        Assert.Equal("nesmep-my-host", MqttSettings.DefaultClientId("My Host"));
        Assert.NotEqual(MqttSettings.DefaultClientId("host-a"), MqttSettings.DefaultClientId("host-b"));
        Assert.True(MqttSettings.DefaultClientId(new string('x', 200)).Length <= MqttSettings.MaxClientIdLength);
        Assert.Null(new MqttSettings { Host = "h", ClientId = MqttSettings.DefaultClientId("a.b.c") }.Validate());
    }

    [Fact]
    public void Copy_copies_every_field()
    {
        var s = new MqttSettings
        {
            Host = "h", Port = 1, Tls = true, CaFile = "ca", ClientCert = "c", ClientKey = "k", User = "u", Password = "p",
            ClientId = "id", BaseTopic = "b", DiscoveryPrefix = "d", Discovery = false, PublishMode = MqttSettings.ModeOnChange,
            IntervalS = 7, MinIntervalS = 2, KeepAliveS = 9, ConfigurationUrl = "http://x/",
        };
        MqttSettings c = s.Copy();
        foreach (var f in typeof(MqttSettings).GetFields())
        {
            if (!f.IsLiteral)
            {
                Assert.Equal(f.GetValue(s), f.GetValue(c));
            }
        }
    }

    [Fact]
    public void Topics_follow_the_base_topic_and_the_dabbler_layout()
    {
        var t = new MqttTopics(new MqttSettings { Host = "h", BaseTopic = "dabbler", DiscoveryPrefix = "ha" });
        Assert.Equal("dabbler/lwt", t.Lwt);
        Assert.Equal("dabbler/sensors/mydatajson", t.DabblerSensors);
        Assert.Equal("dabbler/meterConsumptionTotal/mydatajson", t.DabblerTotal);
        Assert.Equal("dabbler/meterConsumptionFwd/mydatajson", t.DabblerFwd);
        Assert.Equal("dabbler/meterConsumptionRev/mydatajson", t.DabblerRev);
        Assert.Equal("dabbler/frequency/mydatajson", t.DabblerFrequency);
        Assert.Equal("dabbler/availability", t.Availability);
        Assert.Equal("dabbler/state", t.State);
        Assert.Equal("ha/status", t.HaStatus);
        Assert.Equal("ha/sensor/nesmep_AB_12-3/x/config", t.DiscoveryConfig("sensor", "AB 12-3", "x"));
    }
}
