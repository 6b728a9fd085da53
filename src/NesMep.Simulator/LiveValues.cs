namespace NesMep.Simulator;

/// <summary>
/// The meter's live values by source id, as its tables show them: BT27/BT28 present values from the
/// <see cref="HouseholdLoad"/> and the block demands, and BT22/BT23 summations from the energy registers.
/// </summary>
internal sealed class LiveValues
{
    private readonly DemandTracker _demands;

    public LiveValues(MeterProfile profile, HouseholdLoad load)
    {
        Load = load;
        _demands = new DemandTracker(profile.Demands, profile.Tiers, load, PresentValue);
    }

    public HouseholdLoad Load { get; }

    /// <summary>Block demand registers (BT23 demand records, BT28 present demands).</summary>
    public DemandTracker Demands => _demands;

    /// <summary>Value of a BT27 present-register source id in BT28 units (§5.4, §5.7); 0 for unknown ids.</summary>
    public int PresentValue(int source)
    {
        PowerMeasurements m = Load.Measurements;
        switch (source)
        {
            case 8: case 81: return m.FwdW;
            case 9: case 82: return m.RevW;
            case 10: case 83: return m.ImportVAr;
            case 11: case 84: return m.ExportVAr;
            case >= 12 and <= 14: return m.CurrentMA[source - 12];
            case >= 15 and <= 17: return m.VoltageMV[source - 15];
            case 18: return m.PowerFactor[0];
            case 19: return m.FrequencyMHz;
            case 20: return m.VA;
            case 21: return m.PowerFactor[1];
            case 22: return m.PowerFactor[2];
            case >= 23 and <= 25: return m.SinAngle[source - 23];
            case >= 88 and <= 95: return source - 88 < DemandCountSafe ? _demands.Present(source - 88) : 0;
            case >= 96 and <= 103: return source - 96 < DemandCountSafe ? _demands.Previous(source - 96) : 0;
            case >= 104 and <= 107: return m.QuadrantVAr[source - 104];
            case >= 185 and <= 187: return m.PhaseFwdW[source - 185];
            case >= 188 and <= 190: return m.PhaseRevW[source - 188];
            case >= 191 and <= 193: return m.PhaseFwdW[source - 191];
            case >= 194 and <= 196: return m.PhaseRevW[source - 194];
            case >= 197 and <= 199: return m.CurrentMA[source - 197];
            case >= 202 and <= 204: return m.VoltageMV[source - 202];
            case >= 205 and <= 207: return m.AvgVoltageMV[source - 205];
            case 208: return m.AvgFwdW;
            case 209: return m.AvgRevW;
            case >= 210 and <= 212: return m.AvgPhaseFwdW[source - 210];
            case >= 213 and <= 215: return m.AvgPhaseRevW[source - 213];
            case >= 216 and <= 231: return m.QuadrantVA[(source - 216) / 4, (source - 216) % 4];
            case 232: return m.NeutralMA;
            case >= 233 and <= 235: return m.AvgCurrentMA[source - 233];
            case >= 236 and <= 238: return m.VoltageAngle[source - 236];
            case >= 239 and <= 241: return Math.Max(m.PhaseVAr[source - 239], 0);
            case >= 242 and <= 244: return Math.Max(-m.PhaseVAr[source - 242], 0);
            default: return 0;
        }
    }

    /// <summary>
    /// Value of a BT22 summation source in a BT23 block (0 = total, 1 + t = tier Tt), before rollover.
    /// Outage and error counters exist in the total block only.
    /// </summary>
    public long SummationValue(int source, int block)
    {
        EnergyRegisters e = Load.Energy;
        long Energy(EnergyKind k) => block == 0 ? e.Total(k) : e.Tier(k, block - 1);
        HouseholdOptions o = Load.Options;
        switch (source)
        {
            case 0: return Energy(EnergyKind.FwdActiveWh);
            case 1: return Energy(EnergyKind.RevActiveWh);
            case 2: return Energy(EnergyKind.ImportReactiveVArh);
            case 3: return Energy(EnergyKind.ExportReactiveVArh);
            case 4: return block == 0 ? o.PowerOffSeconds : 0;
            case 5: return block == 0 ? o.PowerOutageCount : 0;
            case 6: return Energy(EnergyKind.FwdActiveWh) + Energy(EnergyKind.RevActiveWh);
            case 7: return Math.Max(0, Energy(EnergyKind.FwdActiveWh) - Energy(EnergyKind.RevActiveWh));
            case 26: case 27: return 0;
            case 28: return block == 0 ? o.ErrorCounter : 0;
            case >= 29 and <= 72:
            {
                // Tier T0..T3 variants of 0..7, 26..28 (§5.4).
                int tier = (source - 29) / 11;
                int[] bases = { 0, 1, 2, 3, 4, 5, 6, 7, 26, 27, 28 };
                return tier < e.Tiers ? SummationValue(bases[(source - 29) % 11], 1 + tier) : 0;
            }

            case >= 108 and <= 111: return Energy(EnergyKind.Q1VArh + (source - 108));
            case >= MeterProfile.SimVAhQ1Source and <= MeterProfile.SimVAhQ1Source + 3:
                return Energy(EnergyKind.Q1VAh + (source - MeterProfile.SimVAhQ1Source));
            default: return 0;
        }
    }

    private int DemandCountSafe => _demands?.Count ?? 0;
}
