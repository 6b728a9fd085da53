namespace NesMep.Host.Mqtt;

/// <summary>How <see cref="MqttNetConnection"/> reaches and logs in to the broker.</summary>
public sealed class MqttConnectOptions
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    public bool Tls { get; set; }

    /// <summary>PEM file with the CA certificate(s) that may sign the broker's certificate; null: system trust store.</summary>
    public string? CaFile { get; set; }

    /// <summary>Client certificate: PEM (with the key inside, or <see cref="ClientKey"/>) or PKCS#12 (.pfx/.p12).</summary>
    public string? ClientCert { get; set; }

    public string? ClientKey { get; set; }

    public string ClientId { get; set; } = "nesmep";

    public string? User { get; set; }

    public string? Password { get; set; }

    public int KeepAliveS { get; set; } = 60;

    /// <summary>Retained QoS 1 last will, published by the broker when the connection breaks without DISCONNECT.</summary>
    public string? WillTopic { get; set; }

    public byte[]? WillPayload { get; set; }

    /// <summary>Budget for TCP connect, TLS handshake and CONNACK, and for each acknowledgement afterwards.</summary>
    public int ConnectTimeoutMs { get; set; } = 10_000;

    /// <summary>Most publications handed to MQTTnet and not yet finished (QoS 1: not yet acknowledged).</summary>
    public int MaxInFlight { get; set; } = 32;

    /// <summary>Received messages kept until the supervisor takes them; more are dropped (a flood on a subscribed topic).</summary>
    public int MaxReceived { get; set; } = 1024;

    public string Endpoint => Host + ":" + Port;
}
