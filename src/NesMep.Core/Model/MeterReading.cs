using System;

namespace NesMep.Core.Model
{
    /// <summary>
    /// The latest verified values with their age. A value is unavailable until the first verified
    /// reading and again once it is older than <see cref="QualitySettings.StaleAfterMs"/> — it is
    /// never reported as 0 and never silently stale. Energy counters pass through an
    /// <see cref="EnergyCounterFilter"/> first. Preallocated; updates do not allocate.
    /// </summary>
    public sealed class MeterReading
    {
        private readonly int[] _values = new int[Quantity.Count];
        private readonly bool[] _has = new bool[Quantity.Count];
        private readonly long[] _updatedMs = new long[Quantity.Count];
        private readonly long[] _intervalMs = new long[Quantity.Count];
        private long _linkAliveMs = -1;
        private readonly QualitySettings _settings;
        private readonly EnergyCounterFilter _importFilter;
        private readonly EnergyCounterFilter _exportFilter;

        public MeterReading(QualitySettings settings)
        {
            _settings = settings;
            _importFilter = new EnergyCounterFilter(settings);
            _exportFilter = new EnergyCounterFilter(settings);
            Identity = new MeterIdentity();
        }

        public QualitySettings Settings
        {
            get { return _settings; }
        }

        public MeterIdentity Identity { get; private set; }

        public EnergyCounterFilter ImportFilter
        {
            get { return _importFilter; }
        }

        public EnergyCounterFilter ExportFilter
        {
            get { return _exportFilter; }
        }

        /// <summary>Decoded readings that failed their table decode (never applied).</summary>
        public int DecodeErrors { get; set; }

        /// <summary>Meter clock (BT52, UTC) at the moment it was read, and when (monotonic ms).</summary>
        public DateTime MeterClockUtc { get; private set; }

        public long MeterClockReadMs { get; private set; }

        public bool HasMeterClock { get; private set; }

        /// <summary>
        /// Counts changes of what the views show: a value that differs from the stored one or was unavailable,
        /// and a verified reply after the values had gone stale. A thread that publishes the reading (MQTT) is
        /// woken when it moves instead of polling (docs/architecture.md); wraps around, compare for equality.
        /// </summary>
        public int Changes { get; private set; }

        /// <summary>Stores a verified value read at <paramref name="nowMs"/>.</summary>
        public void Set(int quantity, int value, long nowMs)
        {
            if (!_has[quantity] || _values[quantity] != value || nowMs > AvailableUntilMs(quantity))
            {
                Changes++;
            }

            _linkAliveMs = nowMs;
            _values[quantity] = value;
            _has[quantity] = true;
            _updatedMs[quantity] = nowMs;
        }

        /// <summary>
        /// Offers an energy register read from BT23; stored only if the plausibility filter accepts
        /// it. Returns the filter verdict.
        /// </summary>
        public int OfferEnergy(int quantity, int valueWh, long nowMs)
        {
            EnergyCounterFilter? filter = quantity == Quantity.EnergyImportWh ? _importFilter :
                quantity == Quantity.EnergyExportWh ? _exportFilter : null;
            int verdict = filter == null ? EnergyCounterFilter.Accepted : filter.Check(valueWh, nowMs);
            if (verdict == EnergyCounterFilter.Accepted || verdict == EnergyCounterFilter.Rebaselined)
            {
                Set(quantity, valueWh, nowMs);
            }

            return verdict;
        }

        public void SetMeterClock(DateTime utc, long nowMs)
        {
            MeterClockUtc = utc;
            MeterClockReadMs = nowMs;
            HasMeterClock = true;
        }

        /// <summary>The meter clock now, extrapolated from the last BT52 read.</summary>
        public DateTime MeterClockNow(long nowMs)
        {
            return MeterClockUtc.AddMilliseconds(nowMs - MeterClockReadMs);
        }

        /// <summary>
        /// Available = read at least once, the meter answered (any verified reply) within the stale
        /// limit, and the value itself is not older than the stale limit or, for values read less
        /// often (averages every minute), two of its read intervals plus a second.
        /// </summary>
        public bool IsAvailable(int quantity, long nowMs)
        {
            return nowMs <= AvailableUntilMs(quantity);
        }

        /// <summary>
        /// The last clock time at which <see cref="IsAvailable"/> is true if nothing is read before
        /// (long.MinValue: never read), so a publisher can sleep until a value goes stale.
        /// </summary>
        public long AvailableUntilMs(int quantity)
        {
            if (!_has[quantity] || _linkAliveMs < 0)
            {
                return long.MinValue;
            }

            long limit = 2 * _intervalMs[quantity] + 1000;
            if (limit < _settings.StaleAfterMs)
            {
                limit = _settings.StaleAfterMs;
            }

            long valueUntil = _updatedMs[quantity] + limit;
            long linkUntil = _linkAliveMs + _settings.StaleAfterMs;
            return valueUntil < linkUntil ? valueUntil : linkUntil;
        }

        /// <summary>The poller tells how often it reads a quantity, so slow values are not called stale early.</summary>
        public void SetReadInterval(int quantity, long intervalMs)
        {
            _intervalMs[quantity] = intervalMs;
        }

        /// <summary>Called on every verified reply: the link is alive even if no value changed.</summary>
        public void NoteLinkAlive(long nowMs)
        {
            if (_linkAliveMs < 0 || nowMs - _linkAliveMs > _settings.StaleAfterMs)
            {
                Changes++; // values held back by the silent link may be available again
            }

            _linkAliveMs = nowMs;
        }

        /// <summary>The stored value; only meaningful when <see cref="IsAvailable"/>.</summary>
        public int Value(int quantity)
        {
            return _values[quantity];
        }

        /// <summary>Age of the value in ms, or -1 if it was never read.</summary>
        public long AgeMs(int quantity, long nowMs)
        {
            return _has[quantity] ? nowMs - _updatedMs[quantity] : -1;
        }

        public long UpdatedMs(int quantity)
        {
            return _updatedMs[quantity];
        }

        /// <summary>True when at least one value is available.</summary>
        public bool AnyAvailable(long nowMs)
        {
            for (int i = 0; i < Quantity.Count; i++)
            {
                if (IsAvailable(i, nowMs))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Most recent update of any value, or -1.</summary>
        public long LastUpdateMs()
        {
            long last = -1;
            for (int i = 0; i < Quantity.Count; i++)
            {
                if (_has[i] && _updatedMs[i] > last)
                {
                    last = _updatedMs[i];
                }
            }

            return last;
        }
    }
}
