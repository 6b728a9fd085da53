using NesMep.Core.Mqtt;
using NesMep.Core.Web;
using NesMep.Host.Service;

namespace NesMep.Host.Web;

/// <summary>Between the service's <see cref="HostConfig"/> and the core's <see cref="ModuleSettings"/> that the UI edits.</summary>
public static class HostSettingsMapper
{
    public static ModuleSettings FromConfig(HostConfig c) => new()
    {
        MeterKey = c.Key ?? "",
        Hostname = c.Web.Hostname,
        WebPasswordHash = c.Web.PasswordHash,
        RequireApiToken = c.Web.RequireApiToken,
        ApiTokenHash = c.Web.ApiTokenHash,
        MqttEnabled = c.MqttActive,
        Mqtt = c.Mqtt?.Copy() ?? new MqttSettings(),
        PollPowerMs = c.Poll.PowerIntervalMs,
        PollEnergyMs = c.Poll.EnergyIntervalMs,
        PollSlowMs = c.Poll.SlowIntervalMs,
    };

    /// <summary>A copy of <paramref name="current"/> with the UI's settings applied (Wi-Fi has no place on Linux).</summary>
    public static HostConfig ToConfig(ModuleSettings s, HostConfig current)
    {
        HostConfig c = current.Clone();
        if (s.MeterKey.Length > 0 && s.MeterKey != current.Key)
        {
            c.Key = s.MeterKey;
            c.KeyFromEnvironmentOrOption = false; // typed into the UI: the settings file is its home now
        }
        c.Web.Hostname = s.Hostname;
        c.Web.PasswordHash = s.WebPasswordHash;
        c.Web.RequireApiToken = s.RequireApiToken;
        c.Web.ApiTokenHash = s.ApiTokenHash;
        c.Mqtt = s.Mqtt.Copy();
        c.MqttEnabled = s.MqttEnabled;
        c.Poll.PowerIntervalMs = s.PollPowerMs;
        c.Poll.EnergyIntervalMs = s.PollEnergyMs;
        c.Poll.SlowIntervalMs = s.PollSlowMs;
        return c;
    }
}
