namespace NesMep.Simulator;

/// <summary>
/// A deterministic, plausible Danish 3-phase household behind the meter. The state changes only on
/// a fixed one-second grid of model time (appliances switch, voltages and frequency wander, clouds
/// pass), drawing from one seeded <see cref="Random"/>; power is constant between grid points and
/// integrated into <see cref="Energy"/>. So the trajectory does not depend on how often the caller
/// advances the model, and a seed reproduces a run.
/// </summary>
public sealed class HouseholdLoad
{
    private const int StepMs = 1000;

    private readonly Random _random;
    private readonly List<Appliance> _appliances = new();
    private readonly double[] _baseNoise = { 1, 1, 1 };
    private readonly double[] _voltageWalk = new double[3];
    private readonly double[] _avgPhaseFwd = new double[3];
    private readonly double[] _avgPhaseRev = new double[3];
    private readonly double[] _avgVoltage = new double[3];
    private readonly double[] _avgCurrent = new double[3];
    private readonly long _startMs;
    private readonly DateTime _startUtc;
    private double _frequencyWalk;
    private double _angleWalk;
    private double _cloud = 1.0;
    private double _avgFwd;
    private double _avgRev;
    private bool _averagesPrimed;
    private long _nextStepMs;

    public HouseholdLoad(HouseholdOptions? options, int tiers, long startMs, DateTime startUtc, Random? random = null)
    {
        Options = options ?? new HouseholdOptions();
        _random = random ?? new Random(Options.Seed);
        _startMs = startMs;
        _startUtc = startUtc;
        TimeMs = startMs;
        _nextStepMs = startMs + StepMs;
        Energy = new EnergyRegisters(tiers);
        Energy.Seed(EnergyKind.FwdActiveWh, Options.InitialFwdWh);
        Energy.Seed(EnergyKind.RevActiveWh, Options.InitialRevWh);
        Energy.Seed(EnergyKind.ImportReactiveVArh, Options.InitialImportVArh);
        Energy.Seed(EnergyKind.ExportReactiveVArh, Options.InitialExportVArh);
        Energy.Seed(EnergyKind.Q1VArh, Options.InitialImportVArh);
        Energy.Seed(EnergyKind.Q4VArh, Options.InitialExportVArh);
        Energy.Seed(EnergyKind.Q1VAh, Options.InitialFwdWh);
        Energy.Seed(EnergyKind.Q2VAh, Options.InitialRevWh);
        if (Options.Appliances)
        {
            AddAppliances();
        }

        Compute();
    }

    public HouseholdOptions Options { get; }

    /// <summary>Model time (clock milliseconds) the load has been advanced to.</summary>
    public long TimeMs { get; private set; }

    public DateTime UtcNow => UtcAt(TimeMs);

    public DateTime LocalNow => TariffSchedule.ToLocal(UtcNow, Options.UtcOffsetMinutes, Options.SummerTime);

    /// <summary>Active tier (0-based) now.</summary>
    public int CurrentTier => TariffSchedule.TierAt(LocalNow, Energy.Tiers);

    /// <summary>Current values (constant between whole model seconds).</summary>
    public PowerMeasurements Measurements { get; } = new();

    public EnergyRegisters Energy { get; }

    /// <summary>Solar production now (W, on L1).</summary>
    public double SolarW { get; private set; }

    /// <summary>Names of the appliances switched on now.</summary>
    public IEnumerable<string> AppliancesOn
    {
        get
        {
            foreach (Appliance a in _appliances)
            {
                if (a.On)
                {
                    yield return a.Name;
                }
            }
        }
    }

    /// <summary>Raised after each one-second model step with the step's clock time (demand registers sample here).</summary>
    public event Action<long>? SecondElapsed;

    public DateTime UtcAt(long ms) => _startUtc.AddMilliseconds(ms - _startMs);

    /// <summary>Integrates energy and steps the state up to clock time <paramref name="nowMs"/>. Never goes back.</summary>
    public void AdvanceTo(long nowMs)
    {
        while (_nextStepMs <= nowMs)
        {
            Integrate(_nextStepMs - TimeMs);
            TimeMs = _nextStepMs;
            _nextStepMs += StepMs;
            Step();
            SecondElapsed?.Invoke(TimeMs);
        }

        if (nowMs > TimeMs)
        {
            Integrate(nowMs - TimeMs);
            TimeMs = nowMs;
        }
    }

    private void AddAppliances()
    {
        // Phase, power, PF, mean on/off durations, hours when it may switch on. Chosen so L1 never
        // draws more than ~2.4 kW at midday: the solar test relies on L1 exporting at noon.
        _appliances.Add(new Appliance("fridge", 1, 110, 0.85, 900, 1800, 0, 24));
        _appliances.Add(new Appliance("freezer", 2, 90, 0.85, 1200, 2400, 0, 24));
        _appliances.Add(new Appliance("kettle", 0, 2000, 1.0, 180, 3 * 3600, 6, 23));
        _appliances.Add(new Appliance("oven", 2, 2200, 1.0, 2400, 2 * 3600, 16, 20));
        _appliances.Add(new Appliance("washing machine", 1, 1900, 0.95, 1800, 12 * 3600, 8, 22));
        _appliances.Add(new Appliance("dishwasher", 2, 1800, 0.97, 1800, 10 * 3600, 18, 23));
        _appliances.Add(new Appliance("lights and tv", 0, 250, 0.90, 3 * 3600, 3600, 17, 23));
        _appliances.Add(new Appliance("computer", 1, 120, 0.95, 4 * 3600, 4 * 3600, 7, 23));
    }

    /// <summary>One second of random evolution; always draws the same amount of randomness.</summary>
    private void Step()
    {
        DateTime local = LocalNow;
        double hour = local.Hour + (local.Minute / 60.0);
        for (int i = 0; i < 3; i++)
        {
            _baseNoise[i] = Clamp(_baseNoise[i] + Uniform(-0.01, 0.01), 0.85, 1.15);
            _voltageWalk[i] = Clamp((_voltageWalk[i] * 0.995) + Uniform(-0.25, 0.25), -3.0, 3.0);
        }

        _frequencyWalk = Clamp((_frequencyWalk * 0.98) + Uniform(-3, 3), -45, 45);
        _angleWalk = Clamp((_angleWalk * 0.95) + Uniform(-1, 1), -8, 8);
        _cloud = Clamp(_cloud + Uniform(-0.02, 0.02), 0.7, 1.0);
        foreach (Appliance a in _appliances)
        {
            double r = _random.NextDouble();
            if (a.On)
            {
                if (r < 1.0 / a.MeanOnSeconds)
                {
                    a.On = false;
                }
            }
            else if (hour >= a.FromHour && hour < a.ToHour && r < 1.0 / a.MeanOffSeconds)
            {
                a.On = true;
            }
        }

        Compute();
    }

    /// <summary>Derives every BT28 quantity from the state.</summary>
    private void Compute()
    {
        PowerMeasurements m = Measurements;
        var p = new double[3];
        var q = new double[3];
        for (int i = 0; i < 3; i++)
        {
            double baseW = Options.BaseLoadW.Length > i ? Options.BaseLoadW[i] * _baseNoise[i] : 0;
            p[i] = baseW;
            q[i] = baseW * TanPhi(0.95);
        }

        foreach (Appliance a in _appliances)
        {
            if (a.On)
            {
                p[a.Phase] += a.Watts;
                q[a.Phase] += a.Watts * TanPhi(a.PowerFactor);
            }
        }

        SolarW = SolarPower();
        p[0] -= SolarW; // single-phase inverter on L1 at unity power factor

        int net = 0;
        int qTotal = 0;
        int vaTotal = 0;
        Array.Clear(m.QuadrantVA);
        double nRe = 0;
        double nIm = 0;
        for (int i = 0; i < 3; i++)
        {
            int pw = (int)Math.Round(p[i]);
            int qv = (int)Math.Round(q[i]);
            double s = Math.Sqrt(((double)pw * pw) + ((double)qv * qv));
            double estCurrent = s / Options.NominalVoltage;
            // Load pulls the voltage down over the service cable (~0.2 ohm), export pushes it up.
            double volts = Options.NominalVoltage + _voltageWalk[i] - (0.2 * estCurrent * Math.Sign(pw));
            double amps = s / volts;
            m.PhaseNetW[i] = pw;
            m.PhaseFwdW[i] = Math.Max(pw, 0);
            m.PhaseRevW[i] = Math.Max(-pw, 0);
            m.PhaseVAr[i] = qv;
            m.PhaseVA[i] = (int)Math.Round(s);
            m.VoltageMV[i] = (int)Math.Round(volts * 1000);
            m.CurrentMA[i] = (int)Math.Round(amps * 1000);
            m.PowerFactor[i] = s < 1 ? 1000 : (int)Math.Round(Clamp(Math.Abs(pw) / s, 0.85, 1.0) * 1000);
            m.SinAngle[i] = s < 1 ? 0 : (int)Math.Round(qv / s * 1000);
            m.QuadrantVA[i + 1, Quadrant(pw, qv)] = m.PhaseVA[i];
            m.QuadrantVA[0, Quadrant(pw, qv)] += m.PhaseVA[i];
            net += pw;
            qTotal += qv;
            vaTotal += m.PhaseVA[i];

            // Neutral current: vector sum of the phase currents (phases 120° apart, each lagging by its angle).
            double angle = (-2.0 * Math.PI * i / 3.0) - Math.Atan2(qv, pw);
            nRe += amps * Math.Cos(angle);
            nIm += amps * Math.Sin(angle);
        }

        m.FwdW = Math.Max(net, 0);
        m.RevW = Math.Max(-net, 0);
        m.ImportVAr = Math.Max(qTotal, 0);
        m.ExportVAr = Math.Max(-qTotal, 0);
        m.VA = vaTotal;
        Array.Clear(m.QuadrantVAr);
        m.QuadrantVAr[Quadrant(net, qTotal)] = Math.Abs(qTotal);
        m.FrequencyMHz = 50000 + (int)Math.Round(_frequencyWalk);
        m.NeutralMA = (int)Math.Round(Math.Sqrt((nRe * nRe) + (nIm * nIm)) * 1000);
        int angleNoise = (int)Math.Round(_angleWalk);
        m.VoltageAngle[0] = 12000 + angleNoise;
        m.VoltageAngle[1] = 12000 - angleNoise;
        m.VoltageAngle[2] = 12000;

        UpdateAverages(m);
    }

    private void UpdateAverages(PowerMeasurements m)
    {
        double alpha = _averagesPrimed ? Math.Min(1.0, 1.0 / Math.Max(1, Options.AverageSeconds)) : 1.0;
        _averagesPrimed = true;
        _avgFwd += alpha * (m.FwdW - _avgFwd);
        _avgRev += alpha * (m.RevW - _avgRev);
        m.AvgFwdW = (int)Math.Round(_avgFwd);
        m.AvgRevW = (int)Math.Round(_avgRev);
        for (int i = 0; i < 3; i++)
        {
            _avgPhaseFwd[i] += alpha * (m.PhaseFwdW[i] - _avgPhaseFwd[i]);
            _avgPhaseRev[i] += alpha * (m.PhaseRevW[i] - _avgPhaseRev[i]);
            _avgVoltage[i] += alpha * (m.VoltageMV[i] - _avgVoltage[i]);
            _avgCurrent[i] += alpha * (m.CurrentMA[i] - _avgCurrent[i]);
            m.AvgPhaseFwdW[i] = (int)Math.Round(_avgPhaseFwd[i]);
            m.AvgPhaseRevW[i] = (int)Math.Round(_avgPhaseRev[i]);
            m.AvgVoltageMV[i] = (int)Math.Round(_avgVoltage[i]);
            m.AvgCurrentMA[i] = (int)Math.Round(_avgCurrent[i]);
        }
    }

    /// <summary>Adds energy for <paramref name="ms"/> milliseconds at the current (constant) power.</summary>
    private void Integrate(long ms)
    {
        if (ms <= 0)
        {
            return;
        }

        PowerMeasurements m = Measurements;
        int tier = CurrentTier;
        double hours = ms / 3_600_000.0;
        int net = m.FwdW - m.RevW;
        int qTotal = m.ImportVAr - m.ExportVAr;
        Energy.Add(EnergyKind.FwdActiveWh, tier, m.FwdW * hours);
        Energy.Add(EnergyKind.RevActiveWh, tier, m.RevW * hours);
        Energy.Add(EnergyKind.ImportReactiveVArh, tier, m.ImportVAr * hours);
        Energy.Add(EnergyKind.ExportReactiveVArh, tier, m.ExportVAr * hours);
        int quadrant = Quadrant(net, qTotal);
        Energy.Add(EnergyKind.Q1VArh + quadrant, tier, Math.Abs(qTotal) * hours);
        Energy.Add(EnergyKind.Q1VAh + quadrant, tier, m.VA * hours);
    }

    private double SolarPower()
    {
        if (!Options.Solar)
        {
            return 0;
        }

        DateTime local = LocalNow;
        double hour = local.Hour + (local.Minute / 60.0) + (local.Second / 3600.0);
        double span = Options.SunsetHour - Options.SunriseHour;
        if (span <= 0 || hour <= Options.SunriseHour || hour >= Options.SunsetHour)
        {
            return 0;
        }

        return Options.SolarPeakW * Math.Sin(Math.PI * (hour - Options.SunriseHour) / span) * _cloud;
    }

    /// <summary>0..3 for Q1..Q4: Q1 import/inductive, Q2 export/inductive, Q3 export/capacitive, Q4 import/capacitive.</summary>
    private static int Quadrant(int p, int q)
    {
        if (p >= 0)
        {
            return q >= 0 ? 0 : 3;
        }

        return q >= 0 ? 1 : 2;
    }

    private static double TanPhi(double pf) => pf >= 1.0 ? 0 : Math.Tan(Math.Acos(pf));

    private static double Clamp(double v, double lo, double hi) => v < lo ? lo : v > hi ? hi : v;

    private double Uniform(double lo, double hi) => lo + (_random.NextDouble() * (hi - lo));

    private sealed class Appliance
    {
        public Appliance(string name, int phase, double watts, double pf, double meanOn, double meanOff, double from, double to)
        {
            Name = name;
            Phase = phase;
            Watts = watts;
            PowerFactor = pf;
            MeanOnSeconds = meanOn;
            MeanOffSeconds = meanOff;
            FromHour = from;
            ToHour = to;
        }

        public string Name { get; }
        public int Phase { get; }
        public double Watts { get; }
        public double PowerFactor { get; }
        public double MeanOnSeconds { get; }
        public double MeanOffSeconds { get; }
        public double FromHour { get; }
        public double ToHour { get; }
        public bool On { get; set; }
    }
}
