using NesMep.Core.Link;
using NesMep.Core.Model;
using NesMep.Core.Mqtt;
using NesMep.Core.Polling;
using NesMep.Core.Settings;
using NesMep.Core.Web;
using Xunit;

namespace NesMep.Core.Tests.Settings;

/// <summary>The descriptor table is the one place for defaults and ranges; everything else follows it.</summary>
public class SettingsTableTests
{
    [Fact]
    public void Every_setting_sits_at_its_id_with_a_unique_name_and_form_field()
    {
        Assert.Equal(SettingId.Count, SettingsTable.All.Length);
        for (int i = 0; i < SettingsTable.All.Length; i++)
        {
            Assert.Equal(i, SettingsTable.All[i].Id);
        }

        Assert.Equal(SettingsTable.All.Length, SettingsTable.All.Select(f => f.Name).Distinct().Count());
        string[] forms = SettingsTable.All.Where(f => f.Form != null).Select(f => f.Form!).ToArray();
        Assert.Equal(forms.Length, forms.Distinct().Count());
    }

    [Fact]
    public void A_new_model_holds_the_table_defaults_and_they_pass_validation()
    {
        var s = new ModuleSettings();
        foreach (SettingField f in SettingsTable.All)
        {
            Assert.Equal(f.DefaultValueText, SettingValues.Get(s, f));
        }

        Assert.Null(SettingsValidator.FirstError(s, true));
    }

    [Fact]
    public void The_settings_classes_take_their_defaults_from_the_table()
    {
        Assert.Equal(SettingsTable.PollPowerMs.DefaultInt, new PollSettings().PowerIntervalMs);
        Assert.Equal(SettingsTable.LinkResponseTimeoutMs.DefaultInt, new LinkSettings().ResponseTimeoutMs);
        Assert.Equal(SettingsTable.QualityMainFuseA.DefaultInt, new QualitySettings().MainFuseAmps);
        Assert.Equal(SettingsTable.MqttIntervalS.DefaultInt, new MqttSettings().IntervalS);
        Assert.Equal(SettingsTable.MqttBaseTopic.DefaultText, new MqttSettings().BaseTopic);
    }

    [Fact]
    public void Range_messages_name_the_field_what_is_wrong_and_the_allowed_range()
    {
        var s = new ModuleSettings();
        s.Poll.PowerIntervalMs = 50;
        Assert.Equal("poll.power_interval_ms: must be 200..3600000 ms", SettingsValidator.FirstError(s, true));
        Assert.Equal("poll.power_interval_ms: must be 200..3600000 ms", s.Poll.Validate());

        var q = new QualitySettings { Phases = 4 };
        Assert.Equal("quality.phases: must be 1..3", q.Validate());
        var l = new LinkSettings { AuthBackoffMinMs = 5000, AuthBackoffMaxMs = 4000 };
        Assert.Equal("link.auth_backoff_max_ms: must be at least auth_backoff_min_ms (5000 ms)", l.Validate());
    }

    [Fact]
    public void Board_profile_custom_needs_its_pins_and_pins_must_differ()
    {
        var s = new ModuleSettings { BoardProfile = 2 };
        Assert.Equal("board.profile: custom needs rx_pin, tx_pin and enable_pin", SettingsValidator.FirstError(s, true));
        s.RxPin = 16;
        s.TxPin = 17;
        s.EnablePin = 17;
        Assert.Equal("board.enable_pin: must differ from the other pins", SettingsValidator.FirstError(s, true));
        s.EnablePin = 4;
        s.SupplyPin = 5;
        Assert.Null(SettingsValidator.FirstError(s, true));
        Assert.Equal("board.rx_pin: must be -1..48 (-1: the profile's pin)", Set(s, "board.rx_pin", "49"));
    }

    [Fact]
    public void The_status_LED_pin_is_none_by_default_and_must_not_share_a_meter_pin()
    {
        var s = new ModuleSettings();
        Assert.Equal(-1, s.LedPin); // neither module documents an LED
        Assert.Null(Set(s, "board.led_pin", "2"));
        Assert.Equal(2, s.LedPin);
        Assert.Null(SettingsValidator.FirstError(s, true));
        s.BoardProfile = 2;
        s.RxPin = 16;
        s.TxPin = 17;
        s.EnablePin = 4;
        s.SupplyPin = 2;
        Assert.Equal("board.led_pin: must differ from rx_pin, tx_pin, enable_pin and supply_pin", SettingsValidator.FirstError(s, true));
        Assert.Equal("board.led_pin: must be -1..48 (-1: none)", Set(s, "board.led_pin", "49"));
    }

    [Fact]
    public void Device_settings_are_part_of_the_model()
    {
        var s = new ModuleSettings();
        Assert.Null(SettingValues.Set(s, SettingsTable.QualityMainFuseA, "25"));
        Assert.Null(SettingValues.Set(s, SettingsTable.QualityPhases, "1"));
        Assert.Null(SettingValues.Set(s, SettingsTable.TimeServers, "ntp1.lan, 192.168.1.1"));
        Assert.Null(SettingValues.Set(s, SettingsTable.LogLevel, "debug"));
        Assert.Null(SettingValues.Set(s, SettingsTable.BoardProfile, "ustepper"));
        Assert.Equal(25, s.ToQualitySettings().MainFuseAmps);
        Assert.Equal(1, s.ToQualitySettings().Phases);
        Assert.Equal(NesMep.Core.Platform.LogLevel.Debug, s.LogLevel);
        Assert.Equal("each server: use a host name (letters, digits, '-' and dots), an IPv4 or an IPv6 address", SettingValues.Set(s, SettingsTable.TimeServers, "a b"));
        Assert.Equal("at most 3 servers, separated by commas", SettingValues.Set(s, SettingsTable.TimeServers, "a,b,c,d"));
        Assert.Equal("use dabbler, ustepper or custom", SettingValues.Set(s, SettingsTable.BoardProfile, "esp"));
    }

    [Fact]
    public void The_mappings_are_copies_with_the_model_values()
    {
        var s = new ModuleSettings();
        s.Poll.PowerIntervalMs = 3000;
        s.Link.ResponseTimeoutMs = 700;
        s.Quality.StaleAfterMs = 12000;
        s.Mqtt.IntervalS = 42;
        PollSettings p = s.ToPollSettings();
        LinkSettings l = s.ToLinkSettings();
        QualitySettings q = s.ToQualitySettings();
        MqttSettings m = s.ToMqttSettings();
        Assert.Equal((3000, 700, 12000, 42), (p.PowerIntervalMs, l.ResponseTimeoutMs, q.StaleAfterMs, m.IntervalS));
        p.PowerIntervalMs = 1;
        l.ResponseTimeoutMs = 1;
        m.IntervalS = 1;
        Assert.Equal((3000, 700, 42), (s.Poll.PowerIntervalMs, s.Link.ResponseTimeoutMs, s.Mqtt.IntervalS));
    }

    [Fact]
    public void Changes_are_described_by_group_and_restart_follows_the_table_flag()
    {
        var a = new ModuleSettings();
        ModuleSettings b = a.Copy();
        Assert.Equal("nothing", a.DescribeChanges(b));
        b.Quality.MainFuseAmps = 25;
        b.Poll.SlowIntervalMs = 120000;
        b.Poll.PowerIntervalMs = 2000;
        Assert.Equal("poll schedule, quality limits", a.DescribeChanges(b));
        Assert.True(a.NeedsRestartFor(b));
        ModuleSettings c = a.Copy();
        c.WebPasswordHash = "x";
        Assert.False(a.NeedsRestartFor(c));
    }

    private static string? Set(ModuleSettings s, string name, string value)
    {
        SettingField f = SettingsTable.Find(SettingsTable.All, name)!;
        string? e = SettingValues.Set(s, f, value);
        return e == null ? null : name + ": " + e;
    }
}
