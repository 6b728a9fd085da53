using NesMep.Core.Api;
using NesMep.Core.Module;
using NesMep.Core.Mqtt;
using NesMep.Core.Platform;
using NesMep.Host.Service;

namespace NesMep.Host.Mqtt;

/// <summary>
/// MQTT for the Linux service: the core <see cref="MqttSupervisor"/> (every rule: back-off, stable
/// connection, connect timeout, shutdown with "Offline") over an <see cref="MqttNetConnection"/>, driven
/// by one thread that calls <see cref="MqttSupervisor.Step"/> under the module lock and sleeps until the
/// time it returns, until the connection signals activity, or until the module's step changed the reading
/// and the publisher has something due sooner (<see cref="Wake"/>). No policy of its own.
/// </summary>
public sealed class MqttService : IDisposable, IWake
{
    private readonly MeterModule? _module;
    private readonly object _gate;
    private readonly ILog _log;
    private readonly IClock _clock;
    private readonly MqttSupervisorOptions _options;
    private readonly MqttNetConnection _connection;
    private readonly MqttSupervisor _supervisor;
    private readonly Thread _thread;
    private volatile bool _stopping;

    public MqttService(MqttSettings settings, object gate, ModuleContext context, ILog log, MqttSupervisorOptions? options = null, IWifiSignal? wifi = null)
    {
        string? invalid = settings.Validate();
        if (invalid != null)
        {
            throw new ArgumentException("mqtt." + invalid);
        }

        Settings = settings.Copy();
        if (string.IsNullOrEmpty(Settings.ClientId))
        {
            Settings.ClientId = MqttSettings.DefaultClientId(Environment.MachineName);
        }

        _gate = gate;
        _log = log;
        _clock = context.Clock;
        _options = options ?? new MqttSupervisorOptions();
        Outbox = new MqttOutbox(_options.OutboxCapacity, _options.OutboxMaxBytes);
        Publisher = new MqttPublisher(Settings, context, Outbox, log, wifi);
        _connection = new MqttNetConnection(ConnectOptions());
        _supervisor = new MqttSupervisor(_connection, Publisher, Outbox, Settings, _options, log);
        _thread = new Thread(Run) { IsBackground = true, Name = "mqtt" };
    }

    /// <summary>The service of the running module (its lock and context).</summary>
    public MqttService(MqttSettings settings, ModuleRuntime runtime, ILog log, MqttSupervisorOptions? options = null)
        : this(settings, runtime.Gate, runtime.Context, log, options)
    {
        _module = runtime.Module;
        _module.ReadingChanged = this;
    }

    /// <summary>
    /// Called by the module (under its lock) after a step that changed the reading: wakes the thread when the
    /// publisher now has something due before the time it sleeps to (a change to publish, availability back).
    /// </summary>
    public void Wake()
    {
        if (!_stopping && _supervisor.DueEarlier(_clock.NowMs))
        {
            _connection.Activity.Set();
        }
    }

    public MqttPublisher Publisher { get; }

    public MqttOutbox Outbox { get; }

    public MqttSettings Settings { get; }

    public string ClientId => Settings.ClientId;

    public bool IsConnected
    {
        get
        {
            lock (_gate)
            {
                return _supervisor.IsConnected;
            }
        }
    }

    /// <summary>The last connection failure or loss (<see cref="MqttErrorKind.None"/> until one happens).</summary>
    public MqttErrorKind LastErrorKind
    {
        get
        {
            lock (_gate)
            {
                return _supervisor.LastErrorKind;
            }
        }
    }

    /// <summary>Successful connections since start.</summary>
    public int Connections
    {
        get
        {
            lock (_gate)
            {
                return _supervisor.Connections;
            }
        }
    }

    public int ConnectAttempts
    {
        get
        {
            lock (_gate)
            {
                return _supervisor.ConnectAttempts;
            }
        }
    }

    public void Start() => _thread.Start();

    /// <summary>
    /// Publishes "Offline", disconnects and stops the thread (at most <see cref="MqttSupervisorOptions.ShutdownFlushMs"/>
    /// plus a moment). A connection attempt in progress is aborted, so a restart with new settings never has
    /// the old client connect later with the same client id.
    /// </summary>
    public void Dispose()
    {
        if (_module != null && ReferenceEquals(_module.ReadingChanged, this))
        {
            _module.ReadingChanged = null;
        }

        _stopping = true;
        _connection.Activity.Set();
        if (_thread.IsAlive)
        {
            _thread.Join();
        }

        _connection.Dispose();
    }

    /// <summary>Connect options for these settings (will = retained "Offline" on &lt;base&gt;/lwt).</summary>
    public MqttConnectOptions ConnectOptions() => new()
    {
        Host = Settings.Host,
        Port = Settings.EffectivePort,
        Tls = Settings.Tls,
        CaFile = NullIfEmpty(Settings.CaFile),
        ClientCert = NullIfEmpty(Settings.ClientCert),
        ClientKey = NullIfEmpty(Settings.ClientKey),
        ClientId = Settings.ClientId,
        User = NullIfEmpty(Settings.User),
        Password = Settings.User.Length == 0 ? null : Settings.Password,
        KeepAliveS = Settings.KeepAliveS,
        WillTopic = Publisher.WillTopic,
        WillPayload = System.Text.Encoding.UTF8.GetBytes(Publisher.WillPayload),
        ConnectTimeoutMs = _options.ConnectTimeoutMs,
    };

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private void Run()
    {
        bool stopRequested = false;
        while (true)
        {
            long due;
            lock (_gate)
            {
                long now = _clock.NowMs;
                if (_stopping && !stopRequested)
                {
                    _supervisor.RequestStop(now);
                    stopRequested = true;
                }

                due = _supervisor.IsStopped ? long.MaxValue : Step(now);
                if (_supervisor.IsStopped)
                {
                    return;
                }
            }

            long wait = due - _clock.NowMs;
            if (wait > 0)
            {
                _connection.Activity.WaitOne((int)Math.Min(wait, int.MaxValue));
            }
        }
    }

    private long Step(long now)
    {
        try
        {
            return _supervisor.Step(now);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug must not take MQTT (let alone the service) down for good: log, drop the connection; the
            // supervisor reconnects with its back-off.
            _log.Write(LogLevel.Error, "mqtt: unexpected error: " + e);
            _connection.Abort();
            return now + _options.PollIntervalMs;
        }
    }
}
