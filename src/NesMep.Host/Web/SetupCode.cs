using System.Net;
using System.Security.Cryptography;
using System.Text;
using NesMep.Core.Platform;
using NesMep.Core.Web;
using NesMep.Host.Service;

namespace NesMep.Host.Web;

/// <summary>
/// The one-time code for the first-start password when the UI is reachable from a network: without
/// it, the first visitor would choose the password (the predecessor accepted anything while its
/// password was empty). The code goes into a file only the service's user can read, next to the
/// settings; the log names the file, never the code. The device needs none: there the first
/// password can only be set through its own access point.
/// </summary>
public static class SetupCode
{
    public const string FileName = "setup-code";

    /// <summary>Sets <see cref="WebApp.SetupCode"/> and writes its file when needed; returns the file or null.</summary>
    public static string? Issue(HostConfig config, WebApp web, ILog log)
    {
        if (!(config.Web.RequireSetupCode ?? !ListensOnLoopbackOnly(config)))
        {
            return null;
        }

        string code = Convert.ToHexString(RandomNumberGenerator.GetBytes(5)); // 40 bits, and every wrong try slows the client down
        string dir = config.SettingsPath != null ? Path.GetDirectoryName(Path.GetFullPath(config.SettingsPath))! : Path.GetTempPath();
        string file = Path.Combine(dir, config.SettingsPath != null ? FileName : "nesmep-" + FileName + "-" + Environment.ProcessId);
        AtomicFile.Write(file, Encoding.ASCII.GetBytes(code + "\n"));
        web.SetupCode = code;
        log.Write(LogLevel.Warning, "web: the UI is reachable beyond this machine (" + config.HttpListen + ") and has no password yet: " +
                                    "the first-start form asks for the setup code in " + file);
        return file;
    }

    public static void Remove(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The code is useless once a password exists.
        }
    }

    public static bool ListensOnLoopbackOnly(HostConfig config)
    {
        if (!HostConfig.TryParseHostPort(config.HttpListen, out string host, out _))
        {
            return false;
        }

        return host == "localhost" || (IPAddress.TryParse(host, out IPAddress? ip) && IPAddress.IsLoopback(ip));
    }
}
