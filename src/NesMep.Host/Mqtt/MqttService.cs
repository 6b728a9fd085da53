using NesMep.Core.Api;
using NesMep.Core.Mqtt;
using NesMep.Core.Platform;
using NesMep.Host.Service;

namespace NesMep.Host.Mqtt;

/// <summary>Timing knobs of <see cref="MqttService"/> (tests shorten them).</summary>
public sealed class MqttServiceOptions
{
    /// <summary>First reconnect delay; doubles after every failed attempt up to <see cref="MaxBackoffMs"/>.</summary>
    public int InitialBackoffMs { get; set; } = 1000;

    public int MaxBackoffMs { get; set; } = 60_000;

    /// <summary>
    /// A connection lost sooner than this after its CONNACK counts as a failed attempt: the backoff
    /// keeps growing instead of starting again at <see cref="InitialBackoffMs"/>, so a broker that
    /// accepts and then drops at once (duplicate client id, ACL) is not reconnected to every second.
    /// </summary>
    public int StableConnectionMs { get; set; } = 10_000;

    public int ConnectTimeoutMs { get; set; } = 10_000;

    /// <summary>How often the core publisher is polled (and keep-alive checked).</summary>
    public int PollIntervalMs { get; set; } = 100;

    /// <summary>Most QoS 1 publications awaiting PUBACK at once.</summary>
    public int MaxInFlight { get; set; } = 32;

    /// <summary>Distinct topics the outgoing queue holds.</summary>
    public int OutboxCapacity { get; set; } = 256;

    /// <summary>On shutdown, how long to wait for the broker to acknowledge the "Offline" messages.</summary>
    public int ShutdownFlushMs { get; set; } = 2000;
}

/// <summary>
/// Runs MQTT for the Linux service on its own thread: connects (and reconnects with capped
/// exponential backoff), feeds connection events and incoming messages to the core
/// <see cref="MqttPublisher"/>, polls it under the module lock, and drains the bounded
/// <see cref="MqttOutbox"/> to the socket outside the lock, so the meter poll thread never waits
/// for the broker. Failures are logged by name (bad credentials, not authorised, unreachable, TLS).
/// </summary>
public sealed class MqttService : IDisposable
{
    private readonly MqttSettings _settings;
    private readonly object _gate;
    private readonly ILog _log;
    private readonly MqttServiceOptions _options;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stopping = new(false);
    private readonly CancellationTokenSource _cancelConnect = new();
    private readonly object _statusLock = new();
    private MqttClient? _client;
    private int _backoffMs;
    private long _nextAttemptMs;
    private long _connectedAtMs;
    private string? _lastLogged;
    private int _failuresInRow;

    public MqttService(MqttSettings settings, object gate, ModuleContext context, ILog log, MqttServiceOptions? options = null, IWifiSignal? wifi = null)
    {
        string? invalid = settings.Validate();
        if (invalid != null)
        {
            throw new ArgumentException("mqtt." + invalid);
        }

        _settings = settings.Copy();
        if (string.IsNullOrEmpty(_settings.ClientId))
        {
            _settings.ClientId = MqttSettings.DefaultClientId(Environment.MachineName);
        }

        _gate = gate;
        _log = log;
        _options = options ?? new MqttServiceOptions();
        _backoffMs = _options.InitialBackoffMs;
        Outbox = new MqttOutbox(_options.OutboxCapacity);
        Publisher = new MqttPublisher(_settings, context, Outbox, log, wifi);
        _thread = new Thread(Run) { IsBackground = true, Name = "mqtt" };
    }

    /// <summary>The service of the running module (its lock and context).</summary>
    public MqttService(MqttSettings settings, ModuleRuntime runtime, ILog log, MqttServiceOptions? options = null)
        : this(settings, runtime.Gate, runtime.Context, log, options)
    {
    }

    public MqttPublisher Publisher { get; }

    public MqttOutbox Outbox { get; }

    public MqttSettings Settings => _settings;

    public string ClientId => _settings.ClientId;

    public bool IsConnected
    {
        get
        {
            lock (_statusLock)
            {
                return _client is { IsConnected: true };
            }
        }
    }

    /// <summary>The last connection failure or loss (null until one happens).</summary>
    public MqttException? LastError { get; private set; }

    /// <summary>Successful connections since start.</summary>
    public int Connections { get; private set; }

    public int ConnectAttempts { get; private set; }

    /// <summary>Raised (on the MQTT thread) after every successful connection.</summary>
    public event Action? Connected;

    public void Start() => _thread.Start();

    /// <summary>
    /// Publishes "Offline", disconnects cleanly and stops the thread. Returns only when the thread
    /// and its connection have ended: a connection attempt in progress is aborted, so a restart
    /// with new settings never has the old client connect later with the same client id.
    /// </summary>
    public void Dispose()
    {
        _stopping.Set();
        _cancelConnect.Cancel();
        if (_thread.IsAlive && !_thread.Join(_options.ShutdownFlushMs + (2 * new MqttConnectOptions().WriteTimeoutMs)))
        {
            // A write blocked on a broker that stopped reading: closing the socket ends it.
            _log.Write(LogLevel.Warning, "mqtt: the connection did not close in time; closing its socket");
            MqttClient? client;
            lock (_statusLock)
            {
                client = _client;
            }

            client?.Dispose();
            _thread.Join();
        }

        _stopping.Dispose();
        _cancelConnect.Dispose();
    }

    /// <summary>Connect options for these settings (will = retained "Offline" on &lt;base&gt;/lwt).</summary>
    public MqttConnectOptions ConnectOptions() => new()
    {
        Host = _settings.Host,
        Port = _settings.EffectivePort,
        Tls = _settings.Tls,
        CaFile = NullIfEmpty(_settings.CaFile),
        ClientCert = NullIfEmpty(_settings.ClientCert),
        ClientKey = NullIfEmpty(_settings.ClientKey),
        ClientId = _settings.ClientId,
        User = NullIfEmpty(_settings.User),
        Password = _settings.User.Length == 0 ? null : _settings.Password,
        KeepAliveS = _settings.KeepAliveS,
        WillTopic = Publisher.WillTopic,
        WillPayload = System.Text.Encoding.UTF8.GetBytes(Publisher.WillPayload),
        WillQos = 1,
        WillRetain = true,
        ConnectTimeoutMs = _options.ConnectTimeoutMs,
        Cancel = _cancelConnect.Token,
    };

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private static long NowMs => Environment.TickCount64;

    private void Run()
    {
        while (!_stopping.IsSet)
        {
            MqttClient? client = _client;
            try
            {
                if (client == null)
                {
                    long wait = _nextAttemptMs - NowMs;
                    if (wait > 0)
                    {
                        _stopping.Wait((int)Math.Min(wait, 250));
                        continue;
                    }

                    TryConnect();
                    continue;
                }

                if (!client.IsConnected)
                {
                    Lost(client);
                    continue;
                }

                Service(client);
                client.Activity.WaitOne(_options.PollIntervalMs);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A bug must not take MQTT (let alone the service) down for good: log, drop the connection, retry.
                _log.Write(LogLevel.Error, "mqtt: unexpected error: " + e);
                client ??= _client;
                if (client != null)
                {
                    Lost(client);
                }
                else
                {
                    Schedule("mqtt: connection attempt failed unexpectedly", MqttErrorKind.ProtocolError);
                }
            }
        }

        Shutdown();
    }

    private void Service(MqttClient client)
    {
        try
        {
            while (client.TryTakeMessage(out MqttMessage message))
            {
                lock (_gate)
                {
                    Publisher.OnMessage(message.Topic, message.Payload, 0, message.Payload.Length);
                }
            }

            lock (_gate)
            {
                Publisher.Poll();
            }

            Flush(client);
            client.KeepAlive();
        }
        catch (MqttException)
        {
            // The client has closed itself; Lost() reports it on the next pass.
        }
    }

    private void Flush(MqttClient client)
    {
        while (client.IsConnected && (client.InFlight < _options.MaxInFlight) && Outbox.TryDequeue(out MqttOutbox.Entry e))
        {
            client.Publish(e.Topic, e.Payload, e.Qos, e.Retain);
        }
    }

    private void TryConnect()
    {
        ConnectAttempts++;
        MqttConnectOptions options = ConnectOptions();
        MqttClient client;
        try
        {
            client = MqttClient.Connect(options);
        }
        catch (MqttException) when (_stopping.IsSet)
        {
            return; // cancelled by Dispose: nothing to report or retry
        }
        catch (MqttException e)
        {
            LastError = e;
            _failuresInRow++;
            Schedule("mqtt: cannot connect (" + MqttException.Name(e.Kind) + "): " + e.Message, e.Kind);
            return;
        }

        try
        {
            client.Subscribe(Publisher.SubscribeTopics, 1);
        }
        catch (MqttException)
        {
            // Lost again at once; handled on the next pass.
        }

        Outbox.Clear();
        lock (_statusLock)
        {
            _client = client;
        }

        lock (_gate)
        {
            Publisher.OnConnected();
        }

        Connections++;
        _connectedAtMs = NowMs;
        _failuresInRow = 0;
        _lastLogged = null;
        _log.Write(LogLevel.Info, "mqtt: connected to " + (options.Tls ? "mqtts://" : "mqtt://") + options.Endpoint + " as " + options.ClientId
            + (options.User == null ? "" : " (user " + options.User + ")") + "; topics under " + _settings.BaseTopic + "/"
            + (_settings.Discovery ? ", discovery under " + _settings.DiscoveryPrefix + "/" : ", discovery off"));
        Connected?.Invoke();
    }

    private void Lost(MqttClient client)
    {
        lock (_gate)
        {
            Publisher.OnDisconnected();
        }

        MqttException reason = client.CloseReason ?? new MqttException(MqttErrorKind.ConnectionLost, "connection closed");
        LastError = reason;
        lock (_statusLock)
        {
            _client = null;
        }

        client.Dispose();
        Outbox.Clear();
        if (NowMs - _connectedAtMs >= _options.StableConnectionMs)
        {
            _backoffMs = _options.InitialBackoffMs;
        }

        Schedule("mqtt: " + reason.Message, reason.Kind);
    }

    private void Schedule(string message, MqttErrorKind kind)
    {
        int delay = _backoffMs;
        _nextAttemptMs = NowMs + delay;
        _backoffMs = (int)Math.Min((long)_backoffMs * 2, _options.MaxBackoffMs);
        string text = message + "; retrying in " + (delay >= 1000 ? (delay / 1000.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " s" : delay + " ms");

        // The same failure again and again is logged at debug level, except every 10th time.
        LogLevel level = kind is MqttErrorKind.BadCredentials or MqttErrorKind.NotAuthorized or MqttErrorKind.TlsFailure or MqttErrorKind.Configuration
            ? LogLevel.Error
            : LogLevel.Warning;
        if (message == _lastLogged && _failuresInRow % 10 != 0)
        {
            level = LogLevel.Debug;
        }

        _lastLogged = message;
        _log.Write(level, text);
    }

    private void Shutdown()
    {
        MqttClient? client = _client;
        if (client == null || !client.IsConnected)
        {
            return;
        }

        try
        {
            bool queued;
            lock (_gate)
            {
                queued = Publisher.PublishOffline();
            }

            long end = NowMs + _options.ShutdownFlushMs;
            while (Outbox.Count > 0 && client.IsConnected && NowMs < end)
            {
                Flush(client);
                if (Outbox.Count > 0)
                {
                    Thread.Sleep(5);
                }
            }

            if (!queued || Outbox.Count > 0)
            {
                // DISCONNECT makes the broker discard the will, which would leave the retained "Online"
                // behind; closing the socket instead lets the broker publish the will ("Offline").
                _log.Write(LogLevel.Warning, "mqtt: \"Offline\" not sent within " + _options.ShutdownFlushMs + " ms; closing without DISCONNECT so the broker publishes the last will");
                return;
            }

            client.WaitForAcks((int)Math.Max(0, end - NowMs));
            client.Disconnect();
            _log.Write(LogLevel.Info, "mqtt: disconnected");
        }
        catch (MqttException e)
        {
            _log.Write(LogLevel.Warning, "mqtt: " + e.Message + " while disconnecting");
        }
        finally
        {
            lock (_gate)
            {
                Publisher.OnDisconnected();
            }

            lock (_statusLock)
            {
                _client = null;
            }

            client.Dispose();
        }
    }
}
