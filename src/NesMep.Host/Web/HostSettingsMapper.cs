using NesMep.Core.Web;
using NesMep.Host.Service;

namespace NesMep.Host.Web;

/// <summary>Between the service's <see cref="HostConfig"/> and the core's <see cref="ModuleSettings"/> that the UI edits.</summary>
public static class HostSettingsMapper
{
    public static ModuleSettings FromConfig(HostConfig c) => c.Settings.Copy();

    /// <summary>A copy of <paramref name="current"/> with the UI's settings in force.</summary>
    public static HostConfig ToConfig(ModuleSettings s, HostConfig current)
    {
        HostConfig c = current.Clone();
        if (s.MeterKey.Length > 0 && s.MeterKey != current.Settings.MeterKey)
        {
            c.KeyFromEnvironmentOrOption = false; // typed into the UI: the saved settings are its home now
        }

        if (s.OpticalKey.Length > 0 && s.OpticalKey != current.Settings.OpticalKey)
        {
            c.OpticalKeyFromEnvironment = false;
        }

        c.Settings = s.Copy();
        c.MarkMqttConfigured();
        return c;
    }
}
