using System;
using NesMep.Core.Platform;

namespace NesMep.Core.Time
{
    /// <summary>
    /// The device's wall clock: real UTC from SNTP, and from the meter's BT52 clock before SNTP has answered (the
    /// access point has no network, so without the meter the module would stamp logs and JSON with its boot epoch).
    /// An <see cref="IClock"/> over the platform's monotonic clock: the firmware passes it where a clock is wanted, so
    /// JSON timestamps ("timestamp", "time") and log lines carry it. Each answer is pinned to the monotonic time it
    /// was taken at, so the wall time runs on with the monotonic clock between answers and never depends on when an
    /// answer is handed over. SNTP wins over the meter once it has answered; the meter's distance from SNTP is kept
    /// for the status (a meter clock that is far off is worth knowing). Thread-safe.
    /// </summary>
    public sealed class WallClock : IClock
    {
        /// <summary>Times before this year are taken as "not set" (a clock reset to its epoch, a meter with a cleared clock).</summary>
        public const int MinValidYear = 2024;

        /// <summary>Times from this year on are taken as garbage.</summary>
        public const int MaxValidYear = 2100;

        private readonly object _sync = new object();
        private readonly IClock _monotonic;
        private int _source = TimeSource.None;
        private DateTime _baseUtc;
        private long _baseMs;
        private long _lastStepMs;
        private bool _meterKnown;
        private DateTime _meterUtc;
        private long _meterMs;

        /// <param name="monotonic">The platform clock: its NowMs drives this clock; its UtcNow is used only until a source answers.</param>
        public WallClock(IClock monotonic)
        {
            _monotonic = monotonic;
        }

        public long NowMs
        {
            get { return _monotonic.NowMs; }
        }

        /// <summary>Real UTC once <see cref="Valid"/>; before that the platform's own clock, unchanged.</summary>
        public DateTime UtcNow
        {
            get
            {
                lock (_sync)
                {
                    return _source == TimeSource.None ? _monotonic.UtcNow : _baseUtc.AddMilliseconds(_monotonic.NowMs - _baseMs);
                }
            }
        }

        /// <summary>A source has given a plausible time.</summary>
        public bool Valid
        {
            get { lock (_sync) { return _source != TimeSource.None; } }
        }

        /// <summary>A <see cref="TimeSource"/> value.</summary>
        public int Source
        {
            get { lock (_sync) { return _source; } }
        }

        /// <summary>How far the last accepted answer moved the wall clock (ms, positive: forward; 0 for the first).</summary>
        public long LastStepMs
        {
            get { lock (_sync) { return _lastStepMs; } }
        }

        /// <summary>Whether <see cref="MeterOffsetMs"/> means something: the meter and SNTP have both answered.</summary>
        public bool MeterOffsetKnown
        {
            get { lock (_sync) { return _meterKnown && _source == TimeSource.Sntp; } }
        }

        /// <summary>The meter's clock minus the SNTP time at the same moment (ms; positive: the meter is ahead).</summary>
        public long MeterOffsetMs
        {
            get
            {
                lock (_sync)
                {
                    if (!_meterKnown || _source != TimeSource.Sntp)
                    {
                        return 0;
                    }

                    DateTime wallAtMeterRead = _baseUtc.AddMilliseconds(_meterMs - _baseMs);
                    return (_meterUtc.Ticks - wallAtMeterRead.Ticks) / TimeSpan.TicksPerMillisecond;
                }
            }
        }

        /// <summary>
        /// An SNTP answer: <paramref name="utc"/> was the time at monotonic <paramref name="atMs"/>. False (ignored)
        /// when it is not plausible.
        /// </summary>
        public bool OfferSntp(DateTime utc, long atMs)
        {
            if (!Plausible(utc))
            {
                return false;
            }

            lock (_sync)
            {
                SetBase(utc, atMs);
                _source = TimeSource.Sntp;
                return true;
            }
        }

        /// <summary>
        /// The meter's BT52 clock: <paramref name="utc"/> read at monotonic <paramref name="atMs"/>. Sets the wall
        /// clock only while SNTP has not answered; always kept for <see cref="MeterOffsetMs"/>. False when not plausible.
        /// </summary>
        public bool OfferMeter(DateTime utc, long atMs)
        {
            if (!Plausible(utc))
            {
                return false;
            }

            lock (_sync)
            {
                _meterKnown = true;
                _meterUtc = utc;
                _meterMs = atMs;
                if (_source != TimeSource.Sntp)
                {
                    SetBase(utc, atMs);
                    _source = TimeSource.Meter;
                }

                return true;
            }
        }

        public static bool Plausible(DateTime utc)
        {
            return utc.Year >= MinValidYear && utc.Year < MaxValidYear;
        }

        private void SetBase(DateTime utc, long atMs)
        {
            if (_source != TimeSource.None)
            {
                DateTime before = _baseUtc.AddMilliseconds(atMs - _baseMs);
                _lastStepMs = (utc.Ticks - before.Ticks) / TimeSpan.TicksPerMillisecond;
            }

            _baseUtc = utc;
            _baseMs = atMs;
        }
    }
}
