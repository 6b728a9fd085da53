using System.Text;
using FsCheck;
using FsCheck.Fluent;
using NesMep.Core.Settings;
using NesMep.Core.Web;
using Xunit;

namespace NesMep.Core.Tests.Settings;

/// <summary>The versioned settings text: round trips, escaping, and what a damaged file does.</summary>
public class SettingsCodecTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    /// <summary>Text any free-text setting accepts: no control characters, with '=', '\', '#', spaces and non-ASCII.</summary>
    private static Gen<string> FreeText(int max) =>
        from n in Gen.Choose(0, Math.Min(max, 40))
        from cs in Gen.ArrayOf(Gen.Elements("aZ09 =\\#.:/-_\"'é€😀ø\u00a0".ToCharArray().Concat("=\\".ToCharArray()).ToArray()), n)
        let s = new string(cs)
        where TextSetting.Check(s, max) == null
        select s;

    /// <summary>A model with a random allowed value in every setting that has no special form.</summary>
    private static Gen<ModuleSettings> Models()
    {
        Gen<ModuleSettings> g = Gen.Constant(0).Select(_ => new ModuleSettings());
        foreach (SettingField f in SettingsTable.All)
        {
            SettingField field = f;
            if (field.Kind == SettingField.KindText)
            {
                if (field.Rule != SettingRule.None)
                {
                    continue; // host names, keys, hashes: covered by the fixed examples below
                }

                g = from s in g from t in FreeText(field.Max) select With(s, field, t);
            }
            else
            {
                int max = field.Kind == SettingField.KindInt ? field.Max : field.Kind == SettingField.KindBool ? 1 : field.Choices!.Length - 1;
                int min = field.Kind == SettingField.KindInt ? field.Min : 0;
                g = from s in g from v in Gen.Choose(min, max) select With(s, field, field.IntToText(v));
            }
        }

        return g;
    }

    private static ModuleSettings With(ModuleSettings s, SettingField f, string text)
    {
        Assert.Null(SettingValues.Set(s, f, text));
        return s;
    }

    [Fact]
    public void Every_model_round_trips_through_the_text()
    {
        Prop.ForAll(Arb.From(Models()), s =>
        {
            string text = SettingsCodec.Write(s, 0, 0, null);
            var back = new ModuleSettings();
            var problems = new FieldErrors();
            Assert.Null(SettingsCodec.Read(text, back, problems, new int[SettingId.Count]));
            Assert.Equal(0, problems.Count);
            foreach (SettingField f in SettingsTable.All)
            {
                Assert.Equal(SettingValues.Get(s, f), SettingValues.Get(back, f));
            }

            return SettingsCodec.Write(back, 0, 0, null) == text;
        }).Check(Runs);
    }

    [Fact]
    public void Escaping_keeps_any_string_on_one_ascii_line_without_equals_signs()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, 0xFFFF).Select(i => (char)i).ArrayOf().Select(a => new string(a))), s =>
        {
            var sb = new StringBuilder();
            SettingsCodec.AppendEscaped(sb, s);
            string escaped = sb.ToString();
            return escaped.All(c => c >= ' ' && c <= '~' && c != '=') && SettingsCodec.Unescape(escaped) == s;
        }).Check(Runs);
    }

    [Fact]
    public void Any_text_never_throws_and_never_puts_a_value_its_setting_refuses_into_the_model()
    {
        Gen<string> lines = Gen.OneOf(
            Gen.Elements(SettingsTable.All.Select(f => f.Name).ToArray()).SelectMany(n => FreeText(20).Select(v => n + "=" + v)),
            Gen.Elements(SettingsTable.All.Select(f => f.Name).ToArray()).SelectMany(n => Gen.Choose(-100000, 100000000).Select(v => n + "=" + v)),
            Gen.Elements("", "#x", "=", "a.b=c", "poll.power_interval_ms", "mqtt.host=\\u00", "mqtt.user=\\uZZZZ", "\r", "web.hostname=a\\\\b"));
        Gen<string> files = from header in Gen.Elements("nesmep-settings 1", "nesmep-settings 2", "nesmep-settings x", "garbage", "")
                            from body in lines.ListOf()
                            select header + "\n" + string.Join("\n", body);
        Prop.ForAll(Arb.From(files), text =>
        {
            var s = new ModuleSettings();
            var problems = new FieldErrors();
            string? fatal = SettingsCodec.Read(text, s, problems, new int[SettingId.Count]);
            foreach (SettingField f in SettingsTable.All)
            {
                string value = SettingValues.Get(s, f);
                var probe = new ModuleSettings();
                Assert.Null(SettingValues.Set(probe, f, value)); // whatever got in is allowed for its setting
            }

            return fatal == null || problems.Count == 0;
        }).Check(Runs);
    }

    [Fact]
    public void The_file_starts_with_its_version_and_holds_one_line_per_setting()
    {
        var s = new ModuleSettings { Hostname = "kitchen" };
        s.Mqtt.Password = "p=w\\d é";
        string text = SettingsCodec.Write(s, 0, 0, null);
        string[] lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal("nesmep-settings 1", lines[0]);
        Assert.Equal(SettingsTable.All.Length + 1, lines.Length);
        Assert.Contains("web.hostname=kitchen", lines);
        Assert.Contains("mqtt.password=p\\u003dw\\\\d \\u00e9", lines);
        Assert.Contains("poll.power_interval_ms=1200", lines);
        Assert.Contains("mqtt.publish_mode=interval", lines);
    }

    [Fact]
    public void Only_the_flagged_settings_are_written_when_asked()
    {
        string text = SettingsCodec.Write(new ModuleSettings(), SettingField.Ui, SettingField.DeviceOnly, SettingsTable.MeterKey);
        Assert.Contains("poll.power_interval_ms=", text);
        Assert.Contains("web.password_hash=", text);
        Assert.DoesNotContain("meter.key", text);
        Assert.DoesNotContain("wifi.", text);
        Assert.DoesNotContain("link.", text);
    }

    [Theory]
    [InlineData("nesmep-settings 1\npoll.power_interval_ms=50", "poll.power_interval_ms", "line 2: poll.power_interval_ms: must be 200..3600000 ms; using \"1200\"")]
    [InlineData("nesmep-settings 1\n\nweb.colour=blue", "line 3", "line 3: unknown setting web.colour")]
    [InlineData("nesmep-settings 1\nmqtt.tls=maybe", "mqtt.tls", "line 2: mqtt.tls: use true or false; using \"false\"")]
    [InlineData("nesmep-settings 1\nmqtt.password=\\u12", "mqtt.password", "line 2: mqtt.password: broken \\ escape; using the default")]
    [InlineData("nesmep-settings 1\nno equals sign", "line 2", "line 2: not a section.key=value line")]
    [InlineData("nesmep-settings 1\nweb.hostname=a\nweb.hostname=b", "web.hostname", "line 3: web.hostname again (first on line 2); the first one is used")]
    public void A_bad_line_names_the_setting_and_the_line_and_the_rest_is_used(string text, string field, string message)
    {
        var s = new ModuleSettings();
        var problems = new FieldErrors();
        Assert.Null(SettingsCodec.Read(text + "\nquality.phases=1\n", s, problems, new int[SettingId.Count]));
        Assert.Equal(message, problems.MessageFor(field));
        Assert.Equal(1, s.Quality.Phases);
    }

    [Theory]
    [InlineData("{ \"meter\": {} }", "line 1: not a NesMep settings file (it must start with \"nesmep-settings 1\")")]
    [InlineData("nesmep-settings 7\npoll.power_interval_ms=2000", "line 1: written by a newer NesMep (format 7; this one reads 1)")]
    public void A_file_this_version_cannot_read_is_not_applied_at_all(string text, string reason)
    {
        var s = new ModuleSettings();
        Assert.Equal(reason, SettingsCodec.Read(text, s, new FieldErrors(), new int[SettingId.Count]));
        Assert.Equal(1200, s.Poll.PowerIntervalMs);
    }

    [Fact]
    public void Windows_line_ends_and_comments_are_accepted()
    {
        var s = new ModuleSettings();
        var problems = new FieldErrors();
        Assert.Null(SettingsCodec.Read("nesmep-settings 1\r\n# hand edit\r\npoll.power_interval_ms=2000\r\n", s, problems, new int[SettingId.Count]));
        Assert.Equal(0, problems.Count);
        Assert.Equal(2000, s.Poll.PowerIntervalMs);
    }
}
