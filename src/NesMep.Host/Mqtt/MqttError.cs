using System.Net.Sockets;
using System.Security.Authentication;
using MQTTnet;
using MQTTnet.Exceptions;
using NesMep.Core.Mqtt;

namespace NesMep.Host.Mqtt;

/// <summary>A failed or broken broker connection, with its <see cref="MqttErrorKind"/>.</summary>
public sealed class MqttFailure : Exception
{
    public MqttFailure(MqttErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    public MqttErrorKind Kind { get; }

    /// <summary>A refused CONNACK in words (never the password).</summary>
    public static MqttFailure FromConnAck(MqttClientConnectResultCode code, MqttConnectOptions o)
    {
        string broker = "broker " + o.Endpoint;
        string user = string.IsNullOrEmpty(o.User) ? "without user name" : "as user '" + o.User + "'";
        return code switch
        {
            MqttClientConnectResultCode.UnsupportedProtocolVersion => new(MqttErrorKind.UnacceptableProtocol, broker + " refused MQTT 3.1.1 (CONNACK 1)"),
            MqttClientConnectResultCode.ClientIdentifierNotValid => new(MqttErrorKind.IdentifierRejected, broker + " rejected client id '" + o.ClientId + "' (CONNACK 2)"),
            MqttClientConnectResultCode.ServerUnavailable or MqttClientConnectResultCode.ServerBusy =>
                new(MqttErrorKind.ServerUnavailable, broker + " says the MQTT service is unavailable (CONNACK 3)"),
            MqttClientConnectResultCode.BadUserNameOrPassword => new(MqttErrorKind.BadCredentials, broker + " rejected the user name or password " + user + " (CONNACK 4)"),
            MqttClientConnectResultCode.NotAuthorized => new(MqttErrorKind.NotAuthorized, broker + " refused the connection " + user + ": not authorised - check user and password (CONNACK 5)"),
            _ => new(MqttErrorKind.ProtocolError, broker + " answered CONNACK " + code),
        };
    }

    /// <summary>
    /// What an exception from MQTTnet during CONNECT means: unreachable, TLS, timeout, closed, protocol.
    /// <paramref name="tlsRejection"/> is why our certificate check refused the broker, if it did.
    /// </summary>
    public static MqttFailure FromConnect(Exception e, MqttConnectOptions o, string? tlsRejection)
    {
        string broker = "broker " + o.Endpoint;
        if (e is MqttFailure known)
        {
            return known;
        }

        if (tlsRejection != null || Find<AuthenticationException>(e) != null)
        {
            return new(MqttErrorKind.TlsFailure, "TLS with " + broker + " failed: " + (tlsRejection ?? Find<AuthenticationException>(e)!.Message), e);
        }

        if (Find<SocketException>(e) is { } socket)
        {
            string? why = socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused (is the broker running and listening on that port?)",
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host name not found",
                SocketError.NetworkUnreachable or SocketError.HostUnreachable => "no route to host",
                SocketError.TimedOut => "connection timed out",
                SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.NotConnected or SocketError.Shutdown => null, // reached, then closed
                _ => socket.Message,
            };
            if (why != null)
            {
                return new(MqttErrorKind.Unreachable, broker + " unreachable: " + why, e);
            }
        }

        if (Find<MqttCommunicationTimedOutException>(e) != null || Find<OperationCanceledException>(e) != null || Find<TimeoutException>(e) != null)
        {
            return new(MqttErrorKind.Timeout, broker + " did not accept the connection within " + o.ConnectTimeoutMs + " ms", e);
        }

        if (Find<MqttProtocolViolationException>(e) is { } violation)
        {
            return new(MqttErrorKind.ProtocolError, broker + " answered CONNECT with something that is not MQTT: " + violation.Message, e);
        }

        if (Find<MqttCommunicationException>(e) != null || Find<IOException>(e) != null || Find<SocketException>(e) != null)
        {
            return new(MqttErrorKind.ConnectionLost, broker + " closed the connection before accepting it: " + Innermost(e).Message, e);
        }

        return new(MqttErrorKind.ProtocolError, "connecting to " + broker + " failed: " + Innermost(e).Message, e);
    }

    /// <summary>Why an established connection ended, from MQTTnet's disconnect event.</summary>
    public static MqttFailure FromDisconnect(MqttClientDisconnectedEventArgs e, MqttConnectOptions o)
    {
        string broker = "broker " + o.Endpoint;
        if (e.Reason == MqttClientDisconnectReason.KeepAliveTimeout || (e.Exception != null && Find<MqttCommunicationTimedOutException>(e.Exception) != null))
        {
            return new(MqttErrorKind.Timeout, broker + " did not answer within the keep-alive of " + o.KeepAliveS + " s", e.Exception);
        }

        string detail = e.Exception == null ? "" : ": " + Innermost(e.Exception).Message;
        return new(MqttErrorKind.ConnectionLost, "connection to " + broker + " lost" + (detail.Length == 0 ? " (the broker closed it)" : detail), e.Exception);
    }

    private static T? Find<T>(Exception? e)
        where T : Exception
    {
        for (; e != null; e = e.InnerException)
        {
            if (e is T t)
            {
                return t;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException != null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
