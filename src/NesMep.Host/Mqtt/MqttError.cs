namespace NesMep.Host.Mqtt;

/// <summary>Why a connection to the broker failed or ended, by name (docs/mqtt.md).</summary>
public enum MqttErrorKind
{
    /// <summary>No TCP connection: host unknown, refused, unroutable or timed out.</summary>
    Unreachable,

    /// <summary>TLS handshake failed: untrusted or mismatching certificate, protocol mismatch, bad client certificate.</summary>
    TlsFailure,

    /// <summary>CONNACK 4: the broker rejected the user name or password.</summary>
    BadCredentials,

    /// <summary>CONNACK 5: the client is not allowed to connect (no or wrong credentials, ACL).</summary>
    NotAuthorized,

    /// <summary>CONNACK 2: the client id was refused.</summary>
    IdentifierRejected,

    /// <summary>CONNACK 3: the MQTT service is unavailable.</summary>
    ServerUnavailable,

    /// <summary>CONNACK 1: the broker does not speak MQTT 3.1.1.</summary>
    UnacceptableProtocol,

    /// <summary>The broker did not answer CONNACK or PINGREQ in time.</summary>
    Timeout,

    /// <summary>An established connection broke (broker stopped, network gone, write failed).</summary>
    ConnectionLost,

    /// <summary>The broker sent something that is not MQTT 3.1.1.</summary>
    ProtocolError,

    /// <summary>A local problem before connecting, e.g. a certificate file that cannot be read.</summary>
    Configuration,
}

/// <summary>A failed or broken broker connection, with its <see cref="MqttErrorKind"/>.</summary>
public sealed class MqttException : Exception
{
    public MqttException(MqttErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    public MqttErrorKind Kind { get; }

    /// <summary>Short name for logs and status: "bad credentials", "not authorised", …</summary>
    public static string Name(MqttErrorKind kind) => kind switch
    {
        MqttErrorKind.Unreachable => "broker unreachable",
        MqttErrorKind.TlsFailure => "TLS failure",
        MqttErrorKind.BadCredentials => "bad credentials",
        MqttErrorKind.NotAuthorized => "not authorised",
        MqttErrorKind.IdentifierRejected => "client id rejected",
        MqttErrorKind.ServerUnavailable => "server unavailable",
        MqttErrorKind.UnacceptableProtocol => "protocol version refused",
        MqttErrorKind.Timeout => "timeout",
        MqttErrorKind.ConnectionLost => "connection lost",
        MqttErrorKind.ProtocolError => "protocol error",
        _ => "configuration error",
    };
}
