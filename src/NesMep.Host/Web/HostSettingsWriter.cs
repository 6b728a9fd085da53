using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NesMep.Host.Service;

namespace NesMep.Host.Web;

/// <summary>
/// Saves the settings the web UI edits into the JSON config file that <see cref="HostConfigFile"/>
/// reads. Only the keys the UI owns are written; every other setting in the file (meter source,
/// serial device, quality limits, TLS files, …) stays as it was. Comments are not kept.
/// </summary>
public static class HostSettingsWriter
{
    public static void Save(string path, HostConfig c, Func<Stream, Stream>? wrapForTest = null)
    {
        JsonObject root = ReadExisting(path);
        if (c.Key != null && !c.KeyFromEnvironmentOrOption)
        {
            Section(root, "meter")["key"] = c.Key;
        }

        JsonObject poll = Section(root, "poll");
        poll["power_interval_ms"] = c.Poll.PowerIntervalMs;
        poll["energy_interval_ms"] = c.Poll.EnergyIntervalMs;
        poll["slow_interval_ms"] = c.Poll.SlowIntervalMs;

        if (c.Mqtt != null)
        {
            JsonObject m = Section(root, "mqtt");
            m["enabled"] = c.MqttEnabled;
            m["host"] = c.Mqtt.Host;
            m["port"] = c.Mqtt.Port;
            m["tls"] = c.Mqtt.Tls;
            m["user"] = c.Mqtt.User;
            m["password"] = c.Mqtt.Password;
            m["client_id"] = c.Mqtt.ClientId;
            m["base_topic"] = c.Mqtt.BaseTopic;
            m["discovery_prefix"] = c.Mqtt.DiscoveryPrefix;
            m["discovery"] = c.Mqtt.Discovery;
            m["publish_mode"] = c.Mqtt.PublishModeName;
            m["interval_s"] = c.Mqtt.IntervalS;
            m["min_interval_s"] = c.Mqtt.MinIntervalS;
        }

        JsonObject web = Section(root, "web");
        web["password_hash"] = c.Web.PasswordHash;
        web["hostname"] = c.Web.Hostname;
        web["require_api_token"] = c.Web.RequireApiToken;
        web["api_token_hash"] = c.Web.ApiTokenHash;

        // Relaxed escaping keeps '+' and '/' of the base64 hashes readable; the file is never embedded in HTML.
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        string text = root.ToJsonString(options) + "\n";
        AtomicFile.Write(path, Encoding.UTF8.GetBytes(text), wrapForTest);
    }

    /// <summary>At start: removes the temp files of saves that were killed half-way, and says so.</summary>
    public static void RemoveLeftovers(string? path, NesMep.Core.Platform.ILog log)
    {
        if (path == null)
        {
            return;
        }

        try
        {
            int removed = AtomicFile.RemoveLeftovers(path);
            if (removed > 0)
            {
                log.Write(NesMep.Core.Platform.LogLevel.Info, "settings: removed " + removed + " temp file(s) of an interrupted save next to " + path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Write(NesMep.Core.Platform.LogLevel.Warning, "settings: cannot clean up temp files next to " + path + ": " + e.Message);
        }
    }

    private static JsonObject ReadExisting(string path)
    {
        if (!File.Exists(path))
        {
            return new JsonObject();
        }

        string text = File.ReadAllText(path);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ConfigError(path + " is no longer valid JSON (" + e.Message + "); fix or remove it before saving");
        }

        return node as JsonObject ?? throw new ConfigError(path + ": the top level must be an object");
    }

    private static JsonObject Section(JsonObject root, string name)
    {
        if (root[name] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        root[name] = created;
        return created;
    }
}
