using NesMep.Core.Model;

namespace NesMep.Benchmarks;

/// <summary>
/// The soak's measuring loop and its link-neutral report lines (availability, gaps, invariants; see
/// <see cref="Soak"/>), shared by the MEP soak and the optical one so both check exactly the same things.
/// </summary>
public sealed class SoakRun
{
    private readonly MeterReading _reading;
    private long _samples, _powerAvailable, _energyAvailable;
    private long _longestOutage, _longestOutageAt, _firstPowerMs = -1;
    private long _longestPowerInterval, _longestPowerIntervalAt;
    private long _energyUpdates, _powerUpdates;
    private int _decreases, _aboveTruth, _staleEnergy, _notMeterValue, _outOfBounds, _phaseSum;
    private string _firstFailure = "";
    private int _sampleMs;

    private SoakRun(MeterReading reading)
    {
        _reading = reading;
    }

    /// <summary>Power updates published (import).</summary>
    public long PowerUpdates => _powerUpdates;

    /// <summary>Polls <paramref name="poll"/> then moves the rig's clock by <paramref name="stepMs"/> until <paramref name="endMs"/>, checking every published update.</summary>
    public static SoakRun Measure(SimRig rig, MeterReading reading, Action poll, long endMs, int stepMs, int sampleMs, int lookBackMs)
    {
        var m = new SoakRun(reading) { _sampleMs = sampleMs };
        BenchClock clock = rig.Clock;
        long outageRun = 0;
        long nextSample = 0;
        long[] lastUpdate = { -1, -1, -1, -1 };
        int[] lastValue = new int[4];
        long maxPowerW = reading.Settings.MaxPowerW;
        int[] watched = { Quantity.EnergyImportWh, Quantity.EnergyExportWh, Quantity.PowerImportW, Quantity.PowerExportW };

        void Fail(ref int counter, string what)
        {
            counter++;
            if (m._firstFailure.Length == 0)
            {
                m._firstFailure = $"first FAIL at {Soak.Clock(clock.NowMs)}: {what}";
            }
        }

        while (clock.NowMs < endMs)
        {
            poll();
            long now = clock.NowMs;
            for (int w = 0; w < 4; w++)
            {
                int q = watched[w];
                if (reading.AgeMs(q, now) < 0 || reading.UpdatedMs(q) == lastUpdate[w])
                {
                    continue;
                }

                int v = reading.Value(q);
                if (w < 2)
                {
                    bool import = w == 0;
                    m._energyUpdates++;
                    if (lastUpdate[w] >= 0 && v < lastValue[w])
                    {
                        Fail(ref m._decreases, $"{Quantity.Name(q)} {lastValue[w]} -> {v}");
                    }

                    long truth = import ? rig.TrueImportWh : rig.TrueExportWh;
                    if (v > truth)
                    {
                        Fail(ref m._aboveTruth, $"{Quantity.Name(q)} {v} > true {truth}");
                    }

                    long earlier = rig.EnergyAtOrBefore(import, now - lookBackMs);
                    if (earlier >= 0 && v < earlier)
                    {
                        Fail(ref m._staleEnergy, $"{Quantity.Name(q)} {v} < true {earlier} of 5 s before");
                    }
                }
                else
                {
                    bool import = w == 2;
                    if (import)
                    {
                        m._powerUpdates++;
                        if (lastUpdate[w] >= 0 && now - lastUpdate[w] > m._longestPowerInterval)
                        {
                            m._longestPowerInterval = now - lastUpdate[w];
                            m._longestPowerIntervalAt = now;
                        }

                        if (Soak.PhaseSumBroken(reading, now))
                        {
                            Fail(ref m._phaseSum, "totals differ from the phase sums");
                        }
                    }

                    if (v < 0 || v > maxPowerW)
                    {
                        Fail(ref m._outOfBounds, $"{Quantity.Name(q)} {v} W");
                    }

                    if (!rig.PowerWasAt(import, v, now - lookBackMs, now))
                    {
                        Fail(ref m._notMeterValue, $"{Quantity.Name(q)} {v} W never shown by the meter in the last 5 s");
                    }
                }

                lastUpdate[w] = reading.UpdatedMs(q);
                lastValue[w] = v;
            }

            if (now >= nextSample)
            {
                nextSample += sampleMs;
                m._samples++;
                if (reading.IsAvailable(Quantity.PowerImportW, now))
                {
                    m._powerAvailable++;
                    outageRun = 0;
                    if (m._firstPowerMs < 0)
                    {
                        m._firstPowerMs = now;
                    }
                }
                else if (m._firstPowerMs >= 0 && ++outageRun > m._longestOutage)
                {
                    m._longestOutage = outageRun;
                    m._longestOutageAt = now;
                }

                if (reading.IsAvailable(Quantity.EnergyImportWh, now))
                {
                    m._energyAvailable++;
                }
            }

            clock.NowMs += stepMs;
        }

        return m;
    }

    /// <summary>Wall time, availability, start-up, gaps and update counts (<paramref name="prefix"/> "soak:" keeps the MEP lines as they were).</summary>
    public void PrintAvailability(Report r, string prefix, double hours, double wallS, double requestsPerS)
    {
        double virtualS = hours * 3600;
        r.Figure($"{prefix} wall time", wallS.ToString("N1"), $"s for {hours:0.##} h virtual ({virtualS / wallS:N0}x real time)");
        r.Figure($"{prefix} availability power_import_w", Soak.Percent(_powerAvailable, _samples), $"% of {_samples:N0} samples");
        r.Figure($"{prefix} availability energy_import_wh", Soak.Percent(_energyAvailable, _samples), $"% of {_samples:N0} samples");
        r.Figure($"{prefix} first power_import_w available after", (_firstPowerMs / 1000.0).ToString("N1"), "s (start-up: BT52, configuration tables)");
        r.Figure($"{prefix} longest power_import_w unavailable", (_longestOutage * _sampleMs / 1000.0).ToString("N1"),
            _longestOutage == 0 ? "s (never, after start-up)" : $"s after start-up (ended {Soak.Clock(_longestOutageAt)})");
        r.Figure($"{prefix} longest interval between power updates", (_longestPowerInterval / 1000.0).ToString("N1"), $"s (ended {Soak.Clock(_longestPowerIntervalAt)})");
        r.Figure($"{prefix} power / energy updates published", $"{_powerUpdates:N0}", $"/ {_energyUpdates:N0} (import+export energy), {requestsPerS:N3} requests/s");
    }

    /// <summary>Energy filter figures and the PASS/FAIL invariants; <paramref name="checkPrefix"/> names the link in the check lines.</summary>
    public void PrintFiltersAndChecks(Report r, string prefix, string checkPrefix)
    {
        r.Figure($"{prefix} energy filter rejections import", $"{_reading.ImportFilter.Decreases + _reading.ImportFilter.Jumps}",
            $"(decrease {_reading.ImportFilter.Decreases}, jump {_reading.ImportFilter.Jumps}, rebaselined {_reading.ImportFilter.Rebaselines}); decode errors {_reading.DecodeErrors}");
        r.Figure($"{prefix} energy filter rejections export", $"{_reading.ExportFilter.Decreases + _reading.ExportFilter.Jumps}",
            $"(decrease {_reading.ExportFilter.Decreases}, jump {_reading.ExportFilter.Jumps}, rebaselined {_reading.ExportFilter.Rebaselines})");
        r.Check(checkPrefix + "energy import/export never decreased", _decreases == 0, $"{_decreases} decrease(s) in {_energyUpdates:N0} updates");
        r.Check(checkPrefix + "published energy <= true register at that moment", _aboveTruth == 0, $"{_aboveTruth} above the simulator's register");
        r.Check(checkPrefix + "published energy not older than 5 s", _staleEnergy == 0, $"{_staleEnergy} below the register of 5 s before");
        r.Check(checkPrefix + "power is a value the meter had in the last 5 s", _notMeterValue == 0, $"{_notMeterValue} never shown by the meter");
        r.Check(checkPrefix + "power within 0..MaxPowerW", _outOfBounds == 0, $"{_outOfBounds} outside 0..{_reading.Settings.MaxPowerW} W");
        r.Check(checkPrefix + "power totals == phase sums (one BT28 snapshot)", _phaseSum == 0, $"{_phaseSum} mismatch(es)");
        if (_firstFailure.Length > 0)
        {
            r.Line("       " + _firstFailure);
        }
    }
}
