using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NesMep.Host.Mqtt;

/// <summary>
/// A small MQTT 3.1.1 client (clean session only): CONNECT with keep-alive, credentials and a
/// last will; PUBLISH QoS 0/1 with PUBACK tracking; SUBSCRIBE; PINGREQ; DISCONNECT; optional TLS
/// through <see cref="SslStream"/>. One instance is one connection: <see cref="Connect"/> either
/// returns a connected client or throws an <see cref="MqttException"/> naming the failure. A
/// background thread reads packets; anything may write (writes are serialised). The owner drives
/// keep-alive with <see cref="KeepAlive"/> and reconnects by creating a new client.
/// </summary>
public sealed class MqttClient : IDisposable
{
    private readonly MqttConnectOptions _options;
    private readonly TcpClient _tcp;
    private readonly Stream _stream;
    private readonly object _writeLock = new();
    private readonly object _stateLock = new();
    private readonly Dictionary<ushort, string> _inFlight = new();
    private readonly ConcurrentQueue<MqttMessage> _received = new();
    private readonly Thread _reader;
    private ushort _nextId;
    private long _lastSentMs;
    private long _lastReceivedMs;
    private long _pingSentMs = -1;
    private int _closed;

    private MqttClient(MqttConnectOptions options, TcpClient tcp, Stream stream)
    {
        _options = options;
        _tcp = tcp;
        _stream = stream;
        _lastSentMs = _lastReceivedMs = NowMs;
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "mqtt-read" };
    }

    /// <summary>Signalled when a message arrives or the connection ends.</summary>
    public AutoResetEvent Activity { get; } = new(false);

    public bool IsConnected => Volatile.Read(ref _closed) == 0;

    /// <summary>Why the connection ended (null while connected or after <see cref="Disconnect"/>).</summary>
    public MqttException? CloseReason { get; private set; }

    /// <summary>QoS 1 publications sent and not yet acknowledged.</summary>
    public int InFlight
    {
        get
        {
            lock (_stateLock)
            {
                return _inFlight.Count;
            }
        }
    }

    public int PubAcksReceived { get; private set; }

    public int PingsSent { get; private set; }

    public int PingResponses { get; private set; }

    /// <summary>SUBACK return codes by packet id order (0x80 = refused).</summary>
    public ConcurrentQueue<int> GrantedQos { get; } = new();

    public MqttConnectOptions Options => _options;

    private static long NowMs => Stopwatch.GetTimestamp() * 1000 / Stopwatch.Frequency;

    /// <summary>Opens TCP (and TLS), sends CONNECT and waits for a CONNACK that accepts.</summary>
    public static MqttClient Connect(MqttConnectOptions o)
    {
        X509Certificate2Collection? ca = null;
        X509Certificate2? clientCert = null;
        if (o.Tls)
        {
            ca = MqttTransport.LoadCa(o.CaFile);
            clientCert = MqttTransport.LoadClientCertificate(o.ClientCert, o.ClientKey);
        }

        TcpClient tcp = MqttTransport.OpenTcp(o);
        Stream stream;

        // Closing the socket is what ends a blocking TLS handshake or CONNACK read at once.
        CancellationTokenRegistration abort = o.Cancel.Register(tcp.Dispose);
        try
        {
            NetworkStream net = tcp.GetStream();
            net.WriteTimeout = o.WriteTimeoutMs;
            stream = net;
            if (o.Tls)
            {
                stream = MqttTransport.StartTls(o, net, ca, clientCert);
            }

            stream.ReadTimeout = o.ConnectTimeoutMs;
            var client = new MqttClient(o, tcp, stream);
            client.Handshake();
            stream.ReadTimeout = Timeout.Infinite;
            abort.Dispose();
            o.Cancel.ThrowIfCancellationRequested();
            client._reader.Start();
            return client;
        }
        catch (Exception e) when (o.Cancel.IsCancellationRequested)
        {
            abort.Dispose();
            tcp.Dispose();
            throw MqttTransport.Cancelled(o, e);
        }
        catch
        {
            abort.Dispose();
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>Sends a PUBLISH; QoS 1 messages are tracked until their PUBACK. Returns the packet id (0 for QoS 0).</summary>
    public ushort Publish(string topic, byte[] payload, int qos, bool retain)
    {
        if (qos is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(qos), "this client publishes QoS 0 or 1");
        }

        string? bad = MqttCodec.CheckTopicName(topic);
        if (bad != null)
        {
            throw new ArgumentException(bad, nameof(topic));
        }

        ushort id = 0;
        if (qos == 1)
        {
            lock (_stateLock)
            {
                id = NextId();
                _inFlight[id] = topic;
            }
        }

        Send(MqttCodec.Publish(topic, payload, qos, retain, false, id));
        return id;
    }

    /// <summary>Sends SUBSCRIBE for the filters at the given maximum QoS; the SUBACK is recorded in <see cref="GrantedQos"/>.</summary>
    public void Subscribe(string[] filters, int qos)
    {
        if (filters.Length == 0)
        {
            return;
        }

        ushort id;
        lock (_stateLock)
        {
            id = NextId();
        }

        Send(MqttCodec.Subscribe(id, filters, qos));
    }

    /// <summary>
    /// Sends PINGREQ when nothing was sent or received for the keep-alive period, and closes the
    /// connection (<see cref="MqttErrorKind.Timeout"/>) when a PINGREQ stays unanswered that long.
    /// Call it at least every second.
    /// </summary>
    public void KeepAlive()
    {
        if (!IsConnected)
        {
            return;
        }

        long now = NowMs;
        long period = Math.Max(1, _options.KeepAliveS) * 1000L;
        long pingSent = Interlocked.Read(ref _pingSentMs);
        if (pingSent >= 0)
        {
            if (now - pingSent > period)
            {
                Close(new MqttException(MqttErrorKind.Timeout, "broker " + _options.Endpoint + " did not answer PINGREQ within " + _options.KeepAliveS + " s"));
            }

            return;
        }

        if (now - Interlocked.Read(ref _lastSentMs) >= period * 3 / 4 || now - Interlocked.Read(ref _lastReceivedMs) >= period)
        {
            Interlocked.Exchange(ref _pingSentMs, now);
            PingsSent++;
            Send(MqttCodec.PingReq());
        }
    }

    /// <summary>Waits up to <paramref name="timeoutMs"/> for every QoS 1 publication to be acknowledged.</summary>
    public bool WaitForAcks(int timeoutMs)
    {
        long end = NowMs + timeoutMs;
        while (InFlight > 0 && IsConnected && NowMs < end)
        {
            Thread.Sleep(5);
        }

        return InFlight == 0;
    }

    public bool TryTakeMessage(out MqttMessage message) => _received.TryDequeue(out message!);

    /// <summary>Sends DISCONNECT (so the broker discards the will) and closes.</summary>
    public void Disconnect()
    {
        if (!IsConnected)
        {
            return;
        }

        try
        {
            Send(MqttCodec.Disconnect());
        }
        catch (MqttException)
        {
            // already gone
        }

        Close(null);
    }

    public void Dispose()
    {
        Close(CloseReason ?? new MqttException(MqttErrorKind.ConnectionLost, "closed locally"));
        if (_reader.IsAlive && Thread.CurrentThread != _reader)
        {
            _reader.Join(2000);
        }

        Activity.Dispose();
    }

    private ushort NextId()
    {
        if (_inFlight.Count >= ushort.MaxValue)
        {
            // Every id is waiting for a PUBACK: fail instead of searching forever under the lock.
            throw new MqttException(MqttErrorKind.ProtocolError, "65535 QoS 1 messages are waiting for PUBACK");
        }

        do
        {
            _nextId++;
        }
        while (_nextId == 0 || _inFlight.ContainsKey(_nextId));

        return _nextId;
    }

    private void Send(byte[] packet)
    {
        if (!IsConnected)
        {
            throw CloseReason ?? new MqttException(MqttErrorKind.ConnectionLost, "not connected");
        }

        try
        {
            lock (_writeLock)
            {
                _stream.Write(packet, 0, packet.Length);
                _stream.Flush();
            }

            Interlocked.Exchange(ref _lastSentMs, NowMs);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            var reason = new MqttException(MqttErrorKind.ConnectionLost, "writing to broker " + _options.Endpoint + " failed: " + MqttTransport.Inner(e).Message, e);
            Close(reason);
            throw reason;
        }
    }

    private void Handshake()
    {
        var connect = new ConnectPacket
        {
            ClientId = _options.ClientId,
            User = string.IsNullOrEmpty(_options.User) ? null : _options.User,
            Password = string.IsNullOrEmpty(_options.User) ? null : _options.Password,
            KeepAliveS = _options.KeepAliveS,
            CleanSession = true,
            WillTopic = _options.WillTopic,
            WillPayload = _options.WillPayload,
            WillQos = _options.WillQos,
            WillRetain = _options.WillRetain,
        };
        int header;
        byte[] body;
        try
        {
            byte[] packet = MqttCodec.Connect(connect);
            _stream.Write(packet, 0, packet.Length);
            _stream.Flush();
            if (!MqttCodec.TryReadPacket(_stream, out header, out body))
            {
                throw new MqttException(MqttErrorKind.ConnectionLost, "broker " + _options.Endpoint + " closed the connection before accepting it (no CONNACK)");
            }
        }
        catch (IOException e) when (MqttTransport.Inner(e) is SocketException { SocketErrorCode: SocketError.TimedOut } || e.InnerException is TimeoutException)
        {
            throw new MqttException(MqttErrorKind.Timeout, "broker " + _options.Endpoint + " sent no CONNACK within " + _options.ConnectTimeoutMs + " ms", e);
        }
        catch (IOException e)
        {
            throw new MqttException(MqttErrorKind.ConnectionLost, "broker " + _options.Endpoint + " closed the connection during CONNECT: " + MqttTransport.Inner(e).Message, e);
        }
        catch (InvalidDataException e)
        {
            throw new MqttException(MqttErrorKind.ProtocolError, "broker " + _options.Endpoint + " answered CONNECT with something that is not MQTT: " + e.Message, e);
        }

        if (header >> 4 != PacketType.ConnAck || body.Length != 2)
        {
            throw new MqttException(MqttErrorKind.ProtocolError, "broker " + _options.Endpoint + " answered CONNECT with packet type " + (header >> 4) + " instead of CONNACK");
        }

        string user = string.IsNullOrEmpty(_options.User) ? "without user name" : "as user '" + _options.User + "'";
        switch (body[1])
        {
            case 0:
                _lastReceivedMs = NowMs;
                return;
            case 1:
                throw new MqttException(MqttErrorKind.UnacceptableProtocol, "broker " + _options.Endpoint + " refused MQTT 3.1.1 (CONNACK 1)");
            case 2:
                throw new MqttException(MqttErrorKind.IdentifierRejected, "broker " + _options.Endpoint + " rejected client id '" + _options.ClientId + "' (CONNACK 2)");
            case 3:
                throw new MqttException(MqttErrorKind.ServerUnavailable, "broker " + _options.Endpoint + " says the MQTT service is unavailable (CONNACK 3)");
            case 4:
                throw new MqttException(MqttErrorKind.BadCredentials, "broker " + _options.Endpoint + " rejected the user name or password " + user + " (CONNACK 4)");
            case 5:
                throw new MqttException(MqttErrorKind.NotAuthorized, "broker " + _options.Endpoint + " refused the connection " + user + ": not authorised - check user and password (CONNACK 5)");
            default:
                throw new MqttException(MqttErrorKind.ProtocolError, "broker " + _options.Endpoint + " answered CONNACK " + body[1]);
        }
    }

    private void ReadLoop()
    {
        try
        {
            while (IsConnected)
            {
                if (!MqttCodec.TryReadPacket(_stream, out int header, out byte[] body))
                {
                    Close(new MqttException(MqttErrorKind.ConnectionLost, "broker " + _options.Endpoint + " closed the connection"));
                    return;
                }

                Interlocked.Exchange(ref _lastReceivedMs, NowMs);
                Handle(header, body);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or InvalidDataException or EndOfStreamException or MqttException || !IsConnected)
        {
            Close(e as MqttException ?? new MqttException(
                e is InvalidDataException ? MqttErrorKind.ProtocolError : MqttErrorKind.ConnectionLost,
                "connection to broker " + _options.Endpoint + " lost: " + MqttTransport.Inner(e).Message,
                e));
        }
    }

    private void Handle(int header, byte[] body)
    {
        switch (header >> 4)
        {
            case PacketType.Publish:
                MqttMessage m = MqttCodec.ParsePublish(header, body, out ushort id);
                if (m.Qos == 1)
                {
                    Send(MqttCodec.PubAck(id));
                }

                _received.Enqueue(m);
                Activity.Set();
                break;
            case PacketType.PubAck:
                if (body.Length >= 2)
                {
                    lock (_stateLock)
                    {
                        if (_inFlight.Remove((ushort)((body[0] << 8) | body[1])))
                        {
                            PubAcksReceived++;
                        }
                    }

                    Activity.Set();
                }

                break;
            case PacketType.SubAck:
                for (int i = 2; i < body.Length; i++)
                {
                    GrantedQos.Enqueue(body[i]);
                }

                break;
            case PacketType.PingResp:
                Interlocked.Exchange(ref _pingSentMs, -1);
                PingResponses++;
                break;
            default:
                // PUBREC/PUBREL/PUBCOMP never arrive: nothing is published or subscribed at QoS 2.
                break;
        }
    }

    private void Close(MqttException? reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        CloseReason = reason;
        try
        {
            _stream.Dispose();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or AuthenticationException)
        {
        }

        _tcp.Dispose();
        try
        {
            Activity.Set();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
