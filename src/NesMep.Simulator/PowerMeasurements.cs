namespace NesMep.Simulator;

/// <summary>
/// Instantaneous values of the household at one moment, in the units of BT28 (reference §5.7):
/// W, VAr, VA, mA, mV, mHz, power factor and sin(angle) ×1000, angles ×100. Phase index 0..2 = L1..L3.
/// Totals are the sums of the rounded per-phase values, so Fwd − Rev = Σ(Lx Fwd − Lx Rev) exactly
/// (the Home Assistant phase-sum check, §7.2).
/// </summary>
public sealed class PowerMeasurements
{
    public int FwdW;
    public int RevW;
    public int ImportVAr;
    public int ExportVAr;
    public int VA;
    public int FrequencyMHz;
    public int NeutralMA;

    /// <summary>Signed net active power per phase (import positive).</summary>
    public readonly int[] PhaseNetW = new int[3];
    public readonly int[] PhaseFwdW = new int[3];
    public readonly int[] PhaseRevW = new int[3];

    /// <summary>Signed reactive power per phase (inductive/import positive).</summary>
    public readonly int[] PhaseVAr = new int[3];
    public readonly int[] PhaseVA = new int[3];
    public readonly int[] CurrentMA = new int[3];
    public readonly int[] VoltageMV = new int[3];
    public readonly int[] PowerFactor = new int[3];
    public readonly int[] SinAngle = new int[3];

    /// <summary>Reactive power of the total by quadrant Q1..Q4 (only the total's quadrant is non-zero).</summary>
    public readonly int[] QuadrantVAr = new int[4];

    /// <summary>Apparent power by quadrant: [0] total, [1..3] L1..L3; each Q1..Q4.</summary>
    public readonly int[,] QuadrantVA = new int[4, 4];

    /// <summary>Voltage angles A–B, B–C, C–A in 1/100 degree.</summary>
    public readonly int[] VoltageAngle = new int[3];

    public int AvgFwdW;
    public int AvgRevW;
    public readonly int[] AvgPhaseFwdW = new int[3];
    public readonly int[] AvgPhaseRevW = new int[3];
    public readonly int[] AvgVoltageMV = new int[3];
    public readonly int[] AvgCurrentMA = new int[3];

    public int NetW => FwdW - RevW;

    public PowerMeasurements Clone()
    {
        var c = new PowerMeasurements();
        c.CopyFrom(this);
        return c;
    }

    internal void CopyFrom(PowerMeasurements o)
    {
        FwdW = o.FwdW;
        RevW = o.RevW;
        ImportVAr = o.ImportVAr;
        ExportVAr = o.ExportVAr;
        VA = o.VA;
        FrequencyMHz = o.FrequencyMHz;
        NeutralMA = o.NeutralMA;
        AvgFwdW = o.AvgFwdW;
        AvgRevW = o.AvgRevW;
        Array.Copy(o.PhaseNetW, PhaseNetW, 3);
        Array.Copy(o.PhaseFwdW, PhaseFwdW, 3);
        Array.Copy(o.PhaseRevW, PhaseRevW, 3);
        Array.Copy(o.PhaseVAr, PhaseVAr, 3);
        Array.Copy(o.PhaseVA, PhaseVA, 3);
        Array.Copy(o.CurrentMA, CurrentMA, 3);
        Array.Copy(o.VoltageMV, VoltageMV, 3);
        Array.Copy(o.PowerFactor, PowerFactor, 3);
        Array.Copy(o.SinAngle, SinAngle, 3);
        Array.Copy(o.QuadrantVAr, QuadrantVAr, 4);
        Array.Copy(o.QuadrantVA, QuadrantVA, 16);
        Array.Copy(o.VoltageAngle, VoltageAngle, 3);
        Array.Copy(o.AvgPhaseFwdW, AvgPhaseFwdW, 3);
        Array.Copy(o.AvgPhaseRevW, AvgPhaseRevW, 3);
        Array.Copy(o.AvgVoltageMV, AvgVoltageMV, 3);
        Array.Copy(o.AvgCurrentMA, AvgCurrentMA, 3);
    }
}
