#nullable enable
using NesMep.Core.Web;
using Xunit;

namespace NesMep.Core.Tests.Web;

public class SettingsFormTests
{
    private static ModuleSettings Current() => new()
    {
        MeterKey = "ABCDEFGHIJKLMNOPQRST",
        WebPasswordHash = "pbkdf2-sha256$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==",
        Mqtt = { Host = "broker.lan", User = "u", Password = "mqtt-secret" },
        MqttEnabled = true,
    };

    private static SettingsChange Parse(string body, ModuleSettings current, FieldErrors errors, bool wifi = false) =>
        SettingsForm.Parse(FormBody.Parse(body, out _)!, current, wifi, errors);

    [Fact]
    public void A_complete_valid_form_sets_every_field()
    {
        var errors = new FieldErrors();
        ModuleSettings current = Current();
        SettingsChange c = Parse(
            "meter_key=00112233445566778899aabbccddeeff&hostname=kitchen-meter&require_api_token=1&api_token=abcdefghijklmnop1234" +
            "&mqtt_enabled=1&mqtt_host=10.0.0.2&mqtt_port=8883&mqtt_tls=1&mqtt_user=ha&mqtt_password=new-secret&mqtt_client_id=meter-1" +
            "&mqtt_base_topic=home%2Fmeter&mqtt_discovery=0&mqtt_discovery_prefix=ha&mqtt_publish_mode=on_change&mqtt_interval_s=60" +
            "&mqtt_min_interval_s=5&poll_power_ms=2000&poll_energy_ms=10000&poll_slow_ms=120000", current, errors);
        Assert.Equal(0, errors.Count);
        ModuleSettings s = c.Candidate;
        Assert.Equal("00112233445566778899aabbccddeeff", s.MeterKey);
        Assert.Equal("kitchen-meter", s.Hostname);
        Assert.True(s.RequireApiToken);
        Assert.Equal("abcdefghijklmnop1234", c.NewApiToken);
        Assert.True(s.MqttEnabled);
        Assert.Equal("10.0.0.2", s.Mqtt.Host);
        Assert.Equal(8883, s.Mqtt.Port);
        Assert.True(s.Mqtt.Tls);
        Assert.Equal("ha", s.Mqtt.User);
        Assert.Equal("new-secret", s.Mqtt.Password);
        Assert.Equal("meter-1", s.Mqtt.ClientId);
        Assert.Equal("home/meter", s.Mqtt.BaseTopic);
        Assert.False(s.Mqtt.Discovery);
        Assert.Equal("ha", s.Mqtt.DiscoveryPrefix);
        Assert.Equal("on_change", s.Mqtt.PublishModeName);
        Assert.Equal(60, s.Mqtt.IntervalS);
        Assert.Equal(5, s.Mqtt.MinIntervalS);
        Assert.Equal(2000, s.PollPowerMs);
        Assert.Equal(10000, s.PollEnergyMs);
        Assert.Equal(120000, s.PollSlowMs);

        // The current settings object is never touched.
        Assert.Equal("ABCDEFGHIJKLMNOPQRST", current.MeterKey);
        Assert.Equal("broker.lan", current.Mqtt.Host);
        Assert.Equal(1200, current.PollPowerMs);
    }

    [Fact]
    public void Empty_secret_fields_keep_the_stored_secrets()
    {
        var errors = new FieldErrors();
        SettingsChange c = Parse("meter_key=&mqtt_password=&api_token=&web_password=&hostname=esp32-mep", Current(), errors);
        Assert.Equal(0, errors.Count);
        Assert.Equal("ABCDEFGHIJKLMNOPQRST", c.Candidate.MeterKey);
        Assert.Equal("mqtt-secret", c.Candidate.Mqtt.Password);
        Assert.Null(c.NewApiToken);
        Assert.Null(c.NewWebPassword);
    }

    [Fact]
    public void An_invalid_key_gets_the_parser_message_without_the_key()
    {
        var errors = new FieldErrors();
        Parse("meter_key=too-short-key&hostname=other", Current(), errors);
        string? message = errors.MessageFor("meter_key");
        Assert.NotNull(message);
        Assert.Contains("20 characters exactly as printed", message);
        Assert.DoesNotContain("too-short-key", message);
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var errors = new FieldErrors();
        Parse("meter_key=xyz&hostname=a.b&poll_power_ms=50&poll_energy_ms=abc&mqtt_port=70000&mqtt_publish_mode=sometimes&mqtt_tls=maybe&bogus=1", Current(), errors);
        foreach (string field in new[] { "meter_key", "hostname", "poll_power_ms", "poll_energy_ms", "mqtt_port", "mqtt_publish_mode", "mqtt_tls", "bogus" })
        {
            Assert.True(errors.Has(field), field + " not reported");
        }

        Assert.Equal("unknown setting", errors.MessageFor("bogus"));
    }

    [Fact]
    public void Mqtt_checks_of_the_core_land_on_their_form_fields()
    {
        var errors = new FieldErrors();
        Parse("mqtt_enabled=1&mqtt_host=&mqtt_base_topic=%2Fbad", Current(), errors);
        Assert.Contains("broker", errors.MessageFor("mqtt_host"));

        errors = new FieldErrors();
        Parse("mqtt_enabled=1&mqtt_interval_s=5&mqtt_min_interval_s=10", Current(), errors);
        Assert.Contains("interval_s", errors.MessageFor("mqtt_min_interval_s"));

        // Switched off, half-filled MQTT settings are kept for later and not checked.
        errors = new FieldErrors();
        Parse("mqtt_enabled=0&mqtt_host=", Current(), errors);
        Assert.Equal(0, errors.Count);
    }

    [Fact]
    public void Clearing_the_mqtt_password()
    {
        var errors = new FieldErrors();
        SettingsChange c = Parse("mqtt_password_clear=1&mqtt_password=", Current(), errors);
        Assert.Equal(0, errors.Count);
        Assert.Equal("", c.Candidate.Mqtt.Password);

        errors = new FieldErrors();
        Parse("mqtt_password_clear=1&mqtt_password=both", Current(), errors);
        Assert.True(errors.Has("mqtt_password"));
    }

    [Fact]
    public void A_new_web_password_needs_confirmation_length_and_the_current_one()
    {
        var errors = new FieldErrors();
        Parse("web_password=short&web_password_confirm=other", Current(), errors);
        Assert.Contains("at least 8", errors.MessageFor("web_password"));
        Assert.Contains("does not match", errors.MessageFor("web_password_confirm"));
        Assert.Contains("current password", errors.MessageFor("current_password"));

        errors = new FieldErrors();
        SettingsChange c = Parse("web_password=long-enough-1&web_password_confirm=long-enough-1&current_password=old", Current(), errors);
        Assert.Equal(0, errors.Count);
        Assert.Equal("long-enough-1", c.NewWebPassword);
        Assert.Equal("old", c.CurrentPassword);
    }

    [Fact]
    public void Requiring_a_token_needs_one()
    {
        var errors = new FieldErrors();
        Parse("require_api_token=1", Current(), errors);
        Assert.Contains("set a token", errors.MessageFor("api_token"));

        errors = new FieldErrors();
        Parse("require_api_token=1&api_token=short", Current(), errors);
        Assert.Contains("16", errors.MessageFor("api_token"));
    }

    [Fact]
    public void WiFi_fields_exist_only_on_the_device()
    {
        var errors = new FieldErrors();
        Parse("wifi_ssid=home", Current(), errors, wifi: false);
        Assert.True(errors.Has("wifi_ssid"));

        errors = new FieldErrors();
        SettingsChange c = Parse("wifi_ssid=home&wifi_password=wpa2-passphrase", Current(), errors, wifi: true);
        Assert.Equal(0, errors.Count);
        Assert.Equal("home", c.Candidate.WifiSsid);
        Assert.Equal("wpa2-passphrase", c.Candidate.WifiPassword);

        errors = new FieldErrors();
        Parse("wifi_password=short", Current(), errors, wifi: true);
        Assert.Contains("8..63", errors.MessageFor("wifi_password"));
    }

    [Fact]
    public void Restart_is_needed_for_meter_side_settings_only()
    {
        ModuleSettings a = Current();
        ModuleSettings b = a.Copy();
        b.WebPasswordHash = "other";
        b.RequireApiToken = true;
        Assert.False(a.NeedsRestartFor(b));
        Assert.Equal("web password, API token", a.DescribeChanges(b));
        b.PollPowerMs = 5000;
        Assert.True(a.NeedsRestartFor(b));
        b = a.Copy();
        b.Mqtt.Password = "changed";
        Assert.True(a.NeedsRestartFor(b));
        Assert.Equal("MQTT", a.DescribeChanges(b));
        Assert.Equal("nothing", a.DescribeChanges(a.Copy()));
    }
}

public class SettingsJsonTests
{
    [Fact]
    public void Secrets_are_reported_as_set_never_sent()
    {
        var s = new ModuleSettings
        {
            WifiSsid = "home",
            WifiPassword = "wifi-secret-1",
            MeterKey = "ABCDEFGHIJKLMNOPQRST",
            WebPasswordHash = "pbkdf2-sha256$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==",
            ApiTokenHash = "pbkdf2-sha256$1$c2FsdHNhbHQ=$dG9rZW50b2tlbnRva2VudG9rZW4=",
            Mqtt = { Password = "mqtt-secret-1", Host = "b" },
        };
        foreach (bool wifi in new[] { true, false })
        {
            string json = SettingsJson.Build(s, wifi);
            foreach (string secret in new[] { "wifi-secret-1", "ABCDEFGHIJKLMNOPQRST", "c2FsdHNhbHQ", "mqtt-secret-1", "pbkdf2" })
            {
                Assert.DoesNotContain(secret, json);
            }

            using var doc = System.Text.Json.JsonDocument.Parse(json);
            Assert.True(doc.RootElement.GetProperty("meter_key_set").GetBoolean());
            Assert.Equal("20 ASCII characters", doc.RootElement.GetProperty("meter_key_form").GetString());
            Assert.True(doc.RootElement.GetProperty("mqtt_password_set").GetBoolean());
            Assert.True(doc.RootElement.GetProperty("web_password_set").GetBoolean());
            Assert.True(doc.RootElement.GetProperty("api_token_set").GetBoolean());
            Assert.Equal(wifi, doc.RootElement.TryGetProperty("wifi_ssid", out _));
        }
    }

    [Fact]
    public void Unset_key_has_no_form()
    {
        string json = SettingsJson.Build(new ModuleSettings(), false);
        Assert.Contains("\"meter_key_set\":false,\"meter_key_form\":null", json);
    }
}
