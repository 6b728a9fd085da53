#nullable enable
using NesMep.Core.Mqtt;
using NesMep.Core.Web;
using Xunit;

namespace NesMep.Core.Tests.Web;

/// <summary>Free-text settings (issue 14 item 4): no control characters, bounded length, messages per field.</summary>
public class TextSettingTests
{
    private static ModuleSettings Current() => new()
    {
        Mqtt = { Host = "broker.lan", User = "u", Password = "mqtt-secret" },
        MqttEnabled = true,
    };

    private static SettingsChange Parse(string body, ModuleSettings current, FieldErrors errors, bool wifi = false) =>
        SettingsForm.Parse(FormBody.Parse(body, out _)!, current, wifi, errors);

    [Theory]
    [InlineData("mqtt_user=ha%0A2026-01-01T00%3A00%3A00.000Z%20ERROR%20forged", "mqtt_user")]
    [InlineData("mqtt_user=ha%0Dx", "mqtt_user")]
    [InlineData("mqtt_user=a%09b", "mqtt_user")]
    [InlineData("mqtt_user=a%C2%85b", "mqtt_user")] // U+0085, a C1 line break
    [InlineData("mqtt_user=a%E2%80%A8b", "mqtt_user")] // U+2028 line separator
    [InlineData("mqtt_password=pa%0Ass", "mqtt_password")]
    [InlineData("wifi_ssid=home%0Anet", "wifi_ssid")]
    [InlineData("web_password=abcdefgh%0Aijk&web_password_confirm=abcdefgh%0Aijk&current_password=x", "web_password")]
    public void Control_characters_in_a_text_setting_are_refused_with_a_field_message(string body, string field)
    {
        var errors = new FieldErrors();
        ModuleSettings current = Current();
        SettingsChange change = Parse(body, current, errors, wifi: true);
        Assert.Equal("no control characters (line breaks, tabs, …)", errors.MessageFor(field));
        Assert.Equal("u", change.Candidate.Mqtt.User);
        Assert.Equal("mqtt-secret", change.Candidate.Mqtt.Password);
        Assert.Equal("", change.Candidate.WifiSsid);
    }

    [Fact]
    public void Mqtt_user_and_password_have_a_length_limit_in_the_form_and_in_the_shared_check()
    {
        var errors = new FieldErrors();
        string longUser = new string('u', MqttSettings.MaxUserLength + 1);
        string longPassword = new string('p', MqttSettings.MaxPasswordLength + 1);
        SettingsChange change = Parse("mqtt_user=" + longUser + "&mqtt_password=" + longPassword, Current(), errors);
        Assert.Equal("at most " + MqttSettings.MaxUserLength + " characters", errors.MessageFor("mqtt_user"));
        Assert.Equal("at most " + MqttSettings.MaxPasswordLength + " characters", errors.MessageFor("mqtt_password"));
        Assert.Equal("u", change.Candidate.Mqtt.User);

        errors = new FieldErrors();
        change = Parse("mqtt_user=" + new string('u', MqttSettings.MaxUserLength) + "&mqtt_password=" + new string('p', MqttSettings.MaxPasswordLength), Current(), errors);
        Assert.Equal(0, errors.Count);

        // The same limits hold for the config file and --mqtt, which use MqttSettings.Validate.
        Assert.Equal("user: at most " + MqttSettings.MaxUserLength + " characters", new MqttSettings { Host = "b", User = longUser }.Validate());
        Assert.Equal("password: at most " + MqttSettings.MaxPasswordLength + " characters", new MqttSettings { Host = "b", User = "u", Password = longPassword }.Validate());
        Assert.Equal("user: no control characters (line breaks, tabs, …)", new MqttSettings { Host = "b", User = "a\nb" }.Validate());
        Assert.Equal("ca_file: no control characters (line breaks, tabs, …)", new MqttSettings { Host = "b", Tls = true, CaFile = "/x\r/ca.pem" }.Validate());
    }

    [Fact]
    public void Messages_never_quote_the_refused_value()
    {
        var errors = new FieldErrors();
        Parse("mqtt_password=hunter2%0A&mqtt_user=someone%0A", Current(), errors);
        string json = errors.ToJson("invalid");
        Assert.DoesNotContain("hunter2", json);
        Assert.DoesNotContain("someone", json);
    }

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("a\nb", "a\\nb")]
    [InlineData("a\r\nb\tc", "a\\r\\nb\\tc")]
    [InlineData("x\u0000y\u001bz\u007f", "x\\u0000y\\u001bz\\u007f")]
    [InlineData("nl\u0085ls\u2028ps\u2029", "nl\\u0085ls\\u2028ps\\u2029")]
    [InlineData("ünïcödé ok", "ünïcödé ok")]
    public void Escape_writes_every_control_character_as_an_escape(string text, string expected)
    {
        Assert.Equal(expected, TextSetting.Escape(text));
    }

    [Fact]
    public void Escape_returns_clean_text_unchanged_without_a_copy()
    {
        string clean = "mqtt: connected to mqtt://broker:1883";
        Assert.Same(clean, TextSetting.Escape(clean));
    }
}
