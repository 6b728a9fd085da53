using System.Text;
using NesMep.Core.Api;
using NesMep.Core.Model;
using NesMep.Core.Platform;

namespace NesMep.Core.Mqtt
{
    /// <summary>
    /// What to publish and when, independent of the MQTT transport (docs/mqtt.md). The platform
    /// <see cref="MqttSupervisor"/> reports connection events and incoming messages and calls <see cref="Poll"/>
    /// under the module lock when <see cref="NextDueMs"/> says, when the reading changed, or on connection activity; messages go to an <see cref="IMqttSink"/> (the
    /// <see cref="MqttOutbox"/>) that never blocks and is asked before each payload is built. Time comes from the context's clock, so tests run on virtual time.
    ///
    /// On every connection: retained &lt;base&gt;/lwt "Online", then (once the meter serial is known)
    /// the retained discovery configs, the retained &lt;base&gt;/availability, and after a short grace
    /// the state. Home Assistant's "online" birth message repeats all of it. Discovery off removes
    /// the configs (empty retained payloads); so does a change of meter serial for the old serial.
    /// </summary>
    public sealed class MqttPublisher
    {
        /// <summary>Pause between the discovery configs and the first state, so Home Assistant has subscribed.</summary>
        public const int DiscoveryGraceMs = 1000;

        /// <summary>
        /// Home Assistant "online" messages less than this apart are one burst: the first one logs a
        /// line and starts the announcement, the rest are counted and ignored, so a flood on the
        /// status topic neither fills the log nor re-sends the configs again and again.
        /// </summary>
        public const int BirthBurstGapMs = 10000;

        /// <summary>The module's boot time is re-derived from the wall clock when it moved by more than this (clock set).</summary>
        private const int BootTimeSlackMs = 2000;

        private static readonly byte[] Empty = new byte[0];

        private readonly MqttSettings _settings;
        private readonly ModuleContext _context;
        private readonly IMqttSink _sink;
        private readonly ILog _log;
        private readonly IWifiSignal? _wifi;
        private readonly MqttTopics _topics;
        private readonly MqttPayloadBuilder _payloads = new MqttPayloadBuilder(MqttPayloadBuilder.DefaultBufferBytes);
        private readonly int[] _lastValues = new int[Quantity.Count];
        private readonly bool[] _lastHas = new bool[Quantity.Count];

        private bool _connected;
        private bool _lwtPending;
        private bool _discoveryPending;
        private int _discoveryNext;
        private string? _announcedSerial;
        private string? _removeSerial;
        private int _removeNext;
        private int _availability = -1;
        private bool _stateForce;
        private long _stateNotBeforeMs;
        private long _lastStateMs;
        private long _lastDiagnosticsMs;
        private bool _everPublishedState;
        private int _roundAnnounced;
        private int _roundRemoved;
        private bool _birthSeen;
        private long _lastBirthMs;
        private int _burstBirths;
        private bool _bootKnown;
        private System.DateTime _bootUtc;

        public MqttPublisher(MqttSettings settings, ModuleContext context, IMqttSink sink, ILog log, IWifiSignal? wifi)
        {
            string? invalid = settings.Validate();
            if (invalid != null)
            {
                throw new System.ArgumentException("mqtt." + invalid);
            }

            _settings = settings;
            _context = context;
            _sink = sink;
            _log = log == null ? NullLog.Instance : log;
            _wifi = wifi;
            _topics = new MqttTopics(settings);
        }

        public MqttTopics Topics
        {
            get { return _topics; }
        }

        /// <summary>Where the JSON payloads are built (its bounded buffer; the benchmark and device tests read its figures).</summary>
        public MqttPayloadBuilder Payloads
        {
            get { return _payloads; }
        }

        /// <summary>Topics to subscribe to after connecting (Home Assistant's birth message when discovery is on).</summary>
        public string[] SubscribeTopics
        {
            get { return _settings.Discovery ? new string[] { _topics.HaStatus } : new string[0]; }
        }

        /// <summary>Last will: topic, payload, retained, QoS 1.</summary>
        public string WillTopic
        {
            get { return _topics.Lwt; }
        }

        public string WillPayload
        {
            get { return MqttTopics.LwtOffline; }
        }

        /// <summary>Completed discovery rounds (each config published once), for tests and status.</summary>
        public int DiscoveryRounds { get; private set; }

        /// <summary>State publications (state topic + Dabbler topics) since start.</summary>
        public int StatePublications { get; private set; }

        /// <summary>Messages the sink refused (queue full); state is simply sent again next time.</summary>
        public int Refused { get; private set; }

        /// <summary>Configs published with content in the last completed discovery round (entities announced).</summary>
        public int AnnouncedEntities { get; private set; }

        /// <summary>Empty configs published in the last completed discovery round (entities removed).</summary>
        public int RemovedEntities { get; private set; }

        /// <summary>Home Assistant "online" messages ignored because they belonged to a burst already answered.</summary>
        public int CoalescedBirths { get; private set; }

        /// <summary>The serial whose entities were last announced, or null.</summary>
        public string? AnnouncedSerial
        {
            get { return _announcedSerial; }
        }

        public bool Connected
        {
            get { return _connected; }
        }

        /// <summary>The transport is connected (CONNACK accepted, subscriptions sent).</summary>
        public void OnConnected()
        {
            _connected = true;
            _lwtPending = true;
            _discoveryPending = true;
            _discoveryNext = 0;
            _availability = -1;
            _stateForce = true;
            _stateNotBeforeMs = 0;
        }

        public void OnDisconnected()
        {
            _connected = false;
        }

        /// <summary>An incoming message; only Home Assistant's status topic is acted on.</summary>
        public void OnMessage(string topic, byte[] payload, int offset, int count)
        {
            if (!_settings.Discovery || topic != _topics.HaStatus)
            {
                return;
            }

            string text = count <= 0 ? "" : Encoding.UTF8.GetString(payload, offset, count).Trim();
            if (text != MqttTopics.HaOnline)
            {
                return;
            }

            long now = _context.Clock.NowMs;
            bool sameBurst = _birthSeen && now - _lastBirthMs < BirthBurstGapMs;
            _birthSeen = true;
            _lastBirthMs = now;
            if (sameBurst)
            {
                _burstBirths++;
                CoalescedBirths++;
                return;
            }

            string previous = _burstBirths > 1 ? " (the previous burst had " + _burstBirths + " birth messages; one was answered)" : "";
            _burstBirths = 1;
            _log.Write(LogLevel.Info, "mqtt: Home Assistant is online; announcing discovery and state again" + previous);
            _discoveryPending = true;
            _discoveryNext = 0;
            _availability = -1;
            _stateForce = true;
        }

        /// <summary>
        /// Before a clean DISCONNECT (no will is sent then): retained "Offline" and "offline".
        /// Returns false if the sink refused one of them.
        /// </summary>
        public bool PublishOffline()
        {
            bool ok = Publish(_topics.Availability, MqttTopics.AvailabilityOffline, 1, true);
            ok = Publish(_topics.Lwt, MqttTopics.LwtOffline, 1, true) && ok;
            _availability = 0;
            return ok;
        }

        public void Poll()
        {
            if (!_connected)
            {
                return;
            }

            long now = _context.Clock.NowMs;
            if (_lwtPending)
            {
                if (!Publish(_topics.Lwt, MqttTopics.LwtOnline, 1, true))
                {
                    return;
                }

                _lwtPending = false;
            }

            string? serial = CurrentSerial();
            if (serial != null && _announcedSerial != null && serial != _announcedSerial && _removeSerial == null)
            {
                _log.Write(LogLevel.Warning, "mqtt: meter serial changed from " + _announcedSerial + " to " + serial + "; removing the old entities");
                _removeSerial = _announcedSerial;
                _removeNext = 0;
                _announcedSerial = null;
                _discoveryPending = true;
                _discoveryNext = 0;
            }

            if (_removeSerial != null)
            {
                while (_removeNext < HaDiscovery.Count)
                {
                    if (!PublishBytes(HaDiscovery.ConfigTopic(_topics, _removeSerial, _removeNext), Empty, 1, true))
                    {
                        return;
                    }

                    _removeNext++;
                }

                _removeSerial = null;
            }

            if (_discoveryPending && serial != null && !PublishDiscovery(serial, now))
            {
                return;
            }

            int available = MeterAvailable(now) ? 1 : 0;
            if (available != _availability)
            {
                if (Publish(_topics.Availability, available == 1 ? MqttTopics.AvailabilityOnline : MqttTopics.AvailabilityOffline, 1, true))
                {
                    if (_availability >= 0)
                    {
                        _log.Write(LogLevel.Info, "mqtt: meter data " + (available == 1 ? "available" : "unavailable"));
                    }

                    // Link lost or back: tell Home Assistant now (diagnostics, fresh values) rather than at the next interval.
                    _stateForce = _stateForce || _availability >= 0;
                    _availability = available;
                }
            }

            if (now < _stateNotBeforeMs || !StateDue(now))
            {
                return;
            }

            PublishState(now);
        }

        /// <summary>
        /// The clock time at which <see cref="Poll"/> next has something to do if the reading does not change
        /// before (long.MaxValue: nothing until then): <paramref name="nowMs"/> while something is pending (the
        /// "Online", removals, a discovery round, an availability change, a forced or first state — also when
        /// the sink refused it); else the earliest of the next interval publication, in on_change mode the end
        /// of the minimum interval after a change or the time a value goes stale, and the time the availability
        /// turns "offline" by itself (link silent, values stale). Allocates nothing.
        /// </summary>
        public long NextDueMs(long nowMs)
        {
            if (!_connected)
            {
                return long.MaxValue;
            }

            string? serial = CurrentSerial();
            bool serialChanged = serial != null && _announcedSerial != null && serial != _announcedSerial;
            int available = MeterAvailable(nowMs) ? 1 : 0;
            if (_lwtPending || _removeSerial != null || serialChanged || (_discoveryPending && serial != null) || available != _availability)
            {
                return nowMs;
            }

            long due = StateDueMs(nowMs);
            if (due < _stateNotBeforeMs)
            {
                due = _stateNotBeforeMs;
            }

            if (available == 1)
            {
                // Nothing makes the meter available again by time alone; a reading change wakes the publisher.
                due = Earlier(due, AvailabilityEndsMs());
            }

            return due < nowMs ? nowMs : due;
        }

        /// <summary>When <see cref="StateDue"/> turns true if nothing is read before.</summary>
        private long StateDueMs(long nowMs)
        {
            if (_stateForce || !_everPublishedState)
            {
                return nowMs;
            }

            long due = _lastStateMs + (long)_settings.IntervalS * 1000;
            if (_settings.PublishMode != MqttSettings.ModeOnChange)
            {
                return due;
            }

            long changeAllowed = _lastStateMs + (long)_settings.MinIntervalS * 1000;
            if (ValuesChanged(nowMs))
            {
                return Earlier(due, changeAllowed);
            }

            // A value going stale is a change too (it becomes null).
            long stale = FirstValueStaleMs();
            return Earlier(due, stale < changeAllowed ? changeAllowed : stale);
        }

        /// <summary>The first time a value available now becomes unavailable (long.MaxValue: none).</summary>
        private long FirstValueStaleMs()
        {
            MeterReading? r = _context.Reading;
            long first = long.MaxValue;
            for (int q = 0; r != null && q < Quantity.Count; q++)
            {
                if (_lastHas[q])
                {
                    first = Earlier(first, r.AvailableUntilMs(q) + 1);
                }
            }

            return first;
        }

        /// <summary>The first time <see cref="MeterAvailable"/> is false if nothing is read before (it is true now).</summary>
        private long AvailabilityEndsMs()
        {
            MeterReading? r = _context.Reading;
            long lastValue = long.MinValue;
            for (int q = 0; r != null && q < Quantity.Count; q++)
            {
                long until = r.AvailableUntilMs(q);
                if (until > lastValue)
                {
                    lastValue = until;
                }
            }

            return Earlier(_context.LinkUpUntilMs(), lastValue) + 1;
        }

        private static long Earlier(long a, long b)
        {
            return a < b ? a : b;
        }

        /// <summary>True when meter values are flowing: link up and at least one value fresh.</summary>
        public bool MeterAvailable(long now)
        {
            MeterReading? r = _context.Reading;
            return r != null && _context.LinkUp(now) && r.AnyAvailable(now);
        }

        private string? CurrentSerial()
        {
            MeterReading? r = _context.Reading;
            if (r == null || r.Identity.UtilitySerial == null || r.Identity.UtilitySerial.Length == 0)
            {
                return null;
            }

            return r.Identity.UtilitySerial;
        }

        private bool PublishDiscovery(string serial, long now)
        {
            bool haveWifi = _wifi != null;
            int total = HaDiscovery.Count + HaDiscovery.RetiredCount;
            if (_discoveryNext == 0)
            {
                _roundAnnounced = 0;
                _roundRemoved = 0;
            }

            while (_discoveryNext < total)
            {
                bool retired = _discoveryNext >= HaDiscovery.Count;
                bool announce = !retired && _settings.Discovery && (!HaDiscovery.Entity(_discoveryNext).NeedsWifi || haveWifi);
                string topic = retired
                    ? HaDiscovery.RetiredConfigTopic(_topics, serial, _discoveryNext - HaDiscovery.Count)
                    : HaDiscovery.ConfigTopic(_topics, serial, _discoveryNext);
                if (!Room(topic))
                {
                    return false;
                }

                byte[] payload = announce ? _payloads.Config(_discoveryNext, _settings, _topics, _context, serial) : Empty;
                if (!PublishBytes(topic, payload, 1, true))
                {
                    return false;
                }

                if (announce)
                {
                    _roundAnnounced++;
                }
                else
                {
                    _roundRemoved++;
                }

                _discoveryNext++;
            }

            _discoveryPending = false;
            DiscoveryRounds++;
            AnnouncedEntities = _roundAnnounced;
            RemovedEntities = _roundRemoved;
            if (_settings.Discovery)
            {
                _announcedSerial = serial;
                _stateNotBeforeMs = now + DiscoveryGraceMs;
                _stateForce = true;
                _log.Write(LogLevel.Info, "mqtt: announced " + _roundAnnounced + " Home Assistant entities for meter " + serial + " under " + _settings.DiscoveryPrefix
                    + "/ (removed " + _roundRemoved + " that do not apply here)");
            }
            else
            {
                _announcedSerial = null;
                _log.Write(LogLevel.Info, "mqtt: discovery off; removed " + _roundRemoved + " Home Assistant entities of meter " + serial);
            }

            return true;
        }

        /// <summary>
        /// The wall-clock time the module started, derived once and kept, so the "last boot" sensor
        /// does not flicker by a second between publications; derived again when the wall clock was
        /// set or moved (e.g. SNTP on the device after start).
        /// </summary>
        private System.DateTime BootUtc(long now)
        {
            System.DateTime estimate = _context.Clock.UtcNow.AddMilliseconds(_context.StartedMs - now);
            estimate = new System.DateTime(estimate.Ticks - (estimate.Ticks % System.TimeSpan.TicksPerSecond), System.DateTimeKind.Utc);
            long driftMs = (estimate.Ticks - _bootUtc.Ticks) / System.TimeSpan.TicksPerMillisecond;
            if (!_bootKnown || driftMs > BootTimeSlackMs || driftMs < -BootTimeSlackMs)
            {
                _bootUtc = estimate;
                _bootKnown = true;
            }

            return _bootUtc;
        }

        private bool StateDue(long now)
        {
            if (_stateForce || !_everPublishedState)
            {
                return true;
            }

            long since = now - _lastStateMs;
            long interval = (long)_settings.IntervalS * 1000;
            if (since >= interval)
            {
                return true;
            }

            return _settings.PublishMode == MqttSettings.ModeOnChange && since >= (long)_settings.MinIntervalS * 1000 && ValuesChanged(now);
        }

        private bool ValuesChanged(long now)
        {
            MeterReading? r = _context.Reading;
            for (int q = 0; q < Quantity.Count; q++)
            {
                bool has = r != null && r.IsAvailable(q, now);
                if (has != _lastHas[q] || (has && r!.Value(q) != _lastValues[q])) // has implies r != null
                {
                    return true;
                }
            }

            return false;
        }

        private void PublishState(long now)
        {
            MeterReading? r = _context.Reading;
            if (!Room(_topics.State) || !PublishBytes(_topics.State, _payloads.State(r, now), 0, false))
            {
                return;
            }

            for (int q = 0; q < Quantity.Count; q++)
            {
                bool has = r != null && r.IsAvailable(q, now);
                _lastHas[q] = has;
                _lastValues[q] = has ? r!.Value(q) : 0; // has implies r != null
            }

            PublishDabbler(_topics.DabblerSensors, r, now, MqttPayloads.SensorsKeys, MqttPayloads.SensorsQuantities);
            PublishDabbler(_topics.DabblerTotal, r, now, MqttPayloads.TotalKeys, MqttPayloads.TotalQuantities);
            PublishDabbler(_topics.DabblerFwd, r, now, MqttPayloads.FwdKeys, MqttPayloads.FwdQuantities);
            PublishDabbler(_topics.DabblerRev, r, now, MqttPayloads.RevKeys, MqttPayloads.RevQuantities);
            PublishDabbler(_topics.DabblerFrequency, r, now, MqttPayloads.FrequencyKeys, MqttPayloads.FrequencyQuantities);

            bool diagnosticsDue = _stateForce || !_everPublishedState || now - _lastDiagnosticsMs >= (long)_settings.IntervalS * 1000;
            if (diagnosticsDue && Room(_topics.Diagnostics) && PublishBytes(_topics.Diagnostics, _payloads.Diagnostics(_context, now, _wifi, BootUtc(now)), 0, false))
            {
                _lastDiagnosticsMs = now;
            }

            _lastStateMs = now;
            _everPublishedState = true;
            _stateForce = false;
            StatePublications++;
        }

        /// <summary>One Dabbler body, built only when the sink has room for it (none when no value is available).</summary>
        private void PublishDabbler(string topic, MeterReading? r, long now, string[] keys, int[] quantities)
        {
            if (!Room(topic))
            {
                return;
            }

            byte[]? body = _payloads.Dabbler(r, now, keys, quantities);
            if (body != null)
            {
                PublishBytes(topic, body, 0, false);
            }
        }

        /// <summary>Asks the sink before a payload is built, so a full queue costs no payload string.</summary>
        private bool Room(string topic)
        {
            if (_sink.CanAccept(topic))
            {
                return true;
            }

            Refused++;
            return false;
        }

        private bool Publish(string topic, string payload, int qos, bool retain)
        {
            return Room(topic) && PublishBytes(topic, Encoding.UTF8.GetBytes(payload), qos, retain);
        }

        private bool PublishBytes(string topic, byte[] payload, int qos, bool retain)
        {
            if (_sink.TryPublish(topic, payload, qos, retain))
            {
                return true;
            }

            Refused++;
            return false;
        }
    }
}
