using NesMep.Core.Json;
using NesMep.Core.Platform;
using NesMep.Core.Web;
using NesMep.Host.Service;

namespace NesMep.Host.Web;

/// <summary>
/// The web UI's view of the Linux service: settings go into the saved-settings file (core codec, atomically),
/// new settings restart the meter runtime and MQTT in-process, the log view reads the console
/// log's ring buffer.
/// </summary>
internal sealed class HostWebPlatform : IWebPlatform
{
    private readonly ModuleHost _host;
    private readonly LogRing? _ring;
    private readonly ILog _log;

    public HostWebPlatform(ModuleHost host, ILog log)
    {
        _host = host;
        _log = log;
        _ring = (log as ConsoleLog)?.Ring;
    }

    public string Platform => "linux";

    public bool HasWifi => false;

    public string? Save(ModuleSettings settings)
    {
        HostConfig next = HostSettingsMapper.ToConfig(settings, _host.Config);
        string? invalid = next.Validate();
        if (invalid != null)
        {
            return invalid;
        }

        if (next.SavedSettingsPath == null)
        {
            _log.Write(LogLevel.Warning, "web: no settings file (the service was started without one); changes last until it stops");
        }
        else
        {
            try
            {
                HostSettingsWriter.Save(next);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return "cannot write " + next.SavedSettingsPath + ": " + e.Message;
            }
        }

        if (_host.SetupCodeFile != null && next.Web.PasswordHash.Length > 0)
        {
            SetupCode.Remove(_host.SetupCodeFile);
            _host.SetupCodeFile = null;
        }

        _host.Config = next;
        return null;
    }

    public void Apply(ModuleSettings settings) => _host.RequestRestart();

    public string[] RecentLogLines() => _ring?.Snapshot() ?? [];

    public void WriteNetwork(JsonWriter w)
    {
        w.BeginObject();
        w.Property("kind", "linux");
        w.Property("listen", _host.Config.HttpListen);
        w.Property("url", _host.Url);
        w.Property("machine", Environment.MachineName);
        w.EndObject();
    }
}
