using System;
using NesMep.Core.Api;
using NesMep.Core.Platform;

namespace NesMep.Core.Module
{
    /// <summary>
    /// The module above its adapters: the meter side (link, poller, reading, context), the reconnect back-off of
    /// a transport that can drop, the timed parts beside it (MQTT), and applying new settings. It has no thread:
    /// the host's thread calls <see cref="Step"/> and sleeps until the time it returns, or until bytes arrive
    /// from the meter, or until <see cref="IWake"/> is signalled — whichever comes first. Everything the views
    /// read is guarded by <see cref="Gate"/>; Step holds it only while the poller runs.
    /// </summary>
    public sealed class MeterModule
    {
        public const int Applied = 0;
        public const int KeptPrevious = 1;
        public const int Failed = 2;

        /// <summary>Pause after an unexpected error in a step, so a fault that repeats cannot spin the loop.</summary>
        public const int ErrorRetryMs = 1000;

        private readonly IMeterSideFactory _factory;
        private readonly IClock _clock;
        private readonly ILog _log;
        private readonly object _gate = new object();
        private IModulePart[] _parts = new IModulePart[0];
        private MeterSide _side;
        private object _settings;
        private ReconnectBackoff _reconnect;
        private IWake? _waker;
        private readonly ReadingChangeWatch _watch = new ReadingChangeWatch();

        /// <summary>Opens the meter side for <paramref name="settings"/>; throws when it cannot start.</summary>
        public MeterModule(IMeterSideFactory factory, object settings, IClock clock, ILog log)
        {
            _factory = factory;
            _clock = clock;
            _log = log;
            _settings = settings;
            _side = factory.Open(settings);
            _reconnect = new ReconnectBackoff(clock, log);
        }

        /// <summary>Lock to hold while reading anything in <see cref="Context"/>.</summary>
        public object Gate
        {
            get { return _gate; }
        }

        public IClock Clock
        {
            get { return _clock; }
        }

        /// <summary>The meter side of the settings in use (replaced under <see cref="Gate"/> by new settings).</summary>
        public MeterSide Side
        {
            get { return _side; }
        }

        public ModuleContext Context
        {
            get { return _side.Context; }
        }

        /// <summary>The settings in use (the previous ones after a fallback).</summary>
        public object Settings
        {
            get { return _settings; }
        }

        /// <summary>How many times new settings were applied (including fallbacks to the previous ones).</summary>
        public int Generation { get; private set; }

        /// <summary>Set when neither the new nor the previous settings could start the meter side.</summary>
        public string? FailureReason { get; private set; }

        /// <summary>Steps taken since the start (the wake-ups that did work).</summary>
        public long Steps { get; private set; }

        /// <summary>Told when work arrives from outside the loop (a console read is queued).</summary>
        public IWake? Waker
        {
            get { return _waker; }
            set
            {
                _waker = value;
                _side.Poller.Waker = value;
            }
        }

        /// <summary>
        /// Woken (under <see cref="Gate"/>, on the stepping thread) after a step that changed the reading, the link
        /// state or the meter serial, so a publisher on another thread (MQTT) need not poll for changes.
        /// </summary>
        public IWake? ReadingChanged { get; set; }

        /// <summary>Adds a part stepped after the meter side (call on the thread that calls Step).</summary>
        public void AddPart(IModulePart part)
        {
            IModulePart[] parts = new IModulePart[_parts.Length + 1];
            Array.Copy(_parts, parts, _parts.Length);
            parts[_parts.Length] = part;
            _parts = parts;
        }

        /// <summary>Removes a part (call on the thread that calls Step).</summary>
        public void RemovePart(IModulePart part)
        {
            int at = Array.IndexOf(_parts, part);
            if (at < 0)
            {
                return;
            }

            IModulePart[] parts = new IModulePart[_parts.Length - 1];
            Array.Copy(_parts, 0, parts, 0, at);
            Array.Copy(_parts, at + 1, parts, at, parts.Length - at);
            _parts = parts;
        }

        /// <summary>
        /// Does everything due now: polls the meter side (bytes that arrived, timers, the next read), reconnects
        /// a dropped transport when its back-off ends, steps the other parts. Returns the clock time of the next
        /// thing due; arriving bytes may need a step earlier. Never blocks longer than a reconnect attempt.
        /// </summary>
        public long Step()
        {
            Steps++;
            if (FailureReason != null)
            {
                return long.MaxValue;
            }

            MeterSide side = _side;
            long due;
            try
            {
                lock (_gate)
                {
                    side.Poller.Poll();
                    due = side.Poller.NextDueMs();
                    IWake? readingChanged = ReadingChanged;
                    if (_watch.Changed(side.Context, _clock.NowMs) && readingChanged != null)
                    {
                        readingChanged.Wake();
                    }
                }

                if (side.Connection != null)
                {
                    due = Earlier(due, _reconnect.Step(side.Connection, _clock.NowMs));
                }
            }
            catch (Exception e)
            {
                // A bug or a vanished adapter: the loop must not die silently (nor take the process down).
                _log.Write(LogLevel.Error, "meter poll loop: " + e.GetType().Name + ": " + e.Message + "; polling goes on");
                due = _clock.NowMs + ErrorRetryMs;
            }

            long now = _clock.NowMs;
            IModulePart[] parts = _parts;
            for (int i = 0; i < parts.Length; i++)
            {
                try
                {
                    due = Earlier(due, parts[i].Step(now));
                }
                catch (Exception e)
                {
                    _log.Write(LogLevel.Error, "module part: " + e.GetType().Name + ": " + e.Message + "; going on");
                    due = Earlier(due, now + ErrorRetryMs);
                }
            }

            return due;
        }

        /// <summary>
        /// Rebuilds the meter side for <paramref name="settings"/> (call on the thread that calls Step). When the
        /// new settings cannot start, the previous ones are opened again (<see cref="KeptPrevious"/>); when
        /// neither can, <see cref="FailureReason"/> says why and the result is <see cref="Failed"/> — nothing
        /// polls the meter any more and the host should stop visibly. Uptime continues; the web side is untouched.
        /// </summary>
        public int ApplySettings(object settings)
        {
            MeterSide old = _side;
            long startedMs = old.Context.StartedMs;
            old.Close(); // before opening: a serial port cannot be opened twice
            object next = settings;
            string? error;
            MeterSide? fresh = TryOpen(next, out error);
            if (fresh == null)
            {
                _log.Write(LogLevel.Error, "new settings: cannot start the meter side (" + error + "); keeping the previous settings");
                next = _settings;
                fresh = TryOpen(next, out error);
                if (fresh == null)
                {
                    // Stop visibly (a supervisor restarts the service) instead of serving stale data forever.
                    FailureReason = "the meter side cannot start with the previous settings either: " + error;
                    _log.Write(LogLevel.Error, FailureReason + "; stopping the service");
                    return Failed;
                }
            }

            fresh.Context.ContinueUptimeFrom(startedMs);
            fresh.Poller.Waker = _waker;
            lock (_gate)
            {
                _side = fresh;
            }

            _settings = next;
            _reconnect = new ReconnectBackoff(_clock, _log);
            Generation++;
            return next == settings ? Applied : KeptPrevious;
        }

        /// <summary>Closes the meter side (the host's thread has stopped stepping).</summary>
        public void Close()
        {
            _side.Close();
        }

        private MeterSide? TryOpen(object settings, out string? error)
        {
            try
            {
                error = null;
                return _factory.Open(settings);
            }
            catch (Exception e)
            {
                error = e.Message;
                return null;
            }
        }

        private static long Earlier(long a, long b)
        {
            return a < b ? a : b;
        }
    }
}
