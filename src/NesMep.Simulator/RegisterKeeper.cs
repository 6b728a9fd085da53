namespace NesMep.Simulator;

/// <summary>
/// Keeps the simulated meter's energy registers going forward across restarts, as a real meter's
/// never go back (Home Assistant's total_increasing sensors read any drop as a meter reset).
/// At start it continues from the store and adds the base load for the time away (the house kept
/// consuming while the module was off). While running it saves ahead of the registers: each save
/// stores every accumulator plus <see cref="LeaseUnits"/>, and a new save is made before any
/// accumulator comes within <see cref="MarginUnits"/> of what was stored (and at least every
/// <see cref="MaxSaveIntervalMs"/>), so even after a crash the next start is at or above the last
/// value served. A clean stop saves the exact values.
/// Called under the simulator's lock (see <see cref="MeterSimulator.KeepRegisters"/>).
/// </summary>
public sealed class RegisterKeeper
{
    /// <summary>Headroom stored above each accumulator (Wh, varh, VAh).</summary>
    public const double LeaseUnits = 20;

    /// <summary>
    /// Saves happen when an accumulator gets this close to its stored value. Checked every model
    /// second, so it must exceed one second at the highest load (about 9 kW = 2.5 Wh/s).
    /// </summary>
    public const double MarginUnits = 10;

    /// <summary>
    /// Longest time between saves while running. The time away after a crash is counted from the
    /// last save, so this bounds the base-load energy a crash adds twice.
    /// </summary>
    public const long MaxSaveIntervalMs = 600_000;

    /// <summary>Power factor assumed for the base load consumed while away.</summary>
    private const double AwayPowerFactor = 0.95;

    private readonly HouseholdLoad _load;
    private readonly Func<DateTime> _utcNow;
    private readonly IRegisterStore _store;
    private double[] _stored = Array.Empty<double>();
    private long _savedMs;

    internal RegisterKeeper(HouseholdLoad load, Func<DateTime> utcNow, IRegisterStore store)
    {
        _load = load;
        _utcNow = utcNow;
        _store = store;
    }

    /// <summary>Hours of base load added at start for the time the meter was not running (0 on a first start).</summary>
    public double AwayHours { get; private set; }

    /// <summary>Saves made (for tests and the log).</summary>
    public int Saves { get; private set; }

    /// <summary>Continues from the store (if it holds an image) and saves at once.</summary>
    internal void Restore()
    {
        EnergyRegisters energy = _load.Energy;
        RegisterImage? image = _store.Load();
        if (image != null)
        {
            if (image.Tiers != energy.Tiers)
            {
                throw new InvalidDataException("stored energy registers have " + image.Tiers + " tiers, this meter profile has " + energy.Tiers);
            }

            energy.Restore(image.Values);
            AwayHours = Math.Max(0, (_utcNow() - image.SavedUtc).TotalHours);
            AddBaseLoad(AwayHours);
        }

        SaveAhead();
    }

    /// <summary>Once per model second: save ahead when an accumulator nears its stored value, or the last save is old.</summary>
    internal void OnSecond(long nowMs)
    {
        if (nowMs - _savedMs >= MaxSaveIntervalMs)
        {
            SaveAhead();
            return;
        }

        double[] now = _load.Energy.Snapshot();
        for (int i = 0; i < now.Length; i++)
        {
            if (now[i] + MarginUnits > _stored[i])
            {
                SaveAhead();
                return;
            }
        }
    }

    /// <summary>Clean stop: the exact values, so the next start continues where this run ended.</summary>
    internal void SaveExact()
    {
        Save(0);
    }

    private void SaveAhead()
    {
        Save(LeaseUnits);
    }

    private void Save(double lease)
    {
        double[] values = _load.Energy.Snapshot();
        var stored = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            stored[i] = values[i] + lease;
        }

        // Remembered even if the write fails: the next attempt comes at the next lease, not every second.
        _stored = stored;
        _savedMs = _load.TimeMs;
        if (_store.Save(new RegisterImage(_utcNow(), _load.Energy.Tiers, stored)))
        {
            Saves++;
        }
    }

    private void AddBaseLoad(double hours)
    {
        double watts = 0;
        foreach (double w in _load.Options.BaseLoadW)
        {
            watts += w;
        }

        double wh = watts * hours;
        int tier = _load.CurrentTier;
        EnergyRegisters energy = _load.Energy;
        double varh = wh * Math.Tan(Math.Acos(AwayPowerFactor));
        energy.Add(EnergyKind.FwdActiveWh, tier, wh);
        energy.Add(EnergyKind.ImportReactiveVArh, tier, varh);
        energy.Add(EnergyKind.Q1VArh, tier, varh);
        energy.Add(EnergyKind.Q1VAh, tier, wh / AwayPowerFactor);
    }
}
