using System.Diagnostics;
using NesMep.Core.Link;
using NesMep.Core.Model;
using NesMep.Simulator;

namespace NesMep.Benchmarks;

/// <summary>
/// Soak under a virtual clock (issue 3 item 6): our client with every default (LinkSettings,
/// PollSettings, QualitySettings) against the simulated Gen 3 meter with solar and all faults at the
/// "realistic" rates, for 24 simulated hours, Poll() then clock + 1 ms. Prints availability, counters,
/// the largest data gaps and invariant checks (PASS/FAIL; the exit code stays 0: it is a report).
///
/// Measures:
///   availability of X = share of 100 ms virtual-time samples at which MeterReading.IsAvailable(X)
///                       (a value is unavailable before its first read and once older than StaleAfterMs = 30 s);
///   longest power outage = longest run of samples with power_import_w unavailable (× 100 ms);
///   longest update interval = longest time between two successive updates of power_import_w.
/// Invariants, checked at every published update:
///   energy import/export never decreased;
///   energy ≤ the simulator's true register at that moment (MeterTables.SummationValue), and not older
///   than 5 s (≥ the register 5 s before);
///   power import/export is a value the meter really had within the last 5 s (never a corrupted or
///   invented one), within 0..QualitySettings.MaxPowerW; and the totals equal the per-phase sums of
///   the same BT28 snapshot (the Home Assistant phase-sum check).
/// </summary>
public static class Soak
{
    public const int Seed = 20261121;
    private const int SampleMs = 100;
    private const int LookBackMs = 5000;

    public static Report Run(double hours, int stepMs)
    {
        var r = new Report();
        var wall = Stopwatch.StartNew();
        var log = new TallyLog();
        var rig = new SimRig(dabbler: false, realisticFaults: true, seed: Seed, log: log);
        var client = (OurClient)rig.Client;
        MeterReading reading = client.Reading;
        BenchClock clock = rig.Clock;
        long endMs = (long)(hours * 3_600_000);

        long samples = 0, powerAvailable = 0, energyAvailable = 0;
        long outageRun = 0, longestOutage = 0, longestOutageAt = 0, firstPowerMs = -1;
        long nextSample = 0;
        long[] lastUpdate = { -1, -1, -1, -1 };
        int[] lastValue = new int[4];
        long longestPowerInterval = 0, longestPowerIntervalAt = 0;
        long energyUpdates = 0, powerUpdates = 0;
        int decreases = 0, aboveTruth = 0, staleEnergy = 0, notMeterValue = 0, outOfBounds = 0, phaseSum = 0;
        string firstFailure = "";
        long maxPowerW = reading.Settings.MaxPowerW;
        int[] watched = { Quantity.EnergyImportWh, Quantity.EnergyExportWh, Quantity.PowerImportW, Quantity.PowerExportW };

        void Fail(ref int counter, string what)
        {
            counter++;
            if (firstFailure.Length == 0)
            {
                firstFailure = $"first FAIL at {Clock(clock.NowMs)}: {what}";
            }
        }

        while (clock.NowMs < endMs)
        {
            client.Poll();
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
                    energyUpdates++;
                    if (lastUpdate[w] >= 0 && v < lastValue[w])
                    {
                        Fail(ref decreases, $"{Quantity.Name(q)} {lastValue[w]} -> {v}");
                    }

                    long truth = import ? rig.TrueImportWh : rig.TrueExportWh;
                    if (v > truth)
                    {
                        Fail(ref aboveTruth, $"{Quantity.Name(q)} {v} > true {truth}");
                    }

                    long earlier = rig.EnergyAtOrBefore(import, now - LookBackMs);
                    if (earlier >= 0 && v < earlier)
                    {
                        Fail(ref staleEnergy, $"{Quantity.Name(q)} {v} < true {earlier} of 5 s before");
                    }
                }
                else
                {
                    bool import = w == 2;
                    if (import)
                    {
                        powerUpdates++;
                        if (lastUpdate[w] >= 0 && now - lastUpdate[w] > longestPowerInterval)
                        {
                            longestPowerInterval = now - lastUpdate[w];
                            longestPowerIntervalAt = now;
                        }

                        if (PhaseSumBroken(reading, now))
                        {
                            Fail(ref phaseSum, "totals differ from the phase sums");
                        }
                    }

                    if (v < 0 || v > maxPowerW)
                    {
                        Fail(ref outOfBounds, $"{Quantity.Name(q)} {v} W");
                    }

                    if (!rig.PowerWasAt(import, v, now - LookBackMs, now))
                    {
                        Fail(ref notMeterValue, $"{Quantity.Name(q)} {v} W never shown by the meter in the last 5 s");
                    }
                }

                lastUpdate[w] = reading.UpdatedMs(q);
                lastValue[w] = v;
            }

            if (now >= nextSample)
            {
                nextSample += SampleMs;
                samples++;
                if (reading.IsAvailable(Quantity.PowerImportW, now))
                {
                    powerAvailable++;
                    outageRun = 0;
                    if (firstPowerMs < 0)
                    {
                        firstPowerMs = now;
                    }
                }
                else if (firstPowerMs >= 0 && ++outageRun > longestOutage)
                {
                    longestOutage = outageRun;
                    longestOutageAt = now;
                }

                if (reading.IsAvailable(Quantity.EnergyImportWh, now))
                {
                    energyAvailable++;
                }
            }

            clock.NowMs += stepMs;
        }

        wall.Stop();
        MepLink link = client.Link;
        MepLinkCounters c = link.Counters;
        FaultCounters f = rig.Meter.Faults.Counters;
        double virtualS = endMs / 1000.0;
        r.Line($"[soak] {hours:0.##} h virtual, Gen 3 ({rig.Meter.Profile}) with solar, realistic faults (FaultOptions.ApplyRealistic):");
        r.Line($"       {SimRig.DescribeRealisticFaults()}");
        r.Line($"       client: default LinkSettings/PollSettings/QualitySettings; Poll() every {stepMs} ms; seed {Seed}; samples every {SampleMs} ms");
        r.Line("       availability = share of 100 ms samples with the value available (read, and not older than StaleAfterMs 30 s)");
        r.Figure("soak: wall time", wall.Elapsed.TotalSeconds.ToString("N1"), $"s for {hours:0.##} h virtual ({virtualS / wall.Elapsed.TotalSeconds:N0}x real time)");
        r.Figure("soak: availability power_import_w", Percent(powerAvailable, samples), $"% of {samples:N0} samples");
        r.Figure("soak: availability energy_import_wh", Percent(energyAvailable, samples), $"% of {samples:N0} samples");
        r.Figure("soak: first power_import_w available after", (firstPowerMs / 1000.0).ToString("N1"), "s (start-up: BT52, configuration tables)");
        r.Figure("soak: longest power_import_w unavailable", (longestOutage * SampleMs / 1000.0).ToString("N1"),
            longestOutage == 0 ? "s (never, after start-up)" : $"s after start-up (ended {Clock(longestOutageAt)})");
        r.Figure("soak: longest interval between power updates", (longestPowerInterval / 1000.0).ToString("N1"), $"s (ended {Clock(longestPowerIntervalAt)})");
        r.Figure("soak: power / energy updates published", $"{powerUpdates:N0}", $"/ {energyUpdates:N0} (import+export energy), {(double)c.Requests / virtualS:N3} requests/s");
        r.Figure("soak: link requests / retransmits / timeouts", $"{c.Requests:N0}", $"/ {c.Retransmits:N0} / {c.Timeouts:N0}");
        r.Figure("soak: link digest failures / 0x0B / 0x0C", $"{c.DigestFailures:N0}", $"/ {c.AuthenticationFailures:N0} / {c.SequenceErrors:N0}");
        r.Figure("soak: link resets / alerts / abandoned", $"{c.TransceiverResets:N0}", $"/ {c.Alerts:N0} / {c.Abandoned:N0}");
        r.Figure("soak: link malformed / mismatched / unsolicited", $"{c.MalformedReplies:N0}", $"/ {c.MismatchedReplies:N0} / {c.UnsolicitedFrames:N0} (meter errors {c.ErrorReplies})");
        foreach (KeyValuePair<string, int> kv in log.Top("gave up", 4))
        {
            r.Line($"       abandoned {kv.Value,5}x: {kv.Key}");
        }

        r.Figure("soak: request transmissions by table", $"{c.Requests:N0}", rig.Line.DescribeRequestsByTable());
        r.Figure("soak: faults injected (total)", $"{f.Total:N0}", f.ToString());
        r.Figure("soak: energy filter rejections import", $"{reading.ImportFilter.Decreases + reading.ImportFilter.Jumps}",
            $"(decrease {reading.ImportFilter.Decreases}, jump {reading.ImportFilter.Jumps}, rebaselined {reading.ImportFilter.Rebaselines}); decode errors {reading.DecodeErrors}");
        r.Figure("soak: energy filter rejections export", $"{reading.ExportFilter.Decreases + reading.ExportFilter.Jumps}",
            $"(decrease {reading.ExportFilter.Decreases}, jump {reading.ExportFilter.Jumps}, rebaselined {reading.ExportFilter.Rebaselines})");
        r.Check("energy import/export never decreased", decreases == 0, $"{decreases} decrease(s) in {energyUpdates:N0} updates");
        r.Check("published energy <= true register at that moment", aboveTruth == 0, $"{aboveTruth} above the simulator's register");
        r.Check("published energy not older than 5 s", staleEnergy == 0, $"{staleEnergy} below the register of 5 s before");
        r.Check("power is a value the meter had in the last 5 s", notMeterValue == 0, $"{notMeterValue} never shown by the meter");
        r.Check("power within 0..MaxPowerW", outOfBounds == 0, $"{outOfBounds} outside 0..{maxPowerW} W");
        r.Check("power totals == phase sums (one BT28 snapshot)", phaseSum == 0, $"{phaseSum} mismatch(es)");
        if (firstFailure.Length > 0)
        {
            r.Line("       " + firstFailure);
        }

        return r;
    }

    /// <summary>Fwd − Rev must equal Σ(Lx Fwd − Lx Rev) when all came from the same read.</summary>
    private static bool PhaseSumBroken(MeterReading m, long now)
    {
        long t = m.UpdatedMs(Quantity.PowerImportW);
        int net = m.Value(Quantity.PowerImportW) - m.Value(Quantity.PowerExportW);
        int sum = 0;
        for (int i = 0; i < 3; i++)
        {
            int fq = Quantity.PowerImportL1W + i;
            int rq = Quantity.PowerExportL1W + i;
            if (m.AgeMs(fq, now) < 0 || m.UpdatedMs(fq) != t || m.UpdatedMs(rq) != t || m.UpdatedMs(Quantity.PowerExportW) != t)
            {
                return false; // not one snapshot: nothing to compare
            }

            sum += m.Value(fq) - m.Value(rq);
        }

        return net != sum;
    }

    internal static string Percent(long part, long whole) => whole == 0 ? "n/a" : (100.0 * part / whole).ToString("N3");

    internal static string Clock(long ms) => $"{ms / 3_600_000:00}:{ms / 60_000 % 60:00}:{ms / 1000 % 60:00}.{ms % 1000 / 100}";
}
