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
        long endMs = (long)(hours * 3_600_000);
        SoakRun m = SoakRun.Measure(rig, reading, client.Poll, endMs, stepMs, SampleMs, LookBackMs);
        wall.Stop();
        MepLink link = client.Link;
        MepLinkCounters c = link.Counters;
        FaultCounters f = rig.Meter.Faults.Counters;
        double virtualS = endMs / 1000.0;
        r.Line($"[soak] {hours:0.##} h virtual, Gen 3 ({rig.Meter.Profile}) with solar, realistic faults (FaultOptions.ApplyRealistic):");
        r.Line($"       {SimRig.DescribeRealisticFaults()}");
        r.Line($"       client: default LinkSettings/PollSettings/QualitySettings; Poll() every {stepMs} ms; seed {Seed}; samples every {SampleMs} ms");
        r.Line("       availability = share of 100 ms samples with the value available (read, and not older than StaleAfterMs 30 s)");
        m.PrintAvailability(r, "soak:", hours, wall.Elapsed.TotalSeconds, c.Requests / virtualS);
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
        m.PrintFiltersAndChecks(r, "soak:", "");
        return r;
    }

    /// <summary>Fwd − Rev must equal Σ(Lx Fwd − Lx Rev) when all came from the same read.</summary>
    internal static bool PhaseSumBroken(MeterReading m, long now)
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
