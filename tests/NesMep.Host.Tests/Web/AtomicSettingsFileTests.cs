using System.Text;
using NesMep.Core.Mqtt;
using NesMep.Host.Service;
using NesMep.Host.Web;
using Xunit;

namespace NesMep.Host.Tests.Web;

/// <summary>Settings saved by the web UI: atomic replacement, crash safety, and a file HostConfigFile reads back.</summary>
public sealed class AtomicSettingsFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nesmep-settings-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    [Fact]
    public void Write_replaces_the_file_owner_only_and_leaves_no_temp_file()
    {
        string path = PathOf("a.json");
        File.WriteAllText(path, "old");
        AtomicFile.Write(path, Encoding.UTF8.GetBytes("new"));
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(new[] { "a.json" }, Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_creates_a_missing_state_directory_private_to_the_owner()
    {
        string path = Path.Combine(_dir, "state", "nesmep.json");
        AtomicFile.Write(path, [1, 2, 3]);
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(_dir, "state")));
    }

    [Fact]
    public void A_crash_in_the_middle_of_saving_keeps_the_previous_settings()
    {
        string path = PathOf("nesmep.json");
        HostConfig before = Sample();
        HostSettingsWriter.Save(path, before);
        byte[] previous = File.ReadAllBytes(path);

        HostConfig after = Sample();
        after.Key = "FFEEDDCCBBAA99887766554433221100";
        after.Poll.PowerIntervalMs = 4321;
        after.Web.Hostname = "changed-name";
        Assert.Throws<IOException>(() => HostSettingsWriter.Save(path, after, s => new FailAfter(s, 40)));

        // The old file is untouched and loads; the half-written temp file is gone.
        Assert.Equal(previous, File.ReadAllBytes(path));
        var loaded = new HostConfig();
        HostConfigFile.Load(path, loaded);
        Assert.Equal(before.Key, loaded.Key);
        Assert.Equal(before.Poll.PowerIntervalMs, loaded.Poll.PowerIntervalMs);
        Assert.Equal(new[] { "nesmep.json" }, Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Temp_files_of_a_killed_save_are_removed_at_the_next_start_and_nothing_else()
    {
        string path = PathOf("nesmep.json");
        HostSettingsWriter.Save(path, new HostConfig());
        string[] leftovers = [".nesmep.json" + AtomicFile.TempMarker + "deadbeef", ".nesmep.json" + AtomicFile.TempMarker + "0123abcd"];
        string[] unrelated = [".nesmep.json" + AtomicFile.TempMarker + "notmine", ".other.json" + AtomicFile.TempMarker + "deadbeef", "nesmep.json.bak"];
        foreach (string name in leftovers.Concat(unrelated))
        {
            File.WriteAllText(PathOf(name), "{ \"meter\": { \"key\": \"half");
        }

        var config = new HostConfig { SettingsPath = path };
        await using (var host = await NesMep.Host.Tests.EndToEnd.RunningHost.StartAsync(config))
        {
            Assert.Contains("settings: removed 2 temp file(s) of an interrupted save", host.Log);
        }

        string[] expected = unrelated.Append("nesmep.json").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, Directory.GetFiles(_dir).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_temp_file_left_by_a_power_cut_changes_nothing()
    {
        // Power lost after the temp file was written but before the rename: the temp file stays,
        // the settings file still holds the previous settings, and the next save works.
        string path = PathOf("nesmep.json");
        HostSettingsWriter.Save(path, Sample());
        File.WriteAllText(PathOf(".nesmep.json" + AtomicFile.TempMarker + "deadbeef"), "{ \"meter\": { \"key\": \"half");
        var loaded = new HostConfig();
        HostConfigFile.Load(path, loaded);
        Assert.Equal(Sample().Key, loaded.Key);

        HostConfig next = Sample();
        next.Web.Hostname = "after-crash";
        HostSettingsWriter.Save(path, next);
        loaded = new HostConfig();
        HostConfigFile.Load(path, loaded);
        Assert.Equal("after-crash", loaded.Web.Hostname);
    }

    [Fact]
    public void Saved_settings_load_back_with_every_web_ui_setting()
    {
        string path = PathOf("nesmep.json");
        HostConfig c = Sample();
        HostSettingsWriter.Save(path, c);
        var loaded = new HostConfig();
        HostConfigFile.Load(path, loaded);
        Assert.Null(loaded.Validate());

        Assert.Equal(c.Key, loaded.Key);
        Assert.Equal(c.Poll.PowerIntervalMs, loaded.Poll.PowerIntervalMs);
        Assert.Equal(c.Poll.EnergyIntervalMs, loaded.Poll.EnergyIntervalMs);
        Assert.Equal(c.Poll.SlowIntervalMs, loaded.Poll.SlowIntervalMs);
        Assert.Equal(c.Web.PasswordHash, loaded.Web.PasswordHash);
        Assert.Equal(c.Web.Hostname, loaded.Web.Hostname);
        Assert.Equal(c.Web.RequireApiToken, loaded.Web.RequireApiToken);
        Assert.Equal(c.Web.ApiTokenHash, loaded.Web.ApiTokenHash);
        Assert.False(loaded.MqttEnabled);
        MqttSettings m = loaded.Mqtt!;
        Assert.Equal("broker.lan", m.Host);
        Assert.Equal(8883, m.Port);
        Assert.True(m.Tls);
        Assert.Equal("ha", m.User);
        Assert.Equal("mqtt secret \"quoted\" +/", m.Password);
        Assert.Equal("meter-1", m.ClientId);
        Assert.Equal("home/meter", m.BaseTopic);
        Assert.Equal("ha", m.DiscoveryPrefix);
        Assert.False(m.Discovery);
        Assert.Equal(MqttSettings.ModeOnChange, m.PublishMode);
        Assert.Equal(30, m.IntervalS);
        Assert.Equal(2, m.MinIntervalS);

        // Saving what was loaded gives the same file.
        string first = File.ReadAllText(path);
        HostSettingsWriter.Save(path, loaded);
        Assert.Equal(first, File.ReadAllText(path));
    }

    [Fact]
    public void Settings_the_web_ui_does_not_own_stay_in_the_file()
    {
        string path = PathOf("hand-written.json");
        File.WriteAllText(path, """
            {
              // written by hand
              "meter": { "source": "simulator", "key": "ABCDEFGHIJKLMNOPQRST" },
              "quality": { "stale_after_s": 12, "phases": 1 },
              "simulator": { "profile": "gen4" },
              "mqtt": { "host": "b", "ca_file": "/etc/ca.pem", "keep_alive_s": 30 },
            }
            """);
        var c = new HostConfig();
        HostConfigFile.Load(path, c);
        c.Poll.PowerIntervalMs = 2222;
        c.Web.Hostname = "by-the-ui";
        HostSettingsWriter.Save(path, c);

        var loaded = new HostConfig();
        HostConfigFile.Load(path, loaded);
        Assert.Equal(12000, loaded.Quality.StaleAfterMs);
        Assert.Equal(1, loaded.Quality.Phases);
        Assert.Equal("gen4", loaded.SimulatorProfile);
        Assert.Equal("/etc/ca.pem", loaded.Mqtt!.CaFile);
        Assert.Equal(30, loaded.Mqtt.KeepAliveS);
        Assert.Equal(2222, loaded.Poll.PowerIntervalMs);
        Assert.Equal("by-the-ui", loaded.Web.Hostname);
        Assert.Equal("ABCDEFGHIJKLMNOPQRST", loaded.Key);
    }

    [Fact]
    public void Clone_is_deep()
    {
        HostConfig a = Sample();
        HostConfig b = a.Clone();
        b.Poll.PowerIntervalMs = 9999;
        b.Quality.StaleAfterMs = 1234;
        b.Link.ResponseTimeoutMs = 777;
        b.Mqtt!.Host = "other";
        b.Web.Hostname = "other";
        Assert.NotEqual(9999, a.Poll.PowerIntervalMs);
        Assert.NotEqual(1234, a.Quality.StaleAfterMs);
        Assert.NotEqual(777, a.Link.ResponseTimeoutMs);
        Assert.Equal("broker.lan", a.Mqtt!.Host);
        Assert.Equal("kitchen", a.Web.Hostname);
        Assert.Equal(a.Quality.MainFuseAmps, b.Quality.MainFuseAmps);
    }

    [Fact]
    public void Bad_web_section_values_are_named()
    {
        string path = PathOf("bad.json");
        File.WriteAllText(path, """{ "web": { "password_hash": "hunter2" } }""");
        var c = new HostConfig();
        HostConfigFile.Load(path, c);
        Assert.StartsWith("web.password_hash:", c.Validate());

        File.WriteAllText(path, """{ "web": { "require_api_token": "yes" } }""");
        Assert.Contains("web.require_api_token", Assert.Throws<ConfigError>(() => HostConfigFile.Load(path, new HostConfig())).Message);
    }

    [Fact]
    public void A_key_from_the_environment_or_the_command_line_is_not_written_into_the_file()
    {
        string path = PathOf("env.json");
        HostConfig c = Sample();
        c.KeyFromEnvironmentOrOption = true;
        HostSettingsWriter.Save(path, c);
        Assert.DoesNotContain("00112233445566778899AABBCCDDEEFF", File.ReadAllText(path));

        // The same key typed into the web UI is the user's choice to store it.
        HostConfig unchanged = HostSettingsMapper.ToConfig(HostSettingsMapper.FromConfig(c), c);
        Assert.True(unchanged.KeyFromEnvironmentOrOption, "an unchanged key keeps its origin");
        var settings = HostSettingsMapper.FromConfig(c);
        settings.MeterKey = "Xtz;~,hVVyOE@KyrOiV+";
        HostConfig changed = HostSettingsMapper.ToConfig(settings, c);
        Assert.False(changed.KeyFromEnvironmentOrOption);
        HostSettingsWriter.Save(path, changed);
        Assert.Contains("Xtz;~,hVVyOE@KyrOiV+", File.ReadAllText(path));
    }

    private static HostConfig Sample()
    {
        var c = new HostConfig
        {
            Key = "00112233445566778899AABBCCDDEEFF",
            MqttEnabled = false,
            Mqtt = new MqttSettings
            {
                Host = "broker.lan", Port = 8883, Tls = true, User = "ha", Password = "mqtt secret \"quoted\" +/", ClientId = "meter-1",
                BaseTopic = "home/meter", DiscoveryPrefix = "ha", Discovery = false, PublishMode = MqttSettings.ModeOnChange, IntervalS = 30, MinIntervalS = 2,
            },
        };
        c.Poll.PowerIntervalMs = 1500;
        c.Poll.EnergyIntervalMs = 9000;
        c.Poll.SlowIntervalMs = 90000;
        c.Web.PasswordHash = "pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=";
        c.Web.Hostname = "kitchen";
        c.Web.RequireApiToken = true;
        c.Web.ApiTokenHash = "pbkdf2-sha256$1$c2FsdHNhbHRzYWx0c2FsdA==$dG9rZW50b2tlbnRva2VudG9rZW50b2tlbnRva2VudG8=";
        return c;
    }

    /// <summary>Lets <paramref name="limit"/> bytes through, then fails like a full disk or a crash would.</summary>
    private sealed class FailAfter(Stream inner, int limit) : Stream
    {
        private int _written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            int take = Math.Min(buffer.Length, limit - _written);
            inner.Write(buffer[..take]);
            inner.Flush();
            _written += take;
            if (take < buffer.Length)
            {
                throw new IOException("simulated crash after " + _written + " bytes");
            }
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
