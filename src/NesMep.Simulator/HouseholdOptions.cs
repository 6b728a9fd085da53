namespace NesMep.Simulator;

/// <summary>Knobs of the simulated 3-phase household behind the meter (see <see cref="HouseholdLoad"/>).</summary>
public sealed class HouseholdOptions
{
    /// <summary>Seed of the load's own random stream (ignored when a Random is injected).</summary>
    public int Seed { get; set; } = 1234;

    /// <summary>Rooftop solar on phase L1 (single-phase inverter): L1 exports at midday while L2/L3 import.</summary>
    public bool Solar { get; set; }

    public double SolarPeakW { get; set; } = 4500;

    /// <summary>Local hours of sunrise and sunset for the (clear-sky sine) solar profile.</summary>
    public double SunriseHour { get; set; } = 6;

    public double SunsetHour { get; set; } = 20;

    /// <summary>Time zone of the household and of BT55 (minutes east of UTC; Denmark 60).</summary>
    public int UtcOffsetMinutes { get; set; } = 60;

    /// <summary>Apply EU summer time to local time (BT55, tiers).</summary>
    public bool SummerTime { get; set; } = true;

    public double NominalVoltage { get; set; } = 230.0;

    /// <summary>Always-on base load per phase in W (fridge standby, router, …).</summary>
    public double[] BaseLoadW { get; set; } = { 140, 90, 70 };

    /// <summary>Switch appliances (kettle, oven, washing machine, …) on and off at random.</summary>
    public bool Appliances { get; set; } = true;

    /// <summary>Averaging time constant of the BT28 "average" values (the real period is in ET80, unknown).</summary>
    public int AverageSeconds { get; set; } = 60;

    /// <summary>Demand interval for the BT23/BT28 demand registers.</summary>
    public int DemandIntervalMinutes { get; set; } = 15;

    // Register start values. All zero with no load reproduces the guide's example BT23 (A4).
    public long InitialFwdWh { get; set; } = 18_234_567;
    public long InitialRevWh { get; set; }
    public long InitialImportVArh { get; set; } = 2_345_678;
    public long InitialExportVArh { get; set; } = 345_678;
    public int PowerOffSeconds { get; set; } = 3_627;
    public int PowerOutageCount { get; set; } = 3;
    public int ErrorCounter { get; set; }
    public int DemandResetCount { get; set; } = 7;

    /// <summary>A dead house: no load, no solar, registers at zero (handy for exact guide vectors).</summary>
    public static HouseholdOptions Idle() => new()
    {
        BaseLoadW = new double[] { 0, 0, 0 },
        Appliances = false,
        Solar = false,
        InitialFwdWh = 0,
        InitialRevWh = 0,
        InitialImportVArh = 0,
        InitialExportVArh = 0,
    };

    public HouseholdOptions Clone()
    {
        var c = (HouseholdOptions)MemberwiseClone();
        c.BaseLoadW = (double[])BaseLoadW.Clone();
        return c;
    }
}
