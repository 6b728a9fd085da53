using System;
using System.Threading;
using NesMep.Core.Module;
using NesMep.Core.Mqtt;
using NesMep.Core.Platform;
using NesMep.Core.Storage;
using NesMep.Firmware.Lifecycle;

namespace NesMep.Firmware.Mqtt
{
    /// <summary>
    /// The MQTT thread: the core's <see cref="MqttSupervisor"/> (back-off, connect timeout, stable connection, shutdown
    /// with "Offline"), <see cref="MqttPublisher"/> and <see cref="MqttOutbox"/> over an <see cref="M2MqttConnection"/>.
    /// It steps the supervisor under the meter lock, then does the connection's blocking work (connect, close) outside
    /// it, and sleeps until the supervisor's next due time, the connection's activity, or a reading change that makes
    /// something due sooner. Mirrors the Linux host's MqttService; no policy of its own.
    /// </summary>
    internal sealed class MqttLoop : IWake
    {
        private readonly MeterModule _module;
        private readonly object _gate;
        private readonly IClock _clock;
        private readonly ILog _log;
        private readonly MqttSupervisorOptions _options;
        private readonly M2MqttConnection _connection;
        private readonly MqttSupervisor _supervisor;
        private readonly AutoResetEvent _activity = new AutoResetEvent(false);
        private readonly Thread _thread;
        private bool _stopping;
        private WatchHandle? _watch;

        /// <param name="settings">A copy with the client id and configuration URL filled in.</param>
        /// <param name="caPath">The CA certificate on I:\ for TLS (null without TLS).</param>
        public MqttLoop(MqttSettings settings, MeterModule module, IFileSystem fs, string? caPath, IClock clock, ILog log)
        {
            _module = module;
            _gate = module.Gate;
            _clock = clock;
            _log = log;
            _options = DeviceOptions();
            Outbox = new MqttOutbox(_options.OutboxCapacity, _options.OutboxMaxBytes);
            Publisher = new MqttPublisher(settings, module.Context, Outbox, log, null); // no RSSI source yet: the entity is not announced
            _connection = new M2MqttConnection(settings, Publisher.WillTopic, Publisher.WillPayload, caPath, fs, _activity);
            _supervisor = new MqttSupervisor(_connection, Publisher, Outbox, settings, _options, log);
            _thread = new Thread(Run);
        }

        public MqttPublisher Publisher { get; private set; }

        public MqttOutbox Outbox { get; private set; }

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

        /// <summary>
        /// The outbox on an 80 KB heap: fewer topics and bytes than on Linux (256 / 256 KB). Discovery configs that do not
        /// fit wait in the publisher until acknowledgements make room.
        /// </summary>
        public static MqttSupervisorOptions DeviceOptions()
        {
            MqttSupervisorOptions o = new MqttSupervisorOptions();
            o.OutboxCapacity = 48;
            o.OutboxMaxBytes = 16 * 1024;
            return o;
        }

        /// <summary>Starts the thread; <paramref name="watch"/> is its watchdog registration, kept by the root across restarts.</summary>
        public void Start(WatchHandle watch)
        {
            _watch = watch;
            watch.Beat();
            _module.ReadingChanged = this;
            _thread.Start();
        }

        /// <summary>Called by the module (under its lock) after a step that changed the reading.</summary>
        public void Wake()
        {
            if (!_stopping && _supervisor.DueEarlier(_clock.NowMs))
            {
                _activity.Set();
            }
        }

        /// <summary>Publishes "Offline", disconnects and ends the thread (new settings, or a reboot).</summary>
        public void Stop()
        {
            if (_module.ReadingChanged == this)
            {
                _module.ReadingChanged = null;
            }

            _stopping = true;
            _activity.Set();
            if (!_thread.Join(_options.ShutdownFlushMs + 35000))
            {
                _log.Write(LogLevel.Error, "mqtt: the thread did not stop (a connect attempt still running)");
            }
        }

        private void Run()
        {
            bool stopRequested = false;
            while (true)
            {
                long due;
                bool stopped;
                lock (_gate)
                {
                    long now = _clock.NowMs;
                    if (_stopping && !stopRequested)
                    {
                        _supervisor.RequestStop(now);
                        stopRequested = true;
                    }

                    due = _supervisor.IsStopped ? long.MaxValue : Step(now);
                    stopped = _supervisor.IsStopped;
                }

                _connection.RunPending(); // connect or close, outside the lock: it blocks
                if (stopped)
                {
                    _connection.RunPending();
                    _watch!.Idle(); // ended: not a stall
                    return;
                }

                _watch!.Beat();

                if (_connection.HasWork)
                {
                    continue;
                }

                long wait = due - _clock.NowMs;
                if (wait > 0)
                {
                    _activity.WaitOne(wait > 60000 ? 60000 : (int)wait, false);
                }
            }
        }

        private long Step(long now)
        {
            try
            {
                return _supervisor.Step(now);
            }
            catch (Exception e)
            {
                // A bug must not take MQTT down for good: log, drop the connection; the supervisor reconnects with its back-off.
                _log.Write(LogLevel.Error, "mqtt: unexpected error: " + e.GetType().Name + ": " + e.Message);
                _connection.Abort();
                return now + _options.PollIntervalMs;
            }
        }
    }
}
