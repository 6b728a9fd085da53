using NesMep.Core.Model;

namespace NesMep.Benchmarks;

/// <summary>
/// Drives one <see cref="SimRig"/> (Poll(), observe, clock + 1 ms) and keeps the comparison's
/// bookkeeping: line bytes and transmissions since <see cref="Reset"/>, updates per quantity, the
/// round trip behind each update (update time − last transmission), and the age of power_import_w and
/// energy_import_wh sampled every 100 ms of virtual time.
/// </summary>
public sealed class Probe
{
    public const int SampleMs = 100;
    private const int AgeBuckets = 120_001; // ms histogram of sampled ages (0..120 s, last bucket = more)

    private readonly SimRig _rig;
    private readonly IBenchClient _client;
    private readonly MeterReading _m;
    private readonly long[] _lastUpdate = new long[Quantity.Count];
    private readonly long[] _updates = new long[Quantity.Count];
    private readonly long[] _rttSum = new long[Quantity.Count];
    private readonly long[] _longestGap = new long[Quantity.Count];
    private readonly int[] _powerAges = new int[AgeBuckets];
    private readonly int[] _energyAges = new int[AgeBuckets];
    private int _lastRequests;
    private long _lastTxMs;
    private long _nextSample;

    public Probe(SimRig rig)
    {
        _rig = rig;
        _client = rig.Client;
        _m = rig.Client.Reading;
        Array.Fill(_lastUpdate, -1);
        Reset();
    }

    public SimRig Rig => _rig;

    public long StartMs { get; private set; }

    public long StartBytes { get; private set; }

    public int StartRequests { get; private set; }

    public long Samples { get; private set; }

    public long PowerAgeSum { get; private set; }

    public long EnergyAgeSum { get; private set; }

    /// <summary>Time of the last request transmission (first sends and resends).</summary>
    public long LastTxMs => _lastTxMs;

    public long Updates(int q) => _updates[q];

    /// <summary>Mean time from the last transmission to the update of <paramref name="q"/>, ms.</summary>
    public double MeanRoundTripMs(int q) => _updates[q] == 0 ? 0 : (double)_rttSum[q] / _updates[q];

    /// <summary>
    /// Longest time between two successive updates of <paramref name="q"/> ending in the window: the exact
    /// maximum age just before an update (the 100 ms samples can miss it when the cadence is a multiple of 100 ms).
    /// </summary>
    public long LongestUpdateGapMs(int q) => _longestGap[q];

    public void Reset()
    {
        StartMs = _rig.NowMs;
        StartBytes = _rig.Line.LineBytes;
        StartRequests = _client.Link.Counters.Requests;
        Array.Clear(_updates);
        Array.Clear(_rttSum);
        Array.Clear(_longestGap);
        Array.Clear(_powerAges);
        Array.Clear(_energyAges);
        Samples = 0;
        PowerAgeSum = 0;
        EnergyAgeSum = 0;
        _nextSample = _rig.NowMs;
    }

    public void Step()
    {
        _client.Poll();
        long now = _rig.NowMs;
        int requests = _client.Link.Counters.Requests;
        if (requests != _lastRequests)
        {
            _lastRequests = requests;
            _lastTxMs = now;
        }

        for (int q = 0; q < Quantity.Count; q++)
        {
            long u = _m.UpdatedMs(q);
            if (u != _lastUpdate[q] && _m.AgeMs(q, now) >= 0)
            {
                if (_lastUpdate[q] >= 0 && u - _lastUpdate[q] > _longestGap[q])
                {
                    _longestGap[q] = u - _lastUpdate[q];
                }

                _lastUpdate[q] = u;
                _updates[q]++;
                _rttSum[q] += now - _lastTxMs;
            }
        }

        if (now >= _nextSample)
        {
            _nextSample += SampleMs;
            Samples++;
            long pa = Age(Quantity.PowerImportW, now);
            long ea = Age(Quantity.EnergyImportWh, now);
            PowerAgeSum += pa;
            EnergyAgeSum += ea;
            _powerAges[Math.Min(pa, AgeBuckets - 1)]++;
            _energyAges[Math.Min(ea, AgeBuckets - 1)]++;
        }

        _rig.Clock.NowMs++;
    }

    public void Run(long ms)
    {
        long end = _rig.NowMs + ms;
        while (_rig.NowMs < end)
        {
            Step();
        }
    }

    /// <summary>Steps until <paramref name="done"/> or <paramref name="maxMs"/>; false on time-out.</summary>
    public bool RunUntil(Func<bool> done, long maxMs)
    {
        long end = _rig.NowMs + maxMs;
        while (!done())
        {
            if (_rig.NowMs >= end)
            {
                return false;
            }

            Step();
        }

        return true;
    }

    public double ElapsedS => (_rig.NowMs - StartMs) / 1000.0;

    public long LineBytes => _rig.Line.LineBytes - StartBytes;

    public int Requests => _client.Link.Counters.Requests - StartRequests;

    public double MeanPowerAgeMs => Samples == 0 ? 0 : (double)PowerAgeSum / Samples;

    public double MeanEnergyAgeMs => Samples == 0 ? 0 : (double)EnergyAgeSum / Samples;

    public long PowerAgePercentile(double p) => Percentile(_powerAges, p);

    public long EnergyAgePercentile(double p) => Percentile(_energyAges, p);

    /// <summary>Fewest updates among the quantities this client published in the window (= full refreshes).</summary>
    public long FullRefreshes(out int published)
    {
        long min = long.MaxValue;
        published = 0;
        for (int q = 0; q < Quantity.Count; q++)
        {
            if (_updates[q] > 0)
            {
                published++;
                min = Math.Min(min, _updates[q]);
            }
        }

        return published == 0 ? 0 : min;
    }

    private long Age(int q, long now)
    {
        long a = _m.AgeMs(q, now);
        return a < 0 ? AgeBuckets - 1 : a;
    }

    private long Percentile(int[] histogram, double p)
    {
        if (Samples == 0)
        {
            return 0;
        }

        long want = (long)Math.Ceiling(p / 100.0 * Samples);
        long seen = 0;
        for (int i = 0; i < histogram.Length; i++)
        {
            seen += histogram[i];
            if (seen >= want)
            {
                return i;
            }
        }

        return histogram.Length - 1;
    }
}
