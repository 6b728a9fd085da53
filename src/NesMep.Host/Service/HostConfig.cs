using System.Net;
using NesMep.Core.Link;
using NesMep.Core.Model;
using NesMep.Core.Platform;
using NesMep.Core.Polling;
using NesMep.Core.Protocol;
using NesMep.Core.Settings;
using NesMep.Core.Web;

namespace NesMep.Host.Service;

/// <summary>Where the meter bytes come from.</summary>
public enum MeterSource
{
    Simulator,
    Serial,
    Tcp,
}

/// <summary>
/// Settings of the Linux service: the host-only ones (meter source, serial device, listen
/// address, state dir, web root, simulator options) plus the core's settings model
/// (<see cref="Settings"/>), which has the one set of defaults, ranges and messages
/// (docs/configuration.md). Read from the JSON config file, then the web UI's saved settings,
/// then NESMEP_KEY, NESMEP_OPTICAL_KEY and command-line options.
/// </summary>
public sealed class HostConfig
{
    /// <summary>Key the built-in simulated meter accepts as MBK when no key is given (not a secret).</summary>
    public const string SimulatorDemoKey = "NesMep-virtual-key!!";

    private bool _mqttConfigured;

    public MeterSource Source { get; set; } = MeterSource.Simulator;

    public string? SerialPath { get; set; }

    public string? TcpEndpoint { get; set; }

    public string ResetLines { get; set; } = "dtr";

    public string ResetPolarity { get; set; } = "active-high";

    public string HttpListen { get; set; } = "127.0.0.1:8080";

    public string SimulatorProfile { get; set; } = "gen3";

    public bool SimulatorSolar { get; set; } = true;

    public string SimulatorFaults { get; set; } = "none";

    /// <summary>The core's settings model: meter key, link, poll, quality, MQTT, web access, log level.</summary>
    public ModuleSettings Settings { get; set; } = new();

    /// <summary>The MEP key text as entered (never logged); null: none.</summary>
    public string? Key
    {
        get => Settings.MeterKey.Length == 0 ? null : Settings.MeterKey;
        set => Settings.MeterKey = value ?? "";
    }

    /// <summary>The optical-port password as entered (never logged); null: none.</summary>
    public string? OpticalKey
    {
        get => Settings.OpticalKey.Length == 0 ? null : Settings.OpticalKey;
        set => Settings.OpticalKey = value ?? "";
    }

    /// <summary>meter.port: the link the meter side builds (mep or optical).</summary>
    public string MeterPort => Settings.MeterPortName;

    /// <summary>The serial speed of the chosen port: meter.baud for MEP, optical.baud for the optical port.</summary>
    public int SerialBaud => MeterPort == LinkKind.Optical ? Settings.OpticalBaud : Baud;

    /// <summary>Reads the meter's optical port through an IR head on <paramref name="device"/> (nesmep run --optical).</summary>
    public void UseOpticalPort(string device)
    {
        Source = MeterSource.Serial;
        SerialPath = device;
        Settings.MeterPort = SettingsTable.MeterPort.ChoiceIndex(LinkKind.Optical);
    }

    /// <summary>--baud: the speed of the chosen port (meter.baud for MEP, optical.baud for the optical port).</summary>
    public void SetSerialBaud(int baud)
    {
        if (MeterPort == LinkKind.Optical)
        {
            Settings.OpticalBaud = baud;
        }
        else
        {
            Baud = baud;
        }
    }

    /// <summary>meter.baud: the serial speed and the link's timing.</summary>
    public int Baud
    {
        get => Settings.Link.BaudRate;
        set => Settings.Link.BaudRate = value;
    }

    public LogLevel LogLevel
    {
        get => Settings.LogLevel;
        set => Settings.LogLevel = value;
    }

    public LinkSettings Link => Settings.Link;

    public PollSettings Poll => Settings.Poll;

    public QualitySettings Quality => Settings.Quality;

    /// <summary>
    /// MQTT publishing (docs/mqtt.md); null: never configured. Setting it switches MQTT on (as an
    /// mqtt section in the config file does unless it says <c>"enabled": false</c>).
    /// </summary>
    public NesMep.Core.Mqtt.MqttSettings? Mqtt
    {
        get => _mqttConfigured || Settings.MqttEnabled ? Settings.Mqtt : null;
        set
        {
            _mqttConfigured = value != null;
            Settings.Mqtt = value ?? new NesMep.Core.Mqtt.MqttSettings();
            Settings.MqttEnabled = value != null;
        }
    }

    /// <summary>False keeps the MQTT settings (so the web UI can switch them back on) without publishing.</summary>
    public bool MqttEnabled
    {
        get => Settings.MqttEnabled;
        set => Settings.MqttEnabled = value;
    }

    /// <summary>The web settings of the model, plus whether the first start asks for a setup code.</summary>
    public HostWebConfig Web => new(this);

    /// <summary>
    /// Whether the first-start form asks for the setup code (not a file setting): null decides by
    /// the listen address, true when the UI is reachable beyond loopback before it has a password.
    /// </summary>
    public bool? RequireSetupCode { get; set; }

    /// <summary>
    /// The JSON config file: the <c>--config</c> file, or <c>&lt;state dir&gt;/nesmep.json</c>. The
    /// web UI saves next to it (<see cref="SavedSettingsPath"/>). Null: the UI keeps changes in memory only.
    /// </summary>
    public string? SettingsPath { get; set; }

    /// <summary>The web UI's saved settings (core settings codec): the config file's name with ".settings".</summary>
    public string? SavedSettingsPath => SavedPathFor(SettingsPath);

    /// <summary>
    /// Where the service keeps its own state (<c>--state-dir</c>): the simulated meter's energy
    /// registers. Null: nothing is kept (tests).
    /// </summary>
    public string? StateDir { get; set; }

    /// <summary>Folder of the web UI files; null: <c>webui/</c> next to the program.</summary>
    public string? WebRoot { get; set; }

    /// <summary>PBKDF2 rounds for new web-password hashes (tests lower it to stay fast).</summary>
    public int PasswordIterations { get; set; } = 200_000;

    /// <summary>
    /// The key came from NESMEP_KEY or --key: it stays out of the saved settings, as the README
    /// promises. A key typed into the UI is saved.
    /// </summary>
    public bool KeyFromEnvironmentOrOption { get; set; }

    /// <summary>The optical key came from NESMEP_OPTICAL_KEY: it stays out of the saved settings too.</summary>
    public bool OpticalKeyFromEnvironment { get; set; }

    /// <summary>Applies NESMEP_OPTICAL_KEY (when set and not empty) over the files' optical key.</summary>
    public void ApplyOpticalKeyEnvironment(string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            OpticalKey = value;
            OpticalKeyFromEnvironment = true;
        }
    }

    /// <summary>Problems found in the saved settings at start (logged as warnings; the file was kept).</summary>
    public List<string> LoadProblems { get; private set; } = [];

    /// <summary>True when MQTT is switched on.</summary>
    public bool MqttActive => Settings.MqttEnabled;

    /// <summary>Marks MQTT as configured (an mqtt section or saved MQTT settings were read).</summary>
    public void MarkMqttConfigured() => _mqttConfigured = true;

    public static string? SavedPathFor(string? configPath)
    {
        if (configPath == null)
        {
            return null;
        }

        string saved = Path.ChangeExtension(configPath, ".settings");
        return saved == configPath ? configPath + ".saved" : saved;
    }

    /// <summary>A deep copy, so new settings can be prepared without touching the ones in use.</summary>
    public HostConfig Clone()
    {
        var c = (HostConfig)MemberwiseClone();
        c.Settings = Settings.Copy();
        c.LoadProblems = [.. LoadProblems];
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

        if (Source != MeterSource.Simulator && MeterPort == LinkKind.Mep)
        {
            // The optical port reads BT00, BT01 and ET03 without a key (§13.2), so only MEP needs one here.
            if (string.IsNullOrWhiteSpace(Key))
            {
                return "meter.key: a real meter needs its MEP key (MBK) from the utility";
            }

        }

        // The core model next, so a bad value gets the same words as in the web UI and on the device.
        string? error = SettingsValidator.FirstError(Settings, true);
        if (error != null)
        {
            return error;
        }

        if (Array.IndexOf(Transports.TermiosSerialPortBauds(), SerialBaud) < 0)
        {
            return (MeterPort == LinkKind.Optical ? "optical.baud: " : "meter.baud: ") + SerialBaud + " is not supported; use one of " +
                string.Join(", ", Transports.TermiosSerialPortBauds());
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

        // The certificate files must also be readable here (the model checks only their names).
        error = MqttActive ? NesMep.Host.Mqtt.MqttHostSetup.Validate(Settings.Mqtt) : null;
        return error == null ? null : "mqtt." + error;
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

/// <summary>The config file's <c>web</c> section, as a view on the host's settings model.</summary>
public sealed class HostWebConfig
{
    private readonly HostConfig _owner;

    public HostWebConfig(HostConfig owner) => _owner = owner;

    /// <summary>PBKDF2 hash of the web password (never the password); empty until the first-start setup.</summary>
    public string PasswordHash
    {
        get => _owner.Settings.WebPasswordHash;
        set => _owner.Settings.WebPasswordHash = value;
    }

    /// <summary>Shown in the UI and /api/v1/info; the mDNS name on the device.</summary>
    public string Hostname
    {
        get => _owner.Settings.Hostname;
        set => _owner.Settings.Hostname = value;
    }

    /// <summary>When true, /api/v1/reading, /info and /status need the API token or a login.</summary>
    public bool RequireApiToken
    {
        get => _owner.Settings.RequireApiToken;
        set => _owner.Settings.RequireApiToken = value;
    }

    /// <summary>Salted hash of the API token; empty: none set.</summary>
    public string ApiTokenHash
    {
        get => _owner.Settings.ApiTokenHash;
        set => _owner.Settings.ApiTokenHash = value;
    }

    /// <summary>See <see cref="HostConfig.RequireSetupCode"/>.</summary>
    public bool? RequireSetupCode
    {
        get => _owner.RequireSetupCode;
        set => _owner.RequireSetupCode = value;
    }
}
