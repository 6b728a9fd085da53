using System.Text;
using NesMep.Core.Settings;
using NesMep.Core.Storage;
using NesMep.Core.Web;
using Xunit;

namespace NesMep.Core.Tests.Settings;

/// <summary>The settings file through SafeFileStore: a file with problems is kept, reported and used where it can be trusted.</summary>
public class SettingsStoreTests
{
    private sealed class MemoryFs : IFileSystem
    {
        public Dictionary<string, byte[]> Files { get; } = new();

        public bool Exists(string path) => Files.ContainsKey(path);

        public byte[] ReadAll(string path) => (byte[])Files[path].Clone();

        public void WriteAll(string path, byte[] data) => Files[path] = (byte[])data.Clone();

        public void Delete(string path) => Files.Remove(path);

        public void Move(string from, string to)
        {
            Assert.False(Files.ContainsKey(to));
            Files[to] = Files[from];
            Files.Remove(from);
        }

        public string Text(string path) => Encoding.UTF8.GetString(Files[path]);
    }

    [Fact]
    public void Saved_settings_load_back()
    {
        var fs = new MemoryFs();
        var store = new SettingsStore(fs, "I:/settings");
        var s = new ModuleSettings { WifiSsid = "home", MeterKey = "ABCDEFGHIJKLMNOPQRST" };
        s.Poll.EnergyIntervalMs = 10000;
        Assert.Null(store.Save(s, 0, 0, null));
        var loaded = new ModuleSettings();
        Assert.Equal(0, store.Load(loaded).Count);
        Assert.Equal(SettingsCodec.Write(s, 0, 0, null), SettingsCodec.Write(loaded, 0, 0, null));
        Assert.Null(store.KeptCopy);
    }

    [Fact]
    public void A_file_with_problems_is_kept_as_a_copy_before_anything_can_overwrite_it()
    {
        var fs = new MemoryFs();
        string text = "nesmep-settings 1\nmqtt.interval_s=99999\nweb.hostname=garage\n";
        fs.WriteAll("I:/settings", Encoding.UTF8.GetBytes(text));
        var store = new SettingsStore(fs, "I:/settings");
        var s = new ModuleSettings();
        FieldErrors problems = store.Load(s);
        Assert.Equal("line 2: mqtt.interval_s: must be 1..3600 seconds; using \"10\"", problems.MessageFor("mqtt.interval_s"));
        Assert.Equal("garage", s.Hostname);
        Assert.Equal("I:/settings.rejected", store.KeptCopy);
        Assert.Equal(text, fs.Text("I:/settings.rejected"));

        Assert.Null(store.Save(s, 0, 0, null));
        Assert.Equal(text, fs.Text("I:/settings.rejected"));

        // Another damaged version later gets its own copy; the first one stays.
        string second = "nesmep-settings 1\nquality.phases=9\n";
        fs.WriteAll("I:/settings", Encoding.UTF8.GetBytes(second));
        store.Load(new ModuleSettings());
        Assert.Equal("I:/settings.rejected2", store.KeptCopy);
        Assert.Equal(text, fs.Text("I:/settings.rejected"));
    }

    [Fact]
    public void A_file_that_is_not_a_settings_file_applies_nothing_and_is_kept()
    {
        var fs = new MemoryFs();
        fs.WriteAll("I:/settings", Encoding.UTF8.GetBytes("poll.power_interval_ms=2000\n"));
        var store = new SettingsStore(fs, "I:/settings");
        var s = new ModuleSettings();
        FieldErrors problems = store.Load(s);
        Assert.StartsWith("line 1: not a NesMep settings file", problems.MessageFor("file"));
        Assert.EndsWith("; nothing in it was used", problems.MessageFor("file"));
        Assert.Equal(1200, s.Poll.PowerIntervalMs);
        Assert.True(fs.Exists("I:/settings.rejected"));
        Assert.True(fs.Exists("I:/settings"));
    }

    [Fact]
    public void A_setting_that_breaks_a_rule_between_settings_is_not_used()
    {
        var fs = new MemoryFs();
        fs.WriteAll("I:/settings", Encoding.UTF8.GetBytes("nesmep-settings 1\nmqtt.enabled=true\nmqtt.host=broker\nmqtt.password=secret\nmqtt.min_interval_s=60\n"));
        var store = new SettingsStore(fs, "I:/settings");
        var s = new ModuleSettings();
        FieldErrors problems = store.Load(s);
        Assert.Equal("line 4: mqtt.password: give user too (MQTT 3.1.1 has no password without a user name); not used", problems.MessageFor("mqtt.password"));
        Assert.Equal("line 5: mqtt.min_interval_s: must be 0..interval_s (10) seconds; not used", problems.MessageFor("mqtt.min_interval_s"));
        Assert.Equal("", s.Mqtt.Password);
        Assert.Equal(1, s.Mqtt.MinIntervalS);
        Assert.Equal("broker", s.Mqtt.Host);
        Assert.Null(SettingsValidator.FirstError(s, true));
    }
}
