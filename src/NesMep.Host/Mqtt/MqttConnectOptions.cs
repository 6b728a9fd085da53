namespace NesMep.Host.Mqtt;

/// <summary>How to reach and log in to the broker.</summary>
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

    public string? WillTopic { get; set; }

    public byte[]? WillPayload { get; set; }

    public int WillQos { get; set; } = 1;

    public bool WillRetain { get; set; } = true;

    /// <summary>Budget for TCP connect, TLS handshake and CONNACK, each.</summary>
    public int ConnectTimeoutMs { get; set; } = 10_000;

    /// <summary>A blocked socket write longer than this breaks the connection.</summary>
    public int WriteTimeoutMs { get; set; } = 10_000;

    public string Endpoint => Host + ":" + Port;

    /// <summary>
    /// Aborts a connection attempt in any phase (TCP, TLS, waiting for CONNACK): the service
    /// cancels it when it stops, so an attempt never outlives a settings restart.
    /// </summary>
    public CancellationToken Cancel { get; set; }
}
