namespace NesMep.Simulator;

/// <summary>
/// Block demand registers for BT23 demand records and BT28 present demands: the average of each
/// demand source over fixed intervals aligned to local time, the maximum per block (total and per
/// tier) with its time, and the running average of the current interval. Samples once per model second.
/// </summary>
internal sealed class DemandTracker
{
    private readonly int[] _sources;
    private readonly int _tiers;
    private readonly Func<int, int> _value;
    private readonly HouseholdLoad _load;
    private readonly long _intervalMs;
    private readonly double[] _sum;
    private readonly int[] _previous;
    private readonly int[,] _max;
    private readonly DateTime[,] _maxAt;
    private int _samples;
    private long _intervalIndex = long.MinValue;
    private int _intervalTier;

    public DemandTracker(int[] sources, int tiers, HouseholdLoad load, Func<int, int> value)
    {
        _sources = sources;
        _tiers = tiers;
        _load = load;
        _value = value;
        _intervalMs = Math.Max(1, load.Options.DemandIntervalMinutes) * 60_000L;
        _sum = new double[sources.Length];
        _previous = new int[sources.Length];
        _max = new int[tiers + 1, sources.Length];
        _maxAt = new DateTime[tiers + 1, sources.Length];

        // A little history so the registers are not all zero on a fresh simulator.
        DateTime then = TariffSchedule.ToLocal(load.UtcNow.AddDays(-3), load.Options.UtcOffsetMinutes, load.Options.SummerTime);
        then = new DateTime(then.Year, then.Month, then.Day, 18, 15, 0);
        for (int k = 0; k < sources.Length; k++)
        {
            int seed = IsPower(sources[k]) ? 2500 + (300 * k) : 0;
            for (int b = 0; b <= tiers; b++)
            {
                _max[b, k] = b == 0 ? seed : seed / (1 + (b % 3));
                _maxAt[b, k] = then;
            }
        }

        load.SecondElapsed += Sample;
        Sample(load.TimeMs);
    }

    public int Count => _sources.Length;

    public int Source(int k) => _sources[k];

    /// <summary>Average of the current interval so far.</summary>
    public int Present(int k) => _samples == 0 ? 0 : (int)Math.Round(_sum[k] / _samples);

    /// <summary>Average of the last completed interval.</summary>
    public int Previous(int k) => _previous[k];

    public int Maximum(int block, int k) => _max[block, k];

    public DateTime MaximumAt(int block, int k) => _maxAt[block, k];

    /// <summary>Seconds left in the current demand interval.</summary>
    public int SecondsRemaining(long nowMs)
    {
        long local = LocalMs(nowMs);
        long rem = _intervalMs - (((local % _intervalMs) + _intervalMs) % _intervalMs);
        return (int)((rem + 999) / 1000);
    }

    private void Sample(long ms)
    {
        long index = FloorDiv(LocalMs(ms), _intervalMs);
        if (index != _intervalIndex)
        {
            if (_intervalIndex != long.MinValue && _samples > 0)
            {
                Close();
            }

            _intervalIndex = index;
            _intervalTier = _load.CurrentTier;
            _samples = 0;
            Array.Clear(_sum);
        }

        for (int k = 0; k < _sources.Length; k++)
        {
            _sum[k] += _value(_sources[k]);
        }

        _samples++;
    }

    private void Close()
    {
        DateTime end = TariffSchedule.ToLocal(_load.UtcNow, _load.Options.UtcOffsetMinutes, _load.Options.SummerTime);
        for (int k = 0; k < _sources.Length; k++)
        {
            int avg = (int)Math.Round(_sum[k] / _samples);
            _previous[k] = avg;
            Update(0, k, avg, end);
            if (_intervalTier < _tiers)
            {
                Update(1 + _intervalTier, k, avg, end);
            }
        }
    }

    private void Update(int block, int k, int value, DateTime at)
    {
        if (value > _max[block, k])
        {
            _max[block, k] = value;
            _maxAt[block, k] = at;
        }
    }

    private long LocalMs(long ms)
    {
        DateTime utc = _load.UtcAt(ms);
        DateTime local = TariffSchedule.ToLocal(utc, _load.Options.UtcOffsetMinutes, _load.Options.SummerTime);
        return local.Ticks / TimeSpan.TicksPerMillisecond;
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : ((a + 1) / b) - 1;

    private static bool IsPower(int source) => source is 8 or 9 or 10 or 11 or 20 or (>= 185 and <= 190);
}
