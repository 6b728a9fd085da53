using System.Text;
using NesMep.Core.Mqtt;
using NesMep.Host.Service;
using NesMep.Host.Web;
using Xunit;

namespace NesMep.Host.Tests.Web;

/// <summary>Settings saved by the web UI: the core codec file beside the config file, crash safety, migration, damaged files.</summary>
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
    public void An_interrupted_save_keeps_the_previous_settings()
    {
        // SafeFileStore's crash points: a half-written ".new" beside the file, or the old file
        // moved to ".bak" before the new one was moved in.
        string path = PathOf("nesmep.json");
        HostConfig before = Sample();
        HostSettingsWriter.Save(before);
        string saved = before.SavedSettingsPath!;
        File.WriteAllText(saved + ".new", "nesmep-settings 1\nweb.hostname=half");
        Assert.Equal("kitchen", LoadAll(path).Web.Hostname);
        Assert.False(File.Exists(saved + ".new"));

        File.Move(saved, saved + ".bak");
        HostConfig loaded = LoadAll(path);
        Assert.Equal(before.Key, loaded.Key);
        Assert.Equal(before.Poll.PowerIntervalMs, loaded.Poll.PowerIntervalMs);
        Assert.True(File.Exists(saved));
    }

    [Fact]
    public async Task Temp_files_of_a_killed_save_are_removed_at_the_next_start_and_nothing_else()
    {
        string path = PathOf("nesmep.json");
        string[] leftovers = [".nesmep.json" + AtomicFile.TempMarker + "deadbeef", ".nesmep.settings" + AtomicFile.TempMarker + "0123abcd"];
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

        string[] expected = unrelated.Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, Directory.GetFiles(_dir).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Saved_settings_load_back_with_every_web_ui_setting()
    {
        string path = PathOf("nesmep.json");
        HostConfig c = Sample();
        HostSettingsWriter.Save(c);
        Assert.False(File.Exists(path), "the operator's JSON file is never written");
        Assert.StartsWith("nesmep-settings 1\n", File.ReadAllText(c.SavedSettingsPath!));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(c.SavedSettingsPath!));
        HostConfig loaded = LoadAll(path);
        Assert.Null(loaded.Validate());
        AssertSampleSettings(c, loaded);

        // Saving what was loaded gives the same file.
        string first = File.ReadAllText(c.SavedSettingsPath!);
        HostSettingsWriter.Save(loaded);
        Assert.Equal(first, File.ReadAllText(c.SavedSettingsPath!));
    }

    /// <summary>
    /// What HostSettingsWriter of the previous version (JSON, web UI keys merged into the config
    /// file) wrote for <see cref="Sample"/>: it must still load, with the same values.
    /// </summary>
    private const string SavedByPreviousVersion = """
        {
          "meter": {
            "key": "00112233445566778899AABBCCDDEEFF"
          },
          "poll": {
            "power_interval_ms": 1500,
            "energy_interval_ms": 9000,
            "slow_interval_ms": 90000
          },
          "mqtt": {
            "enabled": false,
            "host": "broker.lan",
            "port": 8883,
            "tls": true,
            "user": "ha",
            "password": "mqtt secret \"quoted\" +/",
            "client_id": "meter-1",
            "base_topic": "home/meter",
            "discovery_prefix": "ha",
            "discovery": false,
            "publish_mode": "on_change",
            "interval_s": 30,
            "min_interval_s": 2
          },
          "web": {
            "password_hash": "pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=",
            "hostname": "kitchen",
            "require_api_token": true,
            "api_token_hash": "pbkdf2-sha256$1$c2FsdHNhbHRzYWx0c2FsdA==$dG9rZW50b2tlbnRva2VudG9rZW50b2tlbnRva2VudG8="
          }
        }

        """;

    [Fact]
    public void A_file_saved_by_the_previous_version_still_loads_and_a_new_save_leaves_it_untouched()
    {
        string path = PathOf("nesmep.json");
        File.WriteAllText(path, SavedByPreviousVersion);
        HostConfig loaded = LoadAll(path);
        Assert.Null(loaded.Validate());
        AssertSampleSettings(Sample(), loaded);

        // The next web UI save goes into the codec file; the JSON file keeps its bytes, and both load together.
        HostConfig next = HostSettingsMapper.ToConfig(HostSettingsMapper.FromConfig(loaded), loaded);
        next.Poll.PowerIntervalMs = 2500;
        HostSettingsWriter.Save(next);
        Assert.Equal(SavedByPreviousVersion, File.ReadAllText(path));
        HostConfig again = LoadAll(path);
        Assert.Equal(2500, again.Poll.PowerIntervalMs);
        Assert.Equal("kitchen", again.Web.Hostname);
        Assert.Empty(again.LoadProblems);
    }

    [Fact]
    public void Settings_the_web_ui_does_not_own_stay_in_the_config_file()
    {
        string path = PathOf("hand-written.json");
        string json = """
            {
              // written by hand
              "meter": { "source": "simulator", "key": "ABCDEFGHIJKLMNOPQRST" },
              "quality": { "stale_after_s": 12, "phases": 1 },
              "simulator": { "profile": "gen4" },
              "mqtt": { "host": "b", "ca_file": "/etc/ca.pem", "keep_alive_s": 30, "tls": true },
            }
            """;
        File.WriteAllText(path, json);
        HostConfig c = LoadAll(path);
        c.Poll.PowerIntervalMs = 2222;
        c.Web.Hostname = "by-the-ui";
        HostSettingsWriter.Save(c);
        Assert.Equal(json, File.ReadAllText(path));
        Assert.DoesNotContain("ca_file", File.ReadAllText(c.SavedSettingsPath!));

        HostConfig loaded = LoadAll(path);
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
    public void A_damaged_saved_file_is_kept_reported_by_line_and_its_good_lines_are_used()
    {
        string path = PathOf("nesmep.json");
        HostConfig c = Sample();
        HostSettingsWriter.Save(c);
        string saved = c.SavedSettingsPath!;
        string text = File.ReadAllText(saved).Replace("poll.power_interval_ms=1500", "poll.power_interval_ms=50").Replace("web.hostname=kitchen", "web.hostname=kitchen\nweb.colour=blue");
        File.WriteAllText(saved, text);

        HostConfig loaded = LoadAll(path);
        Assert.Equal(1200, loaded.Poll.PowerIntervalMs); // the default: the bad line is not used
        Assert.Equal(9000, loaded.Poll.EnergyIntervalMs); // the good lines are
        Assert.Equal("kitchen", loaded.Web.Hostname);
        Assert.Contains(loaded.LoadProblems, p => p.Contains("poll.power_interval_ms: must be 200..3600000 ms") && p.Contains("line "));
        Assert.Contains(loaded.LoadProblems, p => p.Contains("unknown setting web.colour"));
        Assert.Equal(text, File.ReadAllText(saved + ".rejected"));

        // The next save replaces the damaged file; the copy stays for the user.
        HostSettingsWriter.Save(loaded);
        Assert.Equal(text, File.ReadAllText(saved + ".rejected"));
        Assert.Empty(LoadAll(path).LoadProblems);
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
        Assert.StartsWith("web.password_hash: not a hash written by nesmep", Assert.Throws<ConfigError>(() => HostConfigFile.Load(path, new HostConfig())).Message);

        File.WriteAllText(path, """{ "web": { "require_api_token": "yes" } }""");
        Assert.Contains("web.require_api_token", Assert.Throws<ConfigError>(() => HostConfigFile.Load(path, new HostConfig())).Message);
    }

    [Fact]
    public void A_key_from_the_environment_or_the_command_line_is_not_written_into_the_file()
    {
        HostConfig c = Sample();
        c.KeyFromEnvironmentOrOption = true;
        HostSettingsWriter.Save(c);
        Assert.DoesNotContain("00112233445566778899AABBCCDDEEFF", File.ReadAllText(c.SavedSettingsPath!));
        Assert.DoesNotContain("meter.key", File.ReadAllText(c.SavedSettingsPath!));

        // The same key typed into the web UI is the user's choice to store it.
        HostConfig unchanged = HostSettingsMapper.ToConfig(HostSettingsMapper.FromConfig(c), c);
        Assert.True(unchanged.KeyFromEnvironmentOrOption, "an unchanged key keeps its origin");
        var settings = HostSettingsMapper.FromConfig(c);
        settings.MeterKey = "Xtz;~,hVVyOE@KyrOiV+";
        HostConfig changed = HostSettingsMapper.ToConfig(settings, c);
        Assert.False(changed.KeyFromEnvironmentOrOption);
        HostSettingsWriter.Save(changed);
        Assert.Contains("meter.key=Xtz;~,hVVyOE@KyrOiV+", File.ReadAllText(c.SavedSettingsPath!));
    }

    [Fact]
    public void An_optical_key_from_NESMEP_OPTICAL_KEY_is_not_written_into_the_file_and_one_typed_into_the_UI_is()
    {
        HostConfig c = Sample();
        c.Settings.MeterPort = 1;
        c.ApplyOpticalKeyEnvironment("");
        Assert.False(c.OpticalKeyFromEnvironment, "an empty variable is no key");
        c.ApplyOpticalKeyEnvironment("Optical-Env-Key-20ch");
        Assert.True(c.OpticalKeyFromEnvironment);
        Assert.Equal("Optical-Env-Key-20ch", c.OpticalKey);
        HostSettingsWriter.Save(c);
        string saved = File.ReadAllText(c.SavedSettingsPath!);
        Assert.DoesNotContain("Optical-Env-Key-20ch", saved);
        Assert.Contains("meter.port=optical", saved);
        Assert.Equal("Optical-Env-Key-20ch", c.OpticalKey); // still in force for this run

        var settings = HostSettingsMapper.FromConfig(c);
        settings.OpticalKey = "00112233445566778899aabbccddeeff00112233";
        HostConfig changed = HostSettingsMapper.ToConfig(settings, c);
        Assert.False(changed.OpticalKeyFromEnvironment);
        HostSettingsWriter.Save(changed);
        Assert.Contains("optical.key=00112233445566778899aabbccddeeff00112233", File.ReadAllText(c.SavedSettingsPath!));
    }

    [Fact]
    public void The_optical_port_reads_the_optical_section_needs_no_key_and_runs_at_optical_baud()
    {
        string path = PathOf("optical.json");
        File.WriteAllText(path, """{ "meter": { "source": "serial", "serial": "/dev/ttyUSB0", "port": "optical" }, "optical": { "baud": 19200 } }""");
        var c = new HostConfig();
        HostConfigFile.Load(path, c);
        Assert.Equal("optical", c.MeterPort);
        Assert.Equal(19200, c.SerialBaud);
        Assert.Null(c.Validate()); // BT00, BT01 and ET03 need no key on the optical port (§13.2)

        File.WriteAllText(path, """{ "meter": { "source": "serial", "serial": "/dev/ttyUSB0" } }""");
        c = new HostConfig();
        HostConfigFile.Load(path, c);
        Assert.StartsWith("meter.key:", c.Validate()); // MEP still needs its key

        File.WriteAllText(path, """{ "optical": { "key": "not-a-key" } }""");
        c = new HostConfig();
        HostConfigFile.Load(path, c);
        string? error = c.Validate();
        Assert.StartsWith("optical.key:", error);
        Assert.DoesNotContain("not-a-key", error);
    }

    private static HostConfig LoadAll(string jsonPath)
    {
        var c = new HostConfig();
        HostConfigFile.LoadFiles(jsonPath, c, required: false);
        return c;
    }

    private static void AssertSampleSettings(HostConfig c, HostConfig loaded)
    {
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
    }

    private HostConfig Sample()
    {
        var c = new HostConfig
        {
            SettingsPath = PathOf("nesmep.json"),
            Key = "00112233445566778899AABBCCDDEEFF",
            Mqtt = new MqttSettings
            {
                Host = "broker.lan", Port = 8883, Tls = true, User = "ha", Password = "mqtt secret \"quoted\" +/", ClientId = "meter-1",
                BaseTopic = "home/meter", DiscoveryPrefix = "ha", Discovery = false, PublishMode = MqttSettings.ModeOnChange, IntervalS = 30, MinIntervalS = 2,
            },
        };
        c.MqttEnabled = false; // configured but switched off
        c.Poll.PowerIntervalMs = 1500;
        c.Poll.EnergyIntervalMs = 9000;
        c.Poll.SlowIntervalMs = 90000;
        c.Web.PasswordHash = "pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=";
        c.Web.Hostname = "kitchen";
        c.Web.RequireApiToken = true;
        c.Web.ApiTokenHash = "pbkdf2-sha256$1$c2FsdHNhbHRzYWx0c2FsdA==$dG9rZW50b2tlbnRva2VudG9rZW50b2tlbnRva2VudG8=";
        return c;
    }
}
