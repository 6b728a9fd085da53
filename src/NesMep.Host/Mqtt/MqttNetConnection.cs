using System.Buffers;
using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using NesMep.Core.Mqtt;

namespace NesMep.Host.Mqtt;

/// <summary>
/// The Linux host's <see cref="IMqttConnection"/> on MQTTnet (MQTT 3.1.1, clean session, QoS 0/1,
/// retained will, TLS with a CA file and an optional client certificate). Every member returns at once:
/// MQTTnet connects, sends and keeps the connection alive on the thread pool, and this class turns its
/// results into <see cref="State"/>, <see cref="ErrorKind"/> and <see cref="ErrorText"/>. Each
/// <see cref="StartConnect"/> uses a fresh MQTTnet client; events of an older one are ignored.
/// <see cref="Activity"/> is signalled whenever something happened that the supervisor should look at.
/// </summary>
public sealed class MqttNetConnection : IMqttConnection, IDisposable
{
    /// <summary>How long <see cref="Dispose"/> waits for a DISCONNECT under way to be sent.</summary>
    private const int CloseWaitMs = 2000;

    private readonly MqttConnectOptions _options;
    private readonly MqttClientFactory _factory = new();
    private readonly object _sync = new();
    private readonly ConcurrentQueue<(string Topic, byte[] Payload)> _received = new();
    private IMqttClient? _client;
    private CancellationTokenSource? _attempt;
    private Task _closing = Task.CompletedTask;
    private int _generation;
    private int _state = MqttConnectionState.Idle;
    private MqttErrorKind _kind = MqttErrorKind.None;
    private string _text = "";
    private int _pending;
    private int _receivedDropped;

    public MqttNetConnection(MqttConnectOptions options)
    {
        _options = options;
    }

    /// <summary>Signalled when the connection state changes, a message arrives or a publication finishes.</summary>
    public AutoResetEvent Activity { get; } = new(false);

    public MqttConnectOptions Options => _options;

    public int State
    {
        get
        {
            lock (_sync)
            {
                return _state;
            }
        }
    }

    public MqttErrorKind ErrorKind
    {
        get
        {
            lock (_sync)
            {
                return _kind;
            }
        }
    }

    public string ErrorText
    {
        get
        {
            lock (_sync)
            {
                return _text;
            }
        }
    }

    public int Pending
    {
        get
        {
            lock (_sync)
            {
                return _pending;
            }
        }
    }

    /// <summary>Messages received and dropped because <see cref="MqttConnectOptions.MaxReceived"/> were waiting.</summary>
    public int ReceivedDropped => Volatile.Read(ref _receivedDropped);

    /// <summary>Publications MQTTnet reported as failed (not acknowledged in time, refused, connection gone).</summary>
    public int PublishFailures { get; private set; }

    public void StartConnect()
    {
        IMqttClient client;
        IMqttClient? old;
        int generation;
        CancellationToken token;
        lock (_sync)
        {
            old = Detach(out _);
            generation = ++_generation;
            _client = client = _factory.CreateMqttClient();
            _attempt = new CancellationTokenSource();
            token = _attempt.Token;
            _state = MqttConnectionState.Connecting;
            _kind = MqttErrorKind.None;
            _text = "";
            _pending = 0;
            _received.Clear();
        }

        Release(old, sendDisconnect: false);
        client.ApplicationMessageReceivedAsync += e => Received(generation, e);
        client.DisconnectedAsync += e => Disconnected(generation, e);
        _ = Task.Run(() => ConnectAsync(client, generation, token));
    }

    public bool TryPublish(string topic, byte[] payload, int qos, bool retain)
    {
        IMqttClient client;
        int generation;
        lock (_sync)
        {
            if (_state != MqttConnectionState.Connected || _client == null || _pending >= _options.MaxInFlight)
            {
                return false;
            }

            _pending++;
            client = _client;
            generation = _generation;
        }

        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(qos == 1 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce)
            .WithRetainFlag(retain)
            .Build();
        Task<MqttClientPublishResult> sending;
        try
        {
            sending = client.PublishAsync(message, CancellationToken.None);
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or MQTTnet.Exceptions.MqttCommunicationException)
        {
            sending = Task.FromException<MqttClientPublishResult>(e);
        }

        sending.ContinueWith(t => Published(generation, t), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        return true;
    }

    public void Subscribe(string[] filters)
    {
        IMqttClient? client;
        lock (_sync)
        {
            client = _state == MqttConnectionState.Connected ? _client : null;
        }

        if (client == null || filters.Length == 0)
        {
            return;
        }

        var options = _factory.CreateSubscribeOptionsBuilder();
        foreach (string f in filters)
        {
            options.WithTopicFilter(f, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        // A failed SUBSCRIBE means a broken connection, which the disconnect event reports.
        client.SubscribeAsync(options.Build(), CancellationToken.None)
            .ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    public bool TryReceive(out string topic, out byte[] payload)
    {
        if (_received.TryDequeue(out (string Topic, byte[] Payload) m))
        {
            (topic, payload) = m;
            return true;
        }

        topic = "";
        payload = [];
        return false;
    }

    public void Disconnect() => Close(sendDisconnect: true);

    public void Abort() => Close(sendDisconnect: false);

    /// <summary>Closes without DISCONNECT (unless one is under way, which gets a moment to be sent).</summary>
    public void Dispose()
    {
        Close(sendDisconnect: false);
        _closing.Wait(CloseWaitMs);
        Activity.Dispose();
    }

    private async Task ConnectAsync(IMqttClient client, int generation, CancellationToken token)
    {
        MqttTls? tls = null;
        try
        {
            tls = _options.Tls ? new MqttTls(_options) : null;
            MqttClientConnectResult result = await client.ConnectAsync(BuildOptions(tls), token).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                Failed(generation, MqttFailure.FromConnAck(result.ResultCode, _options));
                return;
            }

            lock (_sync)
            {
                if (generation == _generation && _state == MqttConnectionState.Connecting)
                {
                    _state = MqttConnectionState.Connected;
                }
            }

            Signal();
        }
        catch (Exception e)
        {
            Failed(generation, MqttFailure.FromConnect(e, _options, tls?.Rejection));
        }
    }

    private MqttClientOptions BuildOptions(MqttTls? tls)
    {
        MqttClientOptionsBuilder b = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId(_options.ClientId)
            .WithCleanSession(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(Math.Max(1, _options.KeepAliveS)))
            .WithTimeout(TimeSpan.FromMilliseconds(_options.ConnectTimeoutMs));
        if (!string.IsNullOrEmpty(_options.User))
        {
            b.WithCredentials(_options.User, _options.Password ?? "");
        }

        if (_options.WillTopic != null)
        {
            b.WithWillTopic(_options.WillTopic)
                .WithWillPayload(_options.WillPayload ?? [])
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithWillRetain(true);
        }

        if (tls != null)
        {
            b.WithTlsOptions(t =>
            {
                t.UseTls(true)
                    .WithTargetHost(_options.Host)
                    .WithRevocationMode(System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck)
                    .WithCertificateValidationHandler(a => tls.Validate(a.Certificate, a.Chain, a.SslPolicyErrors));
                if (tls.ClientCertificate != null)
                {
                    t.WithClientCertificates([tls.ClientCertificate]);
                }
            });
        }

        return b.Build();
    }

    private void Failed(int generation, MqttFailure failure)
    {
        lock (_sync)
        {
            if (generation != _generation || _state != MqttConnectionState.Connecting)
            {
                return; // aborted meanwhile, or superseded by a newer attempt
            }

            _state = MqttConnectionState.Closed;
            _kind = failure.Kind;
            _text = failure.Message;
        }

        Signal();
    }

    private Task Disconnected(int generation, MqttClientDisconnectedEventArgs e)
    {
        lock (_sync)
        {
            // Closed by us, or a failed attempt (ConnectAsync reports it). A connection the broker drops right
            // after its CONNACK can end before ConnectAsync has returned: still Connecting, but it was connected.
            bool ours = generation == _generation
                && (_state == MqttConnectionState.Connected || (_state == MqttConnectionState.Connecting && e.ClientWasConnected));
            if (!ours)
            {
                return Task.CompletedTask;
            }

            MqttFailure failure = MqttFailure.FromDisconnect(e, _options);
            _state = MqttConnectionState.Closed;
            _kind = failure.Kind;
            _text = failure.Message;
        }

        Signal();
        return Task.CompletedTask;
    }

    private Task Received(int generation, MqttApplicationMessageReceivedEventArgs e)
    {
        if (Volatile.Read(ref _generation) != generation)
        {
            return Task.CompletedTask;
        }

        if (_received.Count >= _options.MaxReceived)
        {
            Interlocked.Increment(ref _receivedDropped);
            return Task.CompletedTask;
        }

        _received.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
        Signal();
        return Task.CompletedTask;
    }

    private void Published(int generation, Task<MqttClientPublishResult> t)
    {
        lock (_sync)
        {
            if (generation == _generation && _pending > 0)
            {
                _pending--;
            }

            if (t.IsFaulted || (t.IsCompletedSuccessfully && !t.Result.IsSuccess))
            {
                PublishFailures++;
                _ = t.Exception; // observed
            }
        }

        Signal();
    }

    /// <summary>Ends the current client; with a DISCONNECT first when asked and connected.</summary>
    private void Close(bool sendDisconnect)
    {
        IMqttClient? client;
        bool connected;
        lock (_sync)
        {
            client = Detach(out connected);
        }

        Release(client, sendDisconnect && connected);
    }

    /// <summary>
    /// Takes the current client out (caller holds <see cref="_sync"/>); its events are ignored from now on.
    /// MQTTnet is called only outside the lock (<see cref="Release"/>): its receive loop runs our handlers, which take it.
    /// </summary>
    private IMqttClient? Detach(out bool connected)
    {
        _attempt?.Cancel();
        _attempt?.Dispose();
        _attempt = null;
        IMqttClient? client = _client;
        _client = null;
        connected = _state == MqttConnectionState.Connected;
        _state = _state == MqttConnectionState.Closed ? MqttConnectionState.Closed : MqttConnectionState.Idle;
        _generation++;
        return client;
    }

    private void Release(IMqttClient? client, bool sendDisconnect)
    {
        if (client == null)
        {
            return;
        }

        if (sendDisconnect)
        {
            _closing = client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None)
                .ContinueWith(_ => client.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
        else
        {
            // Disposing closes the socket without DISCONNECT: the broker publishes the will.
            client.Dispose();
        }
    }

    private void Signal()
    {
        try
        {
            Activity.Set();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
