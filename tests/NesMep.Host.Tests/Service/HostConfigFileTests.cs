using NesMep.Host.Service;
using NesMep.Host.Tests.Mqtt;
using Xunit;

namespace NesMep.Host.Tests.Service;

/// <summary>Config file edge cases: every mistake is a <see cref="ConfigError"/> naming the setting, never a crash.</summary>
public class HostConfigFileTests
{
    [Theory]
    [InlineData("{ \"quality\": { \"stale_after_s\": 3000000 } }", "quality.stale_after_s: must be 1..3600 seconds")]
    [InlineData("{ \"quality\": { \"stale_after_s\": -3000000 } }", "quality.stale_after_s: must be 1..3600 seconds")]
    [InlineData("{ \"meter\": { \"baud\": 99999999999 } }", "meter.baud: must be a whole number")]
    [InlineData("{ \"meter\": { \"baud\": \"9600\" } }", "meter.baud: must be a whole number")]
    [InlineData("{ \"meter\": { \"key\": 5 } }", "meter.key: must be a string")]
    [InlineData("{ \"web\": { \"require_api_token\": \"yes\" } }", "web.require_api_token: must be true or false")]
    [InlineData("{ \"web\": { \"password\": \"x\" } }", "unknown setting web.password")]
    [InlineData("{ \"web\": [] }", "web: must be an object")]
    public void Wrong_values_are_config_errors_naming_the_setting(string json, string expected)
    {
        using var dir = new TempDir();
        var e = Assert.Throws<ConfigError>(() => HostConfigFile.Load(dir.Write("c.json", json), new HostConfig()));
        Assert.Equal(expected, e.Message);
    }

    [Theory]
    [InlineData("{ \"wifi\": {} }", "unknown settings section wifi")]
    [InlineData("{ \"wifi\": { \"ssid\": \"x\" } }", "unknown settings section wifi")]
    [InlineData("{ \"wifi\": [] }", "unknown settings section wifi")]
    [InlineData("{ \"meter\": {}, \"Mqtt\": {} }", "unknown settings section Mqtt")]
    [InlineData("{ \"bad\\nINFO forged\": {} }", "unknown settings section bad\\nINFO forged")]
    public void An_unknown_section_is_refused_even_when_empty_and_named(string json, string expected)
    {
        using var dir = new TempDir();
        var e = Assert.Throws<ConfigError>(() => HostConfigFile.Load(dir.Write("c.json", json), new HostConfig()));
        Assert.StartsWith(expected + "; use meter, http, log", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Theory]
    [InlineData("mqtt", "user")]
    [InlineData("mqtt", "password")]
    [InlineData("mqtt", "host")]
    [InlineData("meter", "serial")]
    [InlineData("meter", "tcp")]
    [InlineData("http", "listen")]
    [InlineData("web", "hostname")]
    public void Control_characters_in_any_text_setting_of_the_file_are_refused(string section, string name)
    {
        using var dir = new TempDir();
        string json = "{ \"" + section + "\": { \"" + name + "\": \"ok\\nINFO forged line\" } }";
        var e = Assert.Throws<ConfigError>(() => HostConfigFile.Load(dir.Write("c.json", json), new HostConfig()));
        Assert.Equal(section + "." + name + ": no control characters (line breaks, tabs, …)", e.Message);
    }

    [Fact]
    public void A_host_with_a_port_in_the_file_is_refused_by_the_shared_check()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<ConfigError>(() => HostConfigFile.Load(dir.Write("c.json", "{ \"mqtt\": { \"host\": \"127.0.0.1:1883\" } }"), new HostConfig()));
        Assert.Equal("mqtt.host: give the host only; the port has its own setting", e.Message);
        Assert.Equal("mqtt.host: give the host only; the port has its own setting", new HostConfig { Mqtt = new() { Host = "127.0.0.1:1883" } }.Validate());
    }

    [Theory]
    [InlineData("{ \"meter\": { \"baud\": 9600, \"baud\": 19200 } }")]
    [InlineData("{ \"meter\": { \"baud\": 9600 }, \"meter\": { \"source\": \"simulator\" } }")]
    [InlineData("{ \"mqtt\": { \"host\": \"a\" }, \"mqtt\": { \"host\": \"b\" } }")]
    public void A_setting_or_section_given_twice_is_an_error_not_a_silent_last_wins(string json)
    {
        using var dir = new TempDir();
        var e = Assert.Throws<ConfigError>(() => HostConfigFile.Load(dir.Write("c.json", json), new HostConfig()));
        Assert.Contains("is not valid JSON", e.Message);
        Assert.Contains("Duplicate", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void The_web_section_is_read()
    {
        using var dir = new TempDir();
        var c = new HostConfig();
        HostConfigFile.Load(dir.Write("c.json", "{ \"web\": { \"hostname\": \"meter-pi\", \"require_api_token\": false } }"), c);
        Assert.Equal("meter-pi", c.Web.Hostname);
        Assert.Null(c.Validate());
    }

    [Theory]
    [InlineData("127.0.0.1:0", null)]
    [InlineData("0.0.0.0:8080", null)]
    [InlineData("localhost:8080", null)]
    [InlineData("[::1]:8080", null)]
    [InlineData("999.1.1.1:8080", "http.listen")] // Kestrel would bind every interface for it
    [InlineData("meter.example:8080", "http.listen")]
    [InlineData("127.0.0.1:70000", "http.listen")]
    public void Http_listen_takes_an_ip_address_so_a_typo_never_opens_every_interface(string listen, string? error)
    {
        string? result = new HostConfig { HttpListen = listen }.Validate();
        if (error == null)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.StartsWith(error + ":", result);
        }
    }

    [Fact]
    public void Tcp_serial_server_port_0_is_a_settings_error()
    {
        var c = new HostConfig { Source = MeterSource.Tcp, TcpEndpoint = "127.0.0.1:0", Key = HostConfig.SimulatorDemoKey };
        Assert.StartsWith("meter.tcp:", c.Validate());
        c.TcpEndpoint = "127.0.0.1:3001";
        Assert.Null(c.Validate());
    }

    [Theory]
    [InlineData("poll", "power_interval_ms", "50", "poll_power_ms")]
    [InlineData("mqtt", "interval_s", "0", "mqtt_interval_s")]
    [InlineData("mqtt", "port", "70000", "mqtt_port")]
    public void The_config_file_and_the_web_form_refuse_a_value_in_the_same_words(string section, string key, string value, string formField)
    {
        using var dir = new TempDir();
        var e = Assert.Throws<ConfigError>(() => HostConfigFile.Load(dir.Write("c.json", "{ \"" + section + "\": { \"" + key + "\": " + value + " } }"), new HostConfig()));
        var errors = new NesMep.Core.Web.FieldErrors();
        NesMep.Core.Web.SettingsForm.Parse(NesMep.Core.Web.FormBody.Parse(formField + "=" + value, out _)!, new NesMep.Core.Web.ModuleSettings(), false, errors);
        Assert.Equal(section + "." + key + ": " + errors.MessageFor(formField), e.Message);
    }

    [Fact]
    public void Older_log_level_words_still_load()
    {
        using var dir = new TempDir();
        var c = new HostConfig();
        HostConfigFile.Load(dir.Write("c.json", "{ \"log\": { \"level\": \"WARN\" } }"), c);
        Assert.Equal(NesMep.Core.Platform.LogLevel.Warning, c.LogLevel);
    }
}
