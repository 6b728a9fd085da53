using NesMep.Core.Settings;
using NesMep.Core.Web;
using NesMep.Host.Service;

namespace NesMep.Host.Web;

/// <summary>
/// The web UI's saved settings on Linux: the core's <see cref="SettingsStore"/> (settings codec
/// through SafeFileStore) at <see cref="HostConfig.SavedSettingsPath"/>, holding the settings the
/// UI edits (table flag Ui). The operator's JSON config file is never written. A key from
/// NESMEP_KEY or --key, or an optical key from NESMEP_OPTICAL_KEY, is not saved.
/// </summary>
public static class HostSettingsWriter
{
    /// <summary>Saves the UI's settings of <paramref name="c"/>; throws IOException when the file cannot be written.</summary>
    public static void Save(HostConfig c)
    {
        string path = c.SavedSettingsPath ?? throw new InvalidOperationException("no settings file");
        var store = new SettingsStore(LocalFileSystem.Instance, path);
        ModuleSettings s = c.Settings;
        if (c.OpticalKeyFromEnvironment)
        {
            s = s.Copy();
            s.OpticalKey = ""; // saved as "none": the environment gives it again at every start
        }

        string? error = store.Save(s, SettingField.Ui, SettingField.DeviceOnly, c.KeyFromEnvironmentOrOption ? SettingsTable.MeterKey : null);
        if (error != null)
        {
            throw new IOException(error);
        }
    }

    /// <summary>
    /// Applies the saved settings (when there are any) over what <paramref name="c"/> holds. Problems
    /// go to <see cref="HostConfig.LoadProblems"/> (the file was kept as a copy, and the values that
    /// can be trusted are used).
    /// </summary>
    public static void Load(HostConfig c)
    {
        if (c.SavedSettingsPath == null)
        {
            return;
        }

        var store = new SettingsStore(LocalFileSystem.Instance, c.SavedSettingsPath);
        FieldErrors problems;
        try
        {
            problems = store.Load(c.Settings);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigError("cannot read saved settings " + c.SavedSettingsPath + ": " + e.Message);
        }

        for (int i = 0; i < problems.Count; i++)
        {
            c.LoadProblems.Add("settings: " + c.SavedSettingsPath + " " + problems.Message(i));
        }

        if (store.KeptCopy != null)
        {
            c.LoadProblems.Add("settings: the file as it was is kept in " + store.KeptCopy + "; fix it there and copy it back, or save again in the web UI");
        }

        if (c.Settings.MqttEnabled || c.Settings.Mqtt.Host.Length > 0)
        {
            c.MarkMqttConfigured();
        }
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
            int removed = AtomicFile.RemoveLeftovers(path) + AtomicFile.RemoveLeftovers(HostConfig.SavedPathFor(path)!);
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
}
