using System.Text.Json;
using NesMep.Core.Platform;

namespace NesMep.Host.Service;

/// <summary>
/// Reads a JSON settings file into <see cref="HostConfig"/>. Unknown settings and wrong types are
/// errors that name the setting, so a typo never silently falls back to a default.
/// </summary>
public static class HostConfigFile
{
    /// <summary>The sections a file may have; any other one is an error even when it is empty.</summary>
    public static readonly string[] Sections = ["meter", "http", "log", "simulator", "poll", "link", "quality", "mqtt", "web"];

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
                case "meter.baud": c.Baud = Int(p, name); break;
                case "meter.tcp": c.TcpEndpoint = Str(p, name); break;
                case "meter.key": c.Key = Str(p, name); break;
                case "meter.reset_line": c.ResetLines = Str(p, name); break;
                case "meter.reset_polarity": c.ResetPolarity = Str(p, name); break;
                case "http.listen": c.HttpListen = Str(p, name); break;
                case "log.level":
                    if (!ConsoleLog.TryParseLevel(Str(p, name), out LogLevel level))
                    {
                        throw new ConfigError(name + ": use debug, info, warning or error");
                    }

                    c.LogLevel = level;
                    break;
                case "simulator.profile": c.SimulatorProfile = Str(p, name); break;
                case "simulator.solar": c.SimulatorSolar = Bool(p, name); break;
                case "simulator.faults": c.SimulatorFaults = Str(p, name); break;
                case "poll.power_interval_ms": c.Poll.PowerIntervalMs = Int(p, name); break;
                case "poll.energy_interval_ms": c.Poll.EnergyIntervalMs = Int(p, name); break;
                case "poll.slow_interval_ms": c.Poll.SlowIntervalMs = Int(p, name); break;
                case "poll.clock_interval_ms": c.Poll.ClockIntervalMs = Int(p, name); break;
                case "poll.handle_alerts": c.Poll.HandleAlerts = Bool(p, name); break;
                case "link.response_timeout_ms": c.Link.ResponseTimeoutMs = Int(p, name); break;
                case "link.silent_attempts_before_reset": c.Link.SilentAttemptsBeforeReset = Int(p, name); break;
                case "link.reset_off_ms": c.Link.ResetOffMs = Int(p, name); break;
                case "link.reset_settle_ms": c.Link.ResetSettleMs = Int(p, name); break;
                case "quality.stale_after_s":
                    int staleS = Int(p, name);
                    if (staleS < 1 || staleS > 3600)
                    {
                        throw new ConfigError(name + ": use 1 to 3600 seconds");
                    }

                    c.Quality.StaleAfterMs = staleS * 1000;
                    break;
                case "quality.main_fuse_a": c.Quality.MainFuseAmps = Int(p, name); break;
                case "quality.phases": c.Quality.Phases = Int(p, name); break;
                case "quality.nominal_voltage": c.Quality.NominalVoltage = Int(p, name); break;
                case "mqtt.host": c.Mqtt!.Host = Str(p, name); break;
                case "mqtt.port": c.Mqtt!.Port = Int(p, name); break;
                case "mqtt.tls": c.Mqtt!.Tls = Bool(p, name); break;
                case "mqtt.ca_file": c.Mqtt!.CaFile = Str(p, name); break;
                case "mqtt.client_cert": c.Mqtt!.ClientCert = Str(p, name); break;
                case "mqtt.client_key": c.Mqtt!.ClientKey = Str(p, name); break;
                case "mqtt.user": c.Mqtt!.User = Str(p, name); break;
                case "mqtt.password": c.Mqtt!.Password = Str(p, name); break;
                case "mqtt.client_id": c.Mqtt!.ClientId = Str(p, name); break;
                case "mqtt.base_topic": c.Mqtt!.BaseTopic = Str(p, name); break;
                case "mqtt.discovery_prefix": c.Mqtt!.DiscoveryPrefix = Str(p, name); break;
                case "mqtt.discovery": c.Mqtt!.Discovery = Bool(p, name); break;
                case "mqtt.publish_mode":
                    if (!c.Mqtt!.TrySetPublishMode(Str(p, name)))
                    {
                        throw new ConfigError(name + ": use interval or on_change");
                    }

                    break;
                case "mqtt.interval_s": c.Mqtt!.IntervalS = Int(p, name); break;
                case "mqtt.min_interval_s": c.Mqtt!.MinIntervalS = Int(p, name); break;
                case "mqtt.keep_alive_s": c.Mqtt!.KeepAliveS = Int(p, name); break;
                case "mqtt.configuration_url": c.Mqtt!.ConfigurationUrl = Str(p, name); break;
                case "mqtt.enabled": c.MqttEnabled = Bool(p, name); break;
                case "web.password_hash": c.Web.PasswordHash = Str(p, name); break;
                case "web.hostname": c.Web.Hostname = Str(p, name); break;
                case "web.require_api_token": c.Web.RequireApiToken = Bool(p, name); break;
                case "web.api_token_hash": c.Web.ApiTokenHash = Str(p, name); break;
                default:
                    throw new ConfigError("unknown setting " + NesMep.Core.Web.TextSetting.Escape(name));
            }
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
