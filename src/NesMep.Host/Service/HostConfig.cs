using System.Net;
using NesMep.Core.Link;
using NesMep.Core.Model;
using NesMep.Core.Platform;
using NesMep.Core.Polling;
using NesMep.Core.Protocol;

namespace NesMep.Host.Service;

/// <summary>Where the meter bytes come from.</summary>
public enum MeterSource
{
    Simulator,
    Serial,
    Tcp,
}

/// <summary>
/// Settings of the Linux service: a JSON file (docs/configuration in README) with command-line
/// overrides. <see cref="Validate"/> reports the first problem in words a user can act on; the
/// core's own settings classes validate their parts.
/// </summary>
public sealed class HostConfig
{
    /// <summary>Key the built-in simulated meter accepts as MBK when no key is given (not a secret).</summary>
    public const string SimulatorDemoKey = "NesMep-virtual-key!!";

    public MeterSource Source { get; set; } = MeterSource.Simulator;

    public string? SerialPath { get; set; }

    public int Baud { get; set; } = 9600;

    public string? TcpEndpoint { get; set; }

    /// <summary>The MEP key text as entered (never logged).</summary>
    public string? Key { get; set; }

    public string ResetLines { get; set; } = "dtr";

    public string ResetPolarity { get; set; } = "active-high";

    public string HttpListen { get; set; } = "127.0.0.1:8080";

    public LogLevel LogLevel { get; set; } = LogLevel.Info;

    public string SimulatorProfile { get; set; } = "gen3";

    public bool SimulatorSolar { get; set; } = true;

    public string SimulatorFaults { get; set; } = "none";

    public LinkSettings Link { get; } = new();

    public PollSettings Poll { get; } = new();

    public QualitySettings Quality { get; } = new();

    /// <summary>MQTT publishing (docs/mqtt.md); null: off.</summary>
    public NesMep.Core.Mqtt.MqttSettings? Mqtt { get; set; }

    /// <summary>
    /// False keeps the MQTT settings (so the web UI can switch them back on) without publishing:
    /// the config file's <c>mqtt.enabled</c>.
    /// </summary>
    public bool MqttEnabled { get; set; } = true;

    /// <summary>Web UI settings: the config file's <c>web</c> section (docs/webui.md).</summary>
    public HostWebConfig Web { get; private set; } = new();

    /// <summary>
    /// The JSON file the web UI saves settings to: the <c>--config</c> file, or
    /// <c>&lt;state dir&gt;/nesmep.json</c>. Null: the UI keeps changes in memory only.
    /// </summary>
    public string? SettingsPath { get; set; }

    /// <summary>
    /// Where the service keeps its own state (<c>--state-dir</c>): the simulated meter's energy
    /// registers. Null: nothing is kept (tests).
    /// </summary>
    public string? StateDir { get; set; }

    /// <summary>Folder of the web UI files; null: <c>webui/</c> next to the program.</summary>
    public string? WebRoot { get; set; }

    /// <summary>PBKDF2 rounds for new web-password hashes (tests lower it to stay fast).</summary>
    public int PasswordIterations { get; set; } = 200_000;

    /// <summary>True when MQTT settings exist and are switched on.</summary>
    public bool MqttActive => Mqtt != null && MqttEnabled;

    /// <summary>A deep copy, so new settings can be prepared without touching the ones in use.</summary>
    /// <summary>
    /// The key came from NESMEP_KEY or --key: it stays out of the settings file when the web UI saves,
    /// as the README promises. A key typed into the UI is saved.
    /// </summary>
    public bool KeyFromEnvironmentOrOption { get; set; }

    public HostConfig Clone()
    {
        // A fresh instance owns fresh Link/Poll/Quality objects (get-only), then every settable
        // property is copied; reflection keeps this right when a setting is added.
        var c = new HostConfig();
        foreach (System.Reflection.PropertyInfo p in typeof(HostConfig).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            if (p.SetMethod is { IsPublic: true })
            {
                p.SetValue(c, p.GetValue(this));
            }
        }

        c.Mqtt = Mqtt?.Copy();
        c.Web = Web.Copy();
        CopyFields(Link, c.Link);
        CopyFields(Poll, c.Poll);
        CopyFields(Quality, c.Quality);
        return c;
    }

    /// <summary>Null when everything is usable, else the first problem.</summary>
    public string? Validate()
    {
        switch (Source)
        {
            case MeterSource.Serial when string.IsNullOrWhiteSpace(SerialPath):
                return "meter.serial: give the serial device, e.g. /dev/ttyUSB0";
            case MeterSource.Tcp when !TryParseHostPort(TcpEndpoint, out _, out int tcpPort) || tcpPort == 0:
                return "meter.tcp: give host:port of the serial server, e.g. 192.168.1.20:3001";
        }

        if (Source != MeterSource.Simulator)
        {
            if (string.IsNullOrWhiteSpace(Key))
            {
                return "meter.key: a real meter needs its MEP key (MBK) from the utility";
            }

            if (MepKey.TryParse(Key, out string? keyError) == null)
            {
                return "meter.key: " + keyError;
            }
        }
        else if (Key != null && MepKey.TryParse(Key, out string? simKeyError) == null)
        {
            return "meter.key: " + simKeyError;
        }

        if (Array.IndexOf(Transports.TermiosSerialPortBauds(), Baud) < 0)
        {
            return "meter.baud: " + Baud + " is not supported; use one of " + string.Join(", ", Transports.TermiosSerialPortBauds());
        }

        if (ResetLines is not ("dtr" or "rts" or "both" or "none"))
        {
            return "meter.reset_line: use dtr, rts, both or none";
        }

        if (ResetPolarity is not ("active-high" or "active-low"))
        {
            return "meter.reset_polarity: use active-high or active-low";
        }

        // Kestrel binds every interface for a host name it cannot parse, so only IP addresses
        // (and localhost) are accepted: a typo must not open the service to the network.
        if (!TryParseHostPort(HttpListen, out string listenHost, out _) || !(listenHost == "localhost" || IPAddress.TryParse(listenHost, out _)))
        {
            return "http.listen: use IP-ADDRESS:PORT, e.g. 127.0.0.1:8080 or 0.0.0.0:80";
        }

        if (SimulatorProfile is not ("gen3" or "gen3-demand" or "gen4"))
        {
            return "simulator.profile: use gen3, gen3-demand or gen4";
        }

        if (SimulatorFaults is not ("none" or "realistic"))
        {
            return "simulator.faults: use none or realistic";
        }

        string? error = Link.Validate();
        if (error != null)
        {
            return "link: " + error;
        }

        error = Poll.Validate();
        if (error != null)
        {
            return "poll: " + error;
        }

        error = Quality.Validate();
        if (error != null)
        {
            return "quality: " + error;
        }

        error = Web.Validate();
        if (error != null)
        {
            return "web." + error;
        }

        error = MqttActive ? NesMep.Host.Mqtt.MqttHostSetup.Validate(Mqtt!) : null;
        return error == null ? null : "mqtt." + error;
    }

    /// <summary>Copies the public fields of a core settings object (reflection keeps this right when the core adds one).</summary>
    private static void CopyFields(object from, object to)
    {
        foreach (System.Reflection.FieldInfo f in from.GetType().GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            if (!f.IsInitOnly)
            {
                f.SetValue(to, f.GetValue(from));
            }
        }
    }

    /// <summary>The key the client uses: the configured one, or the simulator's demo key.</summary>
    public MepKey ClientKey() => MepKey.Parse(Key ?? SimulatorDemoKey);

    public static bool TryParseHostPort(string? text, out string host, out int port)
    {
        host = "";
        port = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        int colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        host = text.Substring(0, colon).Trim('[', ']');
        return int.TryParse(text.AsSpan(colon + 1), out port) && port >= 0 && port <= 65535 && host.Length > 0;
    }

    /// <summary>The address Kestrel should bind, e.g. http://127.0.0.1:8080.</summary>
    public string HttpUrl()
    {
        TryParseHostPort(HttpListen, out string host, out int port);
        if (IPAddress.TryParse(host, out IPAddress? ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            host = "[" + host + "]";
        }

        return "http://" + host + ":" + port;
    }
}

/// <summary>The config file's <c>web</c> section: what the web UI needs beyond the meter settings.</summary>
public sealed class HostWebConfig
{
    /// <summary>PBKDF2 hash of the web password (never the password); empty until the first-start setup.</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary>Shown in the UI and /api/v1/info; the mDNS name on the device.</summary>
    public string Hostname { get; set; } = NesMep.Core.Web.ModuleSettings.DefaultHostname;

    /// <summary>When true, /api/v1/reading, /info and /status need the API token or a login.</summary>
    public bool RequireApiToken { get; set; }

    /// <summary>Salted hash of the API token; empty: none set.</summary>
    public string ApiTokenHash { get; set; } = "";

    /// <summary>
    /// Whether the first-start form asks for the setup code (not a file setting): null decides by
    /// the listen address, true when the UI is reachable beyond loopback before it has a password.
    /// </summary>
    public bool? RequireSetupCode { get; set; }

    public HostWebConfig Copy() => (HostWebConfig)MemberwiseClone();

    public string? Validate()
    {
        if (PasswordHash.Length > 0 && !NesMep.Core.Web.PasswordHash.IsWellFormed(PasswordHash))
        {
            return "password_hash: not a hash written by nesmep; delete it to set a new password through the web UI";
        }

        if (ApiTokenHash.Length > 0 && !NesMep.Core.Web.PasswordHash.IsWellFormed(ApiTokenHash))
        {
            return "api_token_hash: not a hash written by nesmep; delete it and set a new token through the web UI";
        }

        string? hostError = NesMep.Core.Web.WebText.CheckHostName(Hostname);
        if (hostError != null)
        {
            return "hostname: " + hostError;
        }

        return RequireApiToken && ApiTokenHash.Length == 0 ? "require_api_token: set api_token_hash (through the web UI) first" : null;
    }
}
