using NesMep.Core.Platform;

namespace NesMep.Core.Mqtt
{
    /// <summary>
    /// MQTT connection supervision, timed by <see cref="IClock"/> and driven by <see cref="Step"/> from
    /// the host's thread (docs/mqtt.md): connects, reconnects with capped doubling back-off, abandons an
    /// attempt after <see cref="MqttSupervisorOptions.ConnectTimeoutMs"/>, treats a connection lost sooner
    /// than <see cref="MqttSupervisorOptions.StableConnectionMs"/> after CONNACK as a failure, feeds
    /// connection events and incoming messages to the <see cref="MqttPublisher"/>, polls it and drains its
    /// <see cref="MqttOutbox"/> into the <see cref="IMqttConnection"/>. On <see cref="RequestStop"/> it
    /// publishes "Offline", gives the broker <see cref="MqttSupervisorOptions.ShutdownFlushMs"/> to take it
    /// and disconnects; if it cannot, it closes without DISCONNECT so the broker publishes the retained will.
    ///
    /// Call every member under the module lock (the publisher reads the meter reading); none blocks.
    /// </summary>
    public sealed class MqttSupervisor
    {
        private const int Waiting = 0;
        private const int Connecting = 1;
        private const int Connected = 2;
        private const int Stopping = 3;
        private const int Stopped = 4;

        /// <summary>Repeats of the same failure are logged at debug level except every this many.</summary>
        private const int LogEvery = 10;

        private readonly IMqttConnection _connection;
        private readonly MqttPublisher _publisher;
        private readonly MqttOutbox _outbox;
        private readonly MqttSettings _settings;
        private readonly MqttSupervisorOptions _options;
        private readonly ILog _log;

        private int _phase = Waiting;
        private int _backoffMs;
        private long _nextAttemptMs;
        private long _attemptStartedMs;
        private long _connectedAtMs;
        private long _stopDeadlineMs;
        private bool _offlineQueued;
        private string? _lastLogged;
        private int _failuresInRow;
        private long _dueMs = long.MaxValue;

        public MqttSupervisor(IMqttConnection connection, MqttPublisher publisher, MqttOutbox outbox, MqttSettings settings, MqttSupervisorOptions options, ILog log)
        {
            _connection = connection;
            _publisher = publisher;
            _outbox = outbox;
            _settings = settings;
            _options = options;
            _log = log == null ? NullLog.Instance : log;
            _backoffMs = options.InitialBackoffMs;
        }

        /// <summary>True while a connection is established (CONNACK accepted).</summary>
        public bool IsConnected
        {
            get { return (_phase == Connected || _phase == Stopping) && _connection.State == MqttConnectionState.Connected; }
        }

        /// <summary>True once the shutdown asked for by <see cref="RequestStop"/> is complete.</summary>
        public bool IsStopped
        {
            get { return _phase == Stopped; }
        }

        /// <summary>Successful connections since start.</summary>
        public int Connections { get; private set; }

        public int ConnectAttempts { get; private set; }

        /// <summary>The last connection failure or loss (<see cref="MqttErrorKind.None"/> until one happens).</summary>
        public MqttErrorKind LastErrorKind { get; private set; }

        public string LastError { get; private set; } = "";

        /// <summary>The delay before the next attempt after a failure now (doubles up to the cap).</summary>
        public int BackoffMs
        {
            get { return _backoffMs; }
        }

        /// <summary>
        /// Does what is due at <paramref name="nowMs"/> and returns the clock time at which it wants to be
        /// called again (earlier is harmless: the host may also call it when the connection signals activity).
        /// </summary>
        public long Step(long nowMs)
        {
            switch (_phase)
            {
                case Waiting:
                    if (nowMs < _nextAttemptMs)
                    {
                        return _nextAttemptMs;
                    }

                    ConnectAttempts++;
                    _attemptStartedMs = nowMs;
                    _phase = Connecting;
                    _connection.StartConnect();
                    return nowMs + _options.ConnectTimeoutMs;
                case Connecting:
                    return StepConnecting(nowMs);
                case Connected:
                    return StepConnected(nowMs);
                case Stopping:
                    return StepStopping(nowMs);
                default:
                    return long.MaxValue;
            }
        }

        /// <summary>
        /// Starts the shutdown: with a connection, queue "Offline" and let <see cref="Step"/> flush it and
        /// disconnect (at most <see cref="MqttSupervisorOptions.ShutdownFlushMs"/>); without one, stop at once.
        /// </summary>
        public void RequestStop(long nowMs)
        {
            if (_phase == Stopping || _phase == Stopped)
            {
                return;
            }

            if (_phase != Connected || _connection.State != MqttConnectionState.Connected)
            {
                if (_phase == Connecting || _phase == Connected)
                {
                    _connection.Abort(); // an attempt under way must not connect later with our client id
                }

                Finish();
                return;
            }

            _offlineQueued = _publisher.PublishOffline();
            _stopDeadlineMs = nowMs + _options.ShutdownFlushMs;
            _phase = Stopping;
        }

        private long StepConnecting(long nowMs)
        {
            int state = _connection.State;
            if (state == MqttConnectionState.Connected)
            {
                OnConnected(nowMs);
                return StepConnected(nowMs);
            }

            if (state == MqttConnectionState.Connecting && nowMs - _attemptStartedMs < _options.ConnectTimeoutMs)
            {
                return _attemptStartedMs + _options.ConnectTimeoutMs;
            }

            MqttErrorKind kind = _connection.ErrorKind;
            string text = _connection.ErrorText;
            if (state == MqttConnectionState.Connecting)
            {
                _connection.Abort();
                kind = MqttErrorKind.Timeout;
                text = "no connection to broker " + _settings.Host + ":" + _settings.EffectivePort + " within " + _options.ConnectTimeoutMs + " ms";
            }

            LastErrorKind = kind;
            LastError = text;
            _failuresInRow++;
            return Schedule(nowMs, "mqtt: cannot connect (" + MqttErrors.Name(kind) + "): " + text, kind);
        }

        private void OnConnected(long nowMs)
        {
            _connection.Subscribe(_publisher.SubscribeTopics);
            _outbox.Clear();
            _publisher.OnConnected();
            _phase = Connected;
            Connections++;
            _connectedAtMs = nowMs;
            _failuresInRow = 0;
            _lastLogged = null;
            _log.Write(LogLevel.Info, "mqtt: connected to " + (_settings.Tls ? "mqtts://" : "mqtt://") + _settings.Host + ":" + _settings.EffectivePort
                + " as " + _settings.ClientId + (_settings.User.Length == 0 ? "" : " (user " + _settings.User + ")") + "; topics under " + _settings.BaseTopic + "/"
                + (_settings.Discovery ? ", discovery under " + _settings.DiscoveryPrefix + "/" : ", discovery off"));
        }

        private long StepConnected(long nowMs)
        {
            if (_connection.State != MqttConnectionState.Connected)
            {
                return Lost(nowMs);
            }

            string topic;
            byte[] payload;
            while (_connection.TryReceive(out topic, out payload))
            {
                _publisher.OnMessage(topic, payload, 0, payload.Length);
            }

            _publisher.Poll();
            Drain();
            _dueMs = ConnectedDueMs(nowMs);
            return _dueMs;
        }

        /// <summary>
        /// The publisher's next due time; while the connection holds messages back (the outbox is not empty),
        /// at most <see cref="MqttSupervisorOptions.DrainRetryMs"/> away — an acknowledgement is connection
        /// activity and wakes the host sooner. A publisher the outbox refused waits for that too.
        /// </summary>
        private long ConnectedDueMs(long nowMs)
        {
            long due = _publisher.NextDueMs(nowMs);
            if (_outbox.Count == 0)
            {
                return due; // "now" only when a refused message fits again after the drain: step at once
            }

            long retry = nowMs + _options.DrainRetryMs;
            return due <= nowMs || retry < due ? retry : due;
        }

        /// <summary>
        /// True when the host should step before the due time <see cref="Step"/> returned last, because the
        /// meter reading changed and the publisher now has something due earlier (a value to publish on change,
        /// availability back, a new serial). Call under the module lock after a step of the meter side that
        /// changed the reading (<c>MeterModule.ReadingChanged</c>); cheap and allocation-free.
        /// </summary>
        public bool DueEarlier(long nowMs)
        {
            return _phase == Connected && _publisher.NextDueMs(nowMs) < _dueMs;
        }

        private long Lost(long nowMs)
        {
            _publisher.OnDisconnected();
            _outbox.Clear();
            MqttErrorKind kind = _connection.ErrorKind == MqttErrorKind.None ? MqttErrorKind.ConnectionLost : _connection.ErrorKind;
            string text = _connection.ErrorText.Length == 0 ? "connection closed" : _connection.ErrorText;
            LastErrorKind = kind;
            LastError = text;
            if (nowMs - _connectedAtMs >= _options.StableConnectionMs)
            {
                _backoffMs = _options.InitialBackoffMs;
            }

            return Schedule(nowMs, "mqtt: " + text, kind);
        }

        private long StepStopping(long nowMs)
        {
            if (_connection.State != MqttConnectionState.Connected)
            {
                _log.Write(LogLevel.Warning, "mqtt: connection lost while stopping: " + _connection.ErrorText);
                Finish();
                return long.MaxValue;
            }

            Drain();
            if (_offlineQueued && _outbox.Count == 0 && _connection.Pending == 0)
            {
                _connection.Disconnect();
                _log.Write(LogLevel.Info, "mqtt: disconnected");
                Finish();
                return long.MaxValue;
            }

            if (!_offlineQueued || nowMs >= _stopDeadlineMs)
            {
                // DISCONNECT makes the broker discard the will, which would leave the retained "Online"
                // behind; closing the socket instead lets the broker publish the will ("Offline").
                _log.Write(LogLevel.Warning, "mqtt: \"Offline\" not sent within " + _options.ShutdownFlushMs + " ms; closing without DISCONNECT so the broker publishes the last will");
                _connection.Abort();
                Finish();
                return long.MaxValue;
            }

            long next = nowMs + _options.PollIntervalMs;
            return next < _stopDeadlineMs ? next : _stopDeadlineMs;
        }

        private void Finish()
        {
            _publisher.OnDisconnected();
            _outbox.Clear();
            _phase = Stopped;
        }

        /// <summary>Hands waiting messages to the connection, oldest first, until it refuses one.</summary>
        private void Drain()
        {
            string topic;
            byte[] payload;
            int qos;
            bool retain;
            while (_outbox.TryPeek(out topic, out payload, out qos, out retain) && _connection.TryPublish(topic, payload, qos, retain))
            {
                _outbox.RemoveFirst();
            }
        }

        private long Schedule(long nowMs, string message, MqttErrorKind kind)
        {
            int delay = _backoffMs;
            _nextAttemptMs = nowMs + delay;
            long doubled = (long)_backoffMs * 2;
            _backoffMs = doubled > _options.MaxBackoffMs ? _options.MaxBackoffMs : (int)doubled;
            _phase = Waiting;

            LogLevel level = MqttErrors.NeedsUser(kind) ? LogLevel.Error : LogLevel.Warning;
            if (message == _lastLogged && _failuresInRow % LogEvery != 0)
            {
                level = LogLevel.Debug;
            }

            _lastLogged = message;
            _log.Write(level, message + "; retrying in " + Delay(delay));
            return _nextAttemptMs;
        }

        /// <summary>"400 ms", "2 s", "1.5 s".</summary>
        private static string Delay(int ms)
        {
            if (ms < 1000)
            {
                return ms + " ms";
            }

            int tenths = (ms % 1000) / 100;
            return (ms / 1000) + (tenths == 0 ? "" : "." + tenths) + " s";
        }
    }
}
