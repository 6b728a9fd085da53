namespace NesMep.Host.Web;

/// <summary>Where the service keeps settings saved by the web UI when no --config file is given.</summary>
public static class StateDirectory
{
    public const string SettingsFileName = "nesmep.json";

    /// <summary>$XDG_CONFIG_HOME/nesmep, else ~/.config/nesmep (XDG Base Directory spec).</summary>
    public static string Default()
    {
        string? xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        if (!string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "nesmep");
        }

        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".config", "nesmep");
    }

    public static string SettingsFile(string stateDir) => Path.Combine(stateDir, SettingsFileName);
}
