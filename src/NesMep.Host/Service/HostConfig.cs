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

    /// <summary>Null when everything is usable, else the first problem.</summary>
    public string? Validate()
    {
        switch (Source)
        {
            case MeterSource.Serial when string.IsNullOrWhiteSpace(SerialPath):
                return "meter.serial: give the serial device, e.g. /dev/ttyUSB0";
            case MeterSource.Tcp when !TryParseHostPort(TcpEndpoint, out _, out _):
                return "meter.tcp: give host:port of the serial server, e.g. 192.168.1.20:3001";
        }

        if (Source != MeterSource.Simulator)
        {
            if (string.IsNullOrWhiteSpace(Key))
            {
                return "meter.key: a real meter needs its MEP key (MBK) from the utility";
            }

            if (MepKey.TryParse(Key, out string keyError) == null)
            {
                return "meter.key: " + keyError;
            }
        }
        else if (Key != null && MepKey.TryParse(Key, out string simKeyError) == null)
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

        if (!TryParseHostPort(HttpListen, out _, out _))
        {
            return "http.listen: use ADDRESS:PORT, e.g. 127.0.0.1:8080 or 0.0.0.0:80";
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

        error = Mqtt == null ? null : NesMep.Host.Mqtt.MqttHostSetup.Validate(Mqtt);
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
