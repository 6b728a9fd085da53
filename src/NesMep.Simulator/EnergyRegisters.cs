namespace NesMep.Simulator;

/// <summary>Energy quantities the meter integrates (BT23 summations, reference §5.5).</summary>
public enum EnergyKind
{
    FwdActiveWh = 0,
    RevActiveWh = 1,
    ImportReactiveVArh = 2,
    ExportReactiveVArh = 3,
    Q1VArh = 4,
    Q2VArh = 5,
    Q3VArh = 6,
    Q4VArh = 7,
    Q1VAh = 8,
    Q2VAh = 9,
    Q3VAh = 10,
    Q4VAh = 11,
}

/// <summary>
/// Per-tier energy accumulators. Only non-negative amounts are ever added, so every register (and
/// its whole-unit value) only grows. The total is the sum of the tiers, so BT23's total block and
/// tier blocks agree. Whole units roll over at 10^9 (ET42 "accumulator rollover digit" 9, §5.5).
/// </summary>
public sealed class EnergyRegisters
{
    public const int KindCount = 12;
    public const long Rollover = 1_000_000_000;

    private readonly double[,] _tiers;

    public EnergyRegisters(int tiers)
    {
        Tiers = Math.Max(1, tiers);
        _tiers = new double[Tiers, KindCount];
    }

    public int Tiers { get; }

    /// <summary>Whole units of the total (all tiers), before rollover.</summary>
    public long Total(EnergyKind kind)
    {
        double sum = 0;
        for (int t = 0; t < Tiers; t++)
        {
            sum += _tiers[t, (int)kind];
        }

        return (long)Math.Floor(sum);
    }

    /// <summary>Whole units accumulated while tier <paramref name="tier"/> was active.</summary>
    public long Tier(EnergyKind kind, int tier) => (long)Math.Floor(_tiers[tier, (int)kind]);

    /// <summary>Exact accumulator (fractional units) of the total.</summary>
    public double TotalExact(EnergyKind kind)
    {
        double sum = 0;
        for (int t = 0; t < Tiers; t++)
        {
            sum += _tiers[t, (int)kind];
        }

        return sum;
    }

    /// <summary>Register value as it appears in BT23 (INT32 after rollover).</summary>
    public static int AsRegister(long units) => (int)(units % Rollover);

    internal void Add(EnergyKind kind, int tier, double amount)
    {
        if (amount > 0)
        {
            _tiers[tier, (int)kind] += amount;
        }
    }

    /// <summary>Every accumulator, tier by tier (<see cref="KindCount"/> values per tier), for persisting.</summary>
    public double[] Snapshot()
    {
        var values = new double[Tiers * KindCount];
        for (int t = 0; t < Tiers; t++)
        {
            for (int k = 0; k < KindCount; k++)
            {
                values[(t * KindCount) + k] = _tiers[t, k];
            }
        }

        return values;
    }

    /// <summary>
    /// Continues from a <see cref="Snapshot"/> of the same layout. A stored value below the current one
    /// is ignored, so a restore can never make a register go back.
    /// </summary>
    internal void Restore(double[] values)
    {
        if (values.Length != Tiers * KindCount)
        {
            throw new ArgumentException("stored registers have " + values.Length + " values, this meter has " + (Tiers * KindCount));
        }

        for (int t = 0; t < Tiers; t++)
        {
            for (int k = 0; k < KindCount; k++)
            {
                _tiers[t, k] = Math.Max(_tiers[t, k], values[(t * KindCount) + k]);
            }
        }
    }

    /// <summary>Spreads a start value over the tiers (whole units, remainder to T0).</summary>
    internal void Seed(EnergyKind kind, long units)
    {
        long given = 0;
        for (int t = Tiers - 1; t >= 1; t--)
        {
            long share = units * Weight(t) / WeightSum();
            _tiers[t, (int)kind] = share;
            given += share;
        }

        _tiers[0, (int)kind] = units - given;
    }

    private int Weight(int tier) => Tiers == 4 ? new[] { 3, 4, 2, 1 }[tier] : 1;

    private int WeightSum()
    {
        int s = 0;
        for (int t = 0; t < Tiers; t++)
        {
            s += Weight(t);
        }

        return s;
    }
}
