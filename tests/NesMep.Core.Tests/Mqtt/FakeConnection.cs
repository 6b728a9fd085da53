#nullable enable
using System.Text;
using NesMep.Core.Mqtt;

namespace NesMep.Core.Tests.Mqtt;

/// <summary>An <see cref="IMqttConnection"/> the test drives: it says when an attempt connects or fails and what was sent.</summary>
public sealed class FakeConnection : IMqttConnection
{
    private readonly Queue<(string Topic, byte[] Payload)> _incoming = new();

    public int State { get; private set; } = MqttConnectionState.Idle;

    public MqttErrorKind ErrorKind { get; private set; }

    public string ErrorText { get; private set; } = "";

    /// <summary>Publications taken and not yet "acknowledged" (see <see cref="AckAll"/>).</summary>
    public int Pending { get; set; }

    /// <summary>When true, publications stay pending until <see cref="AckAll"/>.</summary>
    public bool HoldAcks { get; set; }

    /// <summary>Most pending publications before <see cref="TryPublish"/> refuses.</summary>
    public int MaxInFlight { get; set; } = 1000;

    public int Starts { get; private set; }

    public int Disconnects { get; private set; }

    public int Aborts { get; private set; }

    public List<string> Subscribed { get; } = new();

    public List<(string Topic, string Payload, int Qos, bool Retain)> Sent { get; } = new();

    public void StartConnect()
    {
        Starts++;
        State = MqttConnectionState.Connecting;
        ErrorKind = MqttErrorKind.None;
        ErrorText = "";
        Pending = 0;
    }

    /// <summary>The broker accepts the attempt under way.</summary>
    public void Accept() => State = MqttConnectionState.Connected;

    /// <summary>The attempt fails, or the connection breaks.</summary>
    public void Fail(MqttErrorKind kind, string text)
    {
        State = MqttConnectionState.Closed;
        ErrorKind = kind;
        ErrorText = text;
    }

    public void Receive(string topic, string payload) => _incoming.Enqueue((topic, Encoding.UTF8.GetBytes(payload)));

    public void AckAll() => Pending = 0;

    public bool TryPublish(string topic, byte[] payload, int qos, bool retain)
    {
        if (State != MqttConnectionState.Connected || Pending >= MaxInFlight)
        {
            return false;
        }

        Sent.Add((topic, Encoding.UTF8.GetString(payload), qos, retain));
        if (HoldAcks)
        {
            Pending++;
        }

        return true;
    }

    public void Subscribe(string[] filters) => Subscribed.AddRange(filters);

    public bool TryReceive(out string topic, out byte[] payload)
    {
        if (_incoming.TryDequeue(out var m))
        {
            (topic, payload) = m;
            return true;
        }

        topic = "";
        payload = [];
        return false;
    }

    public void Disconnect()
    {
        Disconnects++;
        State = MqttConnectionState.Idle;
    }

    public void Abort()
    {
        Aborts++;
        State = MqttConnectionState.Idle;
    }
}
