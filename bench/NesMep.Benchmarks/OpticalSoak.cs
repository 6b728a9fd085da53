using System.Diagnostics;
using NesMep.Core.Model;
using NesMep.Core.Optical;
using NesMep.Core.Platform;
using NesMep.Core.Polling;
using NesMep.Simulator;
using NesMep.Simulator.Optical;

namespace NesMep.Benchmarks;

/// <summary>Our client over the optical port: <see cref="MeterPoller"/> on <see cref="C1218Link"/>, every setting at its default.</summary>
public sealed class OpticalClient
{
    public OpticalClient(OpticalPort port, IClock clock, byte[] key, ILog? log = null)
    {
        Line = new SimulatedOpticalLine(port);
        Link = new C1218Link(Line, clock, key, new C1218LinkSettings(), log ?? NullLog.Instance);
        Reading = new MeterReading(new QualitySettings());
        Poller = new MeterPoller(Link, clock, new PollSettings(), Reading, log ?? NullLog.Instance);
    }

    public SimulatedOpticalLine Line { get; }

    public C1218Link Link { get; }

    public MeterReading Reading { get; }

    public MeterPoller Poller { get; }

    public void Poll() => Poller.Poll();
}

/// <summary>
/// The soak over the optical port (issue 13 item 6): the same simulated Gen 3 meter, household and seed as
/// <see cref="Soak"/>, read through its C12.18 port with the realistic fault rates applied to the optical line
/// (byte loss and corruption → NAK path, dropped, late and duplicated replies, noise; lock-ups and sequence
/// jumps are MEP-only), and the same invariants and availability figures. Before it, a fault-free run of each
/// link gives reads per second and line bytes per power refresh side by side.
/// </summary>
public static class OpticalSoak
{
    private const int CompareMinutes = 10;

    public static Report Run(double hours, int stepMs)
    {
        Report r = Links(stepMs);

        var wall = Stopwatch.StartNew();
        var log = new TallyLog();
        var rig = new SimRig(dabbler: false, realisticFaults: false, seed: Soak.Seed, log: log);
        var faults = new FaultOptions { Seed = Soak.Seed * 31 + 7 }.ApplyRealistic();
        var port = new OpticalPort(rig.Meter, new OpticalOptions { Mk = OpticalOptions.DemoKey(), Faults = faults });
        var client = new OpticalClient(port, rig.Clock, OpticalOptions.DemoKey(), log);
        long endMs = (long)(hours * 3_600_000);
        SoakRun m = SoakRun.Measure(rig, client.Reading, client.Poll, endMs, stepMs, 100, 5000);
        wall.Stop();
        C1218Counters c = client.Link.Counters;
        double virtualS = endMs / 1000.0;
        r.Line($"[soak optical] {hours:0.##} h virtual, Gen 3 ({rig.Meter.Profile}) with solar, optical port (C12.18), realistic faults on the optical line:");
        r.Line($"       {SimRig.DescribeRealisticFaults()} (lock-ups and sequence jumps do not apply to C12.18)");
        r.Line($"       client: MeterPoller on C1218Link, default C1218LinkSettings/PollSettings/QualitySettings, key = MK; Poll() every {stepMs} ms; seed {Soak.Seed}");
        m.PrintAvailability(r, "soak optical:", hours, wall.Elapsed.TotalSeconds, c.Requests / virtualS);
        r.Figure("soak optical: packets sent / resends / timeouts", $"{c.Requests:N0}", $"/ {c.Retransmits:N0} / {c.Timeouts:N0}");
        r.Figure("soak optical: NAKs received / sent, checksum failures", $"{c.NaksReceived:N0}", $"/ {c.NaksSent:N0}, {c.ChecksumFailures:N0}");
        r.Figure("soak optical: sessions / fresh after errors / abandoned", $"{c.Sessions:N0}", $"/ {c.TransceiverResets:N0} / {c.Abandoned:N0} (keep-alives {c.KeepAlives:N0}, duplicates {c.DuplicatePackets:N0}, meter errors {c.ErrorReplies})");
        r.Figure("soak optical: line bytes per power refresh", PerRefresh(client.Line.BytesWritten + client.Line.BytesRead, m.PowerUpdates),
            $"B ({client.Line.BytesWritten:N0} out, {client.Line.BytesRead:N0} in)");
        foreach (KeyValuePair<string, int> kv in log.Top("optical", 4))
        {
            r.Line($"       {kv.Value,5}x: {kv.Key}");
        }

        r.Figure("soak optical: faults injected (total)", $"{port.Faults.Counters.Total:N0}", port.Faults.Counters.ToString());
        m.PrintFiltersAndChecks(r, "soak optical:", "optical: ");
        return r;
    }

    /// <summary>Fault-free, side by side: reads per second, power refreshes per minute, line bytes per power refresh, power and energy age.</summary>
    public static Report Links(int stepMs)
    {
        var r = new Report();
        long endMs = CompareMinutes * 60_000L;
        var mep = new SimRig(dabbler: false, realisticFaults: false, seed: Soak.Seed);
        var ours = (OurClient)mep.Client;
        long mepRefreshes = RunCounting(mep.Clock, ours.Poll, ours.Reading, endMs, stepMs);

        var rig = new SimRig(dabbler: false, realisticFaults: false, seed: Soak.Seed);
        var port = new OpticalPort(rig.Meter, new OpticalOptions { Mk = OpticalOptions.DemoKey() });
        var optical = new OpticalClient(port, rig.Clock, OpticalOptions.DemoKey());
        long opticalRefreshes = RunCounting(rig.Clock, optical.Poll, optical.Reading, endMs, stepMs);

        double s = endMs / 1000.0;
        r.Line($"[links] {CompareMinutes} min virtual each, no faults, Gen 3 with solar, default settings: MEP vs optical (C12.18)");
        r.Row("links: table reads per second", $"{ours.Link.Counters.CompletedOk / s:N3}", $"{optical.Link.Counters.CompletedOk / s:N3}");
        r.Row("links: power refreshes per minute", $"{mepRefreshes / (s / 60):N1}", $"{opticalRefreshes / (s / 60):N1}");
        r.Row("links: line bytes per power refresh", PerRefresh(mep.Line.LineBytes, mepRefreshes), PerRefresh(optical.Line.BytesWritten + optical.Line.BytesRead, opticalRefreshes));
        r.Row("links: power age at the end (s)", Age(ours.Reading, Quantity.PowerImportW, mep.Clock.NowMs), Age(optical.Reading, Quantity.PowerImportW, rig.Clock.NowMs));
        r.Row("links: energy age at the end (s)", Age(ours.Reading, Quantity.EnergyImportWh, mep.Clock.NowMs), Age(optical.Reading, Quantity.EnergyImportWh, rig.Clock.NowMs));
        return r;
    }

    /// <summary>Polls until <paramref name="endMs"/>; returns how many times power_import_w was published.</summary>
    private static long RunCounting(BenchClock clock, Action poll, MeterReading reading, long endMs, int stepMs)
    {
        long refreshes = 0;
        long last = -1;
        while (clock.NowMs < endMs)
        {
            poll();
            long updated = reading.UpdatedMs(Quantity.PowerImportW);
            if (reading.AgeMs(Quantity.PowerImportW, clock.NowMs) >= 0 && updated != last)
            {
                refreshes++;
                last = updated;
            }

            clock.NowMs += stepMs;
        }

        return refreshes;
    }

    private static string PerRefresh(long bytes, long refreshes) =>
        refreshes == 0 ? "n/a" : $"{(double)bytes / refreshes:N0}";

    private static string Age(MeterReading reading, int quantity, long now) =>
        reading.AgeMs(quantity, now) < 0 ? "n/a" : $"{reading.AgeMs(quantity, now) / 1000.0:N1}";
}
