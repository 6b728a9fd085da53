using System.Net;
using System.Security.Cryptography;
using System.Text;
using NesMep.Core.Mqtt;
using NesMep.Core.Platform;
using NesMep.Host.Service;

namespace NesMep.Host.Mqtt;

/// <summary>
/// Glue between the service configuration and MQTT on Linux: the <c>--mqtt</c> URL, checks of the
/// certificate files, and the per-machine defaults (client id, configuration_url).
/// </summary>
public static class MqttHostSetup
{
    /// <summary>
    /// Applies <c>mqtt://[user[:password]@]host[:port]</c> or <c>mqtts://…</c> to the config
    /// (creating the MQTT settings when the file had none). User and password may be
    /// percent-encoded. Throws <see cref="ArgumentException"/> with a one-line reason.
    /// </summary>
    public static void ApplyUrl(string url, HostConfig config)
    {
        const string usage = "use mqtt://[user:password@]host[:port] or mqtts://... for TLS";
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri))
        {
            throw new ArgumentException("'" + UrlRedaction.RedactValue(url) + "' is not a URL; " + usage);
        }

        bool tls = uri.Scheme switch
        {
            "mqtt" => false,
            "mqtts" => true,
            _ => throw new ArgumentException("unknown scheme '" + uri.Scheme + "'; " + usage),
        };
        if (uri.Host.Length == 0)
        {
            throw new ArgumentException("no broker host; " + usage);
        }

        if ((uri.AbsolutePath.Length > 0 && uri.AbsolutePath != "/") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new ArgumentException("no path, query or fragment allowed; " + usage);
        }

        string user = "";
        string password = "";
        if (uri.UserInfo.Length > 0)
        {
            int colon = uri.UserInfo.IndexOf(':');
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo.Substring(0, colon));
            password = colon < 0 ? "" : Uri.UnescapeDataString(uri.UserInfo.Substring(colon + 1));
            if (user.Length == 0)
            {
                throw new ArgumentException("a password needs a user name; " + usage);
            }
        }

        MqttSettings s = config.Mqtt ??= new MqttSettings();
        s.Host = uri.IdnHost.Trim('[', ']');
        s.Port = uri.IsDefaultPort || uri.Port < 0 ? 0 : uri.Port;
        s.Tls = tls;
        s.User = user;
        s.Password = password;
    }

    /// <summary>The core checks plus readable certificate files; null when usable.</summary>
    public static string? Validate(MqttSettings s)
    {
        string? error = s.Validate();
        if (error != null)
        {
            return error;
        }

        error = CheckFile("ca_file", s.CaFile) ?? CheckFile("client_cert", s.ClientCert) ?? CheckFile("client_key", s.ClientKey);
        return error;
    }

    /// <summary>The service for the running module, with the machine's defaults filled in.</summary>
    public static MqttService Create(HostConfig config, ModuleRuntime runtime, ILog log, MqttSupervisorOptions? options = null)
    {
        MqttSettings s = config.Mqtt?.Copy() ?? throw new InvalidOperationException("MQTT is not configured");
        if (s.ClientId.Length == 0)
        {
            s.ClientId = DefaultClientId(config);
        }

        if (s.ConfigurationUrl.Length == 0)
        {
            s.ConfigurationUrl = ConfigurationUrl(config);
        }

        var service = new MqttService(s, runtime, log, options);
        service.Start();
        return service;
    }

    /// <summary>
    /// "nesmep-&lt;host name&gt;-&lt;6 hex&gt;": the hex is a hash of /etc/machine-id and the meter
    /// connection, so two services on one machine (two meters) get different ids and a restart keeps its id.
    /// </summary>
    public static string DefaultClientId(HostConfig config)
    {
        string host = Environment.MachineName.ToLowerInvariant();
        if (host.Length > 20)
        {
            host = host.Substring(0, 20);
        }

        string machineId = "";
        try
        {
            if (File.Exists("/etc/machine-id"))
            {
                machineId = File.ReadAllText("/etc/machine-id").Trim();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        string meter = config.Source + "|" + config.SerialPath + "|" + config.TcpEndpoint + "|" + config.HttpListen;
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(machineId + "|" + meter));
        return MqttSettings.DefaultClientId(host + "-" + Convert.ToHexStringLower(hash, 0, 3));
    }

    /// <summary>The web UI address for Home Assistant's device page; the host name when listening on all addresses.</summary>
    public static string ConfigurationUrl(HostConfig config)
    {
        if (!HostConfig.TryParseHostPort(config.HttpListen, out string host, out int port) || port == 0)
        {
            return "";
        }

        if (host is "0.0.0.0" or "::" or "*" or "+")
        {
            host = Dns.GetHostName();
        }

        if (IPAddress.TryParse(host, out IPAddress? ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            host = "[" + host + "]";
        }

        string url = "http://" + host + ":" + port + "/";
        return Uri.IsWellFormedUriString(url, UriKind.Absolute) ? url : "";
    }

    private static string? CheckFile(string name, string path)
    {
        if (path.Length == 0)
        {
            return null;
        }

        try
        {
            using FileStream f = File.OpenRead(path);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return name + ": cannot read " + path + " (" + e.Message + ")";
        }
    }
}
