using System.Text.Json;
using NesMep.Core.Platform;
using NesMep.Core.Settings;

namespace NesMep.Host.Service;

/// <summary>
/// Reads the operator's JSON config file into <see cref="HostConfig"/>: host-only settings here,
/// the core model's settings through its table (same defaults, ranges and messages as the web UI
/// and the device). Unknown settings and wrong types are errors that name the setting, so a typo
/// never silently falls back to a default.
/// </summary>
public static class HostConfigFile
{
    /// <summary>The sections a file may have; any other one is an error even when it is empty.</summary>
    public static readonly string[] Sections = ["meter", "http", "log", "simulator", "poll", "link", "quality", "mqtt", "web", "optical"];

    /// <summary>
    /// The config file (when it exists or <paramref name="required"/>), then the web UI's saved
    /// settings next to it (<see cref="HostConfig.SavedSettingsPath"/>), which win for what they hold.
    /// </summary>
    public static void LoadFiles(string path, HostConfig config, bool required)
    {
        if (required || File.Exists(path))
        {
            Load(path, config);
        }

        config.SettingsPath = Path.GetFullPath(path);
        NesMep.Host.Web.HostSettingsWriter.Load(config);
    }

    public static void Load(string path, HostConfig config)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigError("cannot read config file " + path + ": " + e.Message);
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new ConfigError("config file " + path + " is not valid JSON: " + e.Message);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigError("config file " + path + ": the top level must be an object");
            }

            foreach (JsonProperty section in doc.RootElement.EnumerateObject())
            {
                ApplySection(section, config);
            }
        }
    }

    private static void ApplySection(JsonProperty section, HostConfig c)
    {
        if (Array.IndexOf(Sections, section.Name) < 0)
        {
            // Checked before the settings inside, so "wifi": {} is refused like a section with settings.
            throw new ConfigError("unknown settings section " + NesMep.Core.Web.TextSetting.Escape(section.Name) + "; use " + string.Join(", ", Sections));
        }

        if (section.Value.ValueKind != JsonValueKind.Object)
        {
            throw new ConfigError(section.Name + ": must be an object");
        }

        if (section.Name == "mqtt")
        {
            // An mqtt section switches MQTT on unless it says "enabled": false.
            c.Mqtt ??= new NesMep.Core.Mqtt.MqttSettings();
        }

        foreach (JsonProperty p in section.Value.EnumerateObject())
        {
            string name = section.Name + "." + p.Name;
            switch (name)
            {
                case "meter.source":
                    c.Source = Str(p, name) switch
                    {
                        "simulator" => MeterSource.Simulator,
                        "serial" => MeterSource.Serial,
                        "tcp" => MeterSource.Tcp,
                        _ => throw new ConfigError(name + ": use simulator, serial or tcp"),
                    };
                    break;
                case "meter.serial": c.SerialPath = Str(p, name); break;
                case "meter.tcp": c.TcpEndpoint = Str(p, name); break;
                case "meter.reset_line": c.ResetLines = Str(p, name); break;
                case "meter.reset_polarity": c.ResetPolarity = Str(p, name); break;
                case "http.listen": c.HttpListen = Str(p, name); break;
                case "simulator.profile": c.SimulatorProfile = Str(p, name); break;
                case "simulator.solar": c.SimulatorSolar = Bool(p, name); break;
                case "simulator.faults": c.SimulatorFaults = Str(p, name); break;
                default:
                    ApplyModelSetting(p, name, c);
                    break;
            }
        }
    }

    /// <summary>A setting of the core model: JSON type by the table, then the model's own check and message.</summary>
    private static void ApplyModelSetting(JsonProperty p, string name, HostConfig c)
    {
        SettingField? f = SettingsTable.Find(SettingsTable.All, name);
        if (f == null || f.Has(SettingField.DeviceOnly))
        {
            throw new ConfigError("unknown setting " + NesMep.Core.Web.TextSetting.Escape(name));
        }

        string text = f.Kind switch
        {
            SettingField.KindInt => Int(p, name).ToString(System.Globalization.CultureInfo.InvariantCulture),
            SettingField.KindBool => Bool(p, name) ? "true" : "false",
            _ => Str(p, name),
        };
        if (f.Id == SettingId.LogLevel)
        {
            // Older files may say "warn" or "INFO"; the console log's parser has always taken them.
            text = ConsoleLog.TryParseLevel(text, out LogLevel level) ? f.IntToText((int)level) : text;
        }

        if (f.Id == SettingId.MeterKey)
        {
            // NESMEP_KEY or --key may still replace it, so the key is checked with everything else at the end.
            c.Key = text;
            return;
        }

        if (f.Id == SettingId.OpticalKey)
        {
            // Likewise NESMEP_OPTICAL_KEY may replace it; checked at the end.
            c.OpticalKey = text;
            return;
        }

        string? error = SettingValues.Set(c.Settings, f, text);
        if (error != null)
        {
            throw new ConfigError(name + ": " + error);
        }
    }

    /// <summary>A string setting; control characters are refused in every one (they could forge log lines).</summary>
    private static string Str(JsonProperty p, string name)
    {
        if (p.Value.ValueKind != JsonValueKind.String)
        {
            throw new ConfigError(name + ": must be a string");
        }

        string value = p.Value.GetString()!;
        return NesMep.Core.Web.TextSetting.HasControl(value) ? throw new ConfigError(name + ": no control characters (line breaks, tabs, …)") : value;
    }

    private static int Int(JsonProperty p, string name) =>
        p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out int v) ? v : throw new ConfigError(name + ": must be a whole number");

    private static bool Bool(JsonProperty p, string name) =>
        p.Value.ValueKind is JsonValueKind.True or JsonValueKind.False ? p.Value.GetBoolean() : throw new ConfigError(name + ": must be true or false");
}

/// <summary>Invalid settings: reported as one clear line, exit code 2.</summary>
public sealed class ConfigError : Exception
{
    public ConfigError(string message)
        : base(message)
    {
    }
}
