namespace NesMep.Core.Mqtt
{
    /// <summary>Why a connection to the broker failed or ended, by name (docs/mqtt.md).</summary>
    public enum MqttErrorKind
    {
        /// <summary>No error recorded yet.</summary>
        None,

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

    /// <summary>Names of <see cref="MqttErrorKind"/> for logs and status.</summary>
    public static class MqttErrors
    {
        /// <summary>Short name: "bad credentials", "not authorised", …</summary>
        public static string Name(MqttErrorKind kind)
        {
            switch (kind)
            {
                case MqttErrorKind.None: return "no error";
                case MqttErrorKind.Unreachable: return "broker unreachable";
                case MqttErrorKind.TlsFailure: return "TLS failure";
                case MqttErrorKind.BadCredentials: return "bad credentials";
                case MqttErrorKind.NotAuthorized: return "not authorised";
                case MqttErrorKind.IdentifierRejected: return "client id rejected";
                case MqttErrorKind.ServerUnavailable: return "server unavailable";
                case MqttErrorKind.UnacceptableProtocol: return "protocol version refused";
                case MqttErrorKind.Timeout: return "timeout";
                case MqttErrorKind.ConnectionLost: return "connection lost";
                case MqttErrorKind.ProtocolError: return "protocol error";
                default: return "configuration error";
            }
        }

        /// <summary>Failures that retrying will not fix by itself (the user must change a setting): logged as errors.</summary>
        public static bool NeedsUser(MqttErrorKind kind)
        {
            return kind == MqttErrorKind.BadCredentials || kind == MqttErrorKind.NotAuthorized
                || kind == MqttErrorKind.TlsFailure || kind == MqttErrorKind.Configuration;
        }
    }
}
