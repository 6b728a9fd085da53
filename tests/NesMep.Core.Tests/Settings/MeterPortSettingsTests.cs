using NesMep.Core.Link;
using NesMep.Core.Module;
using NesMep.Core.Platform;
using NesMep.Core.Protocol;
using NesMep.Core.Settings;
using NesMep.Core.Tests.Support;
using NesMep.Core.Web;
using Xunit;

namespace NesMep.Core.Tests.Settings;

/// <summary>meter.port, optical.key and optical.baud (issue 13 items 3 and 5): one table row each, a secret kept secret.</summary>
public class MeterPortSettingsTests
{
    private const string Password = "Optical-Pass-20chars";

    [Fact]
    public void Defaults_are_the_MEP_port_no_optical_key_and_9600_baud()
    {
        var s = new ModuleSettings();
        Assert.Equal(LinkKind.Mep, s.MeterPortName);
        Assert.Equal("", s.OpticalKey);
        Assert.Equal(9600, s.OpticalBaud);
        Assert.True(SettingsTable.OpticalKey.Has(SettingField.Secret));
        Assert.True(SettingsTable.MeterPort.Has(SettingField.Restart));
        Assert.Equal(new[] { "mep", "optical" }, SettingsTable.MeterPort.Choices);
    }

    [Fact]
    public void The_active_key_follows_the_port()
    {
        var s = new ModuleSettings { MeterKey = "ABCDEFGHIJKLMNOPQRST", OpticalKey = Password };
        Assert.Equal("ABCDEFGHIJKLMNOPQRST", s.ActiveKey);
        Assert.Null(SettingValues.Set(s, SettingsTable.MeterPort, "optical"));
        Assert.Equal(LinkKind.Optical, s.MeterPortName);
        Assert.Equal(Password, s.ActiveKey);
        Assert.NotNull(SettingValues.Set(s, SettingsTable.MeterPort, "infrared"));
    }

    [Fact]
    public void A_bad_optical_key_is_refused_by_name_without_its_value()
    {
        var s = new ModuleSettings { OpticalKey = "too-short-key" };
        string? error = SettingsValidator.FirstError(s, true);
        Assert.NotNull(error);
        Assert.StartsWith("optical.key: ", error);
        Assert.DoesNotContain("too-short-key", error);
        s.OpticalKey = "00112233445566778899aabbccddeeff00112233";
        Assert.Null(SettingsValidator.FirstError(s, true));
    }

    [Fact]
    public void The_settings_file_round_trips_the_port_and_the_key()
    {
        var s = new ModuleSettings { OpticalKey = Password, OpticalBaud = 19200 };
        SettingValues.Set(s, SettingsTable.MeterPort, "optical");
        string text = SettingsCodec.Write(s, 0, 0, null);
        Assert.Contains("meter.port=optical\n", text);
        Assert.Contains("optical.baud=19200\n", text);

        var back = new ModuleSettings();
        var problems = new FieldErrors();
        Assert.Null(SettingsCodec.Read(text, back, problems, new int[SettingId.Count]));
        Assert.Equal(0, problems.Count);
        Assert.Equal((LinkKind.Optical, Password, 19200), (back.MeterPortName, back.OpticalKey, back.OpticalBaud));
    }

    [Fact]
    public void Settings_json_says_whether_the_optical_key_is_set_and_its_form_never_the_key()
    {
        var s = new ModuleSettings { OpticalKey = Password };
        string json = SettingsJson.Build(s, false);
        Assert.Contains("\"meter_port\":\"mep\"", json);
        Assert.Contains("\"optical_key_set\":true", json);
        Assert.Contains("\"optical_key_form\":\"20 ASCII characters\"", json);
        Assert.Contains("\"meter_port\":{\"default\":\"mep\",\"choices\":[\"mep\",\"optical\"]}", json);
        Assert.DoesNotContain(Password, json);
        Assert.Contains("\"optical_key_set\":false", SettingsJson.Build(new ModuleSettings(), false));
    }

    [Fact]
    public void The_web_form_sets_the_port_and_keeps_the_optical_key_when_its_field_is_empty()
    {
        var current = new ModuleSettings { OpticalKey = Password };
        var errors = new FieldErrors();
        ModuleSettings next = SettingsForm.Parse(FormBody.Parse("meter_port=optical&optical_key=", out _)!, current, false, errors).Candidate;
        Assert.True(errors.Count == 0, errors.Count > 0 ? errors.Message(0) : "");
        Assert.Equal((LinkKind.Optical, Password), (next.MeterPortName, next.OpticalKey));

        errors = new FieldErrors();
        SettingsForm.Parse(FormBody.Parse("optical_key=" + Uri.EscapeDataString("  00112233445566778899aabbccddeeff0011223  "), out _)!, current, false, errors);
        Assert.True(errors.Has("optical_key"));
        Assert.DoesNotContain("0011223", errors.Message(0));
        Assert.True(current.NeedsRestartFor(next));
        Assert.Equal("meter port", current.DescribeChanges(next));
    }

    [Fact]
    public void The_port_selects_the_link_the_meter_side_builds()
    {
        var clock = new VirtualClock();
        var key = MepKey.Parse("ABCDEFGHIJKLMNOPQRST");
        var meter = new ScriptedMeter(clock, key, 1);
        var s = new ModuleSettings();
        Assert.IsType<MepLink>(MeterLinks.Build(s, meter, meter, key, clock, NullLog.Instance));

        SettingValues.Set(s, SettingsTable.MeterPort, "optical");
        ITableService optical = MeterLinks.Build(s, meter, meter, key, clock, NullLog.Instance);
        Assert.IsType<NesMep.Core.Optical.C1218Link>(optical);
        Assert.Equal(LinkKind.Optical, optical.LinkName);

        s.OpticalKey = "not-a-key";
        var e = Assert.Throws<ArgumentException>(() => MeterLinks.Build(s, meter, meter, key, clock, NullLog.Instance));
        Assert.StartsWith("optical.key: ", e.Message);
        Assert.DoesNotContain("not-a-key", e.Message);
    }
}
