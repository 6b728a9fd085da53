using System.Diagnostics;
using NesMep.Core.Link;
using NesMep.Core.Polling;
using NesMep.Core.Protocol;

namespace NesMep.Benchmarks;

/// <summary>
/// The CI run (--quick): hand-rolled measurements with Stopwatch and per-thread allocation counters.
/// Prints figures only; nothing about time is asserted.
/// </summary>
public static class QuickBench
{
    private const int Cycles = 200;
    private const int WarmUpCycles = 60; // 72 s virtual: first energy, slow and power reads all repeated
    private const int DigestIterations = 200_000;
    private const int FrameIterations = 100_000;

    /// <summary>Soak and comparison sizes used by --quick (and by --soak / --compare).</summary>
    public const int SoakStepMs = 1;
    public const double SoakHours = 24;
    public const int CompareSteadyS = 3600;
    public const int CompareDrops = 20;
    public const int CompareLockUps = 10;
    public const int CompareProfileMinutes = 10;

    private static int _figures;

    public static int Run()
    {
        _figures = 0;
        Console.WriteLine("NesMep core benchmark (quick)");
        Console.WriteLine($"runtime {Environment.Version}, {Environment.ProcessorCount} cpu, {(Program.IsOptimized() ? "optimised" : "NOT OPTIMISED (use -c Release)")}, " +
                          $"server GC {System.Runtime.GCSettings.IsServerGC}");
        long probe = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(new byte[100]);
        if (GC.GetAllocatedBytesForCurrentThread() - probe < 100)
        {
            Console.WriteLine("WARNING: GC.GetAllocatedBytesForCurrentThread did not see a 100-byte allocation; allocation figures are unreliable");
        }

        Console.WriteLine(new string('-', 100));
        Report statics = StaticsHeap.Run(); // first: before anything else fills the core's lazy statics
        Console.Write(statics);
        _figures += statics.Figures;
        Console.WriteLine(new string('-', 100));
        NanoSize.Run();
        Console.WriteLine(new string('-', 100));
        PollCycle();
        Digest();
        FrameRoundTrip();
        Console.WriteLine(new string('-', 100));
        _figures += Bodies();

        // After the timing figures (a second busy thread and the simulator's garbage would disturb them):
        // the soak and the comparison are independent, so they run side by side on two threads.
        var wall = Stopwatch.StartNew();
        Task<Report> soak = Task.Factory.StartNew(() => Soak.Run(SoakHours, SoakStepMs), TaskCreationOptions.LongRunning);
        Report compare = Compare.Run(CompareSteadyS, CompareDrops, CompareLockUps, CompareProfileMinutes);
        Report soakReport = soak.Result;
        Console.Write(soakReport);
        Console.WriteLine(new string('-', 100));
        Console.Write(compare);
        Console.WriteLine(new string('-', 100));
        _figures += soakReport.Figures + compare.Figures;
        Console.WriteLine($"soak + compare: {wall.Elapsed.TotalSeconds:N1} s wall (two threads); soak invariants: {(soakReport.Failures == 0 ? "all PASS" : soakReport.Failures + " FAIL")}");
        Console.WriteLine(new string('-', 100));
        Report links = OpticalSoak.Links(SoakStepMs); // MEP and optical side by side (issue 13); the optical soak: --soak-optical
        Console.Write(links);
        Console.WriteLine(new string('-', 100));
        _figures += links.Figures;
        var floodWall = Stopwatch.StartNew();
        Report flood = LoginFlood.Run();
        Console.Write(flood);
        _figures += flood.Figures;
        Console.WriteLine($"login flood: {floodWall.Elapsed.TotalSeconds:N1} s wall");
        Console.WriteLine($"benchmark: {_figures} figures printed");
        return 0;
    }

    /// <summary>The per-body sections (HTTP routes, MQTT payloads, table JSON) and issue 10's budget block; returns the figures printed.</summary>
    public static int Bodies()
    {
        int figures = 0;
        foreach (Func<Report> section in new Func<Report>[] { HttpBodies.Run, MqttBodies.Run, TableBodies.Run, Budget.Print })
        {
            Report report = section();
            Console.Write(report);
            Console.WriteLine(new string('-', 100));
            figures += report.Figures;
        }

        return figures;
    }

    private static void Figure(string name, string value, string unit)
    {
        _figures++;
        Console.WriteLine($"{name,-56} {value,12} {unit}");
    }

    // ---------------------------------------------------------------- steady poll cycle

    private static void PollCycle()
    {
        var h = new PollHarness();
        long reachedMs = h.WarmUp(60_000, WarmUpCycles);
        if (reachedMs < 0)
        {
            throw new InvalidOperationException("poller did not reach PollPhase.Polling within 60 s virtual time");
        }

        // Keep cycling for 500 ms of wall time so tiered JIT has promoted Poll() and friends to tier 1.
        var warm = Stopwatch.StartNew();
        int extra = 0;
        while (warm.ElapsedMilliseconds < 500)
        {
            h.Cycle();
            extra++;
        }

        Console.WriteLine($"[poll] warm-up {WarmUpCycles + extra} steady cycles; Gen 3 fake meter, polling after {reachedMs} ms virtual; {h.Poller.PowerReadCount} power read(s), " +
                          $"{h.Poller.SlowReadCount} slow read(s); cycle = {h.CycleMs} ms in 1 ms Poll() steps; {Cycles} cycles");

        BenchMeter m = h.Meter;
        long req0 = m.Requests, ok0 = m.OkReplies, txb0 = m.RequestBytes, rxb0 = m.ResponseBytes, own0 = m.OwnAllocatedBytes;
        long seq0 = m.SequenceErrors, ref0 = m.Refusals;
        long t0 = h.Clock.NowMs;
        var sw = Stopwatch.StartNew();
        long a0 = GC.GetAllocatedBytesForCurrentThread();
        for (int c = 0; c < Cycles; c++)
        {
            h.Cycle();
        }

        long a1 = GC.GetAllocatedBytesForCurrentThread();
        sw.Stop();
        long total = a1 - a0;
        long meterOwn = m.OwnAllocatedBytes - own0;
        long core = total - meterOwn;
        long requests = m.Requests - req0;
        double virtualS = (h.Clock.NowMs - t0) / 1000.0;
        long wire = (m.RequestBytes - txb0) + (m.ResponseBytes - rxb0);

        Figure("poll: allocated, whole loop (core + fake meter)", total.ToString("N0"), $"B / {Cycles} cycles");
        Figure("poll: allocated per cycle, whole loop", ((double)total / Cycles).ToString("N2"), "B/cycle");
        Figure("poll: allocated by the fake meter (measured)", meterOwn.ToString("N0"), "B");
        Figure("poll: allocated by the core per steady cycle (goal 0)", ((double)core / Cycles).ToString("N2"), $"B/cycle ({core:N0} B total)");
        Figure("poll: requests sent", requests.ToString("N0"), $"in {virtualS:N1} s virtual ({m.OkReplies - ok0} ok, {m.Refusals - ref0} refused, {m.SequenceErrors - seq0} 0x0C)");
        Figure("poll: table reads per second (virtual time)", (requests / virtualS).ToString("N3"), "reads/s");
        Figure("poll: wire bytes per cycle (request + response)", ((double)wire / Cycles).ToString("N1"),
            $"B/cycle (req {(double)(m.RequestBytes - txb0) / Cycles:N1} + resp {(double)(m.ResponseBytes - rxb0) / Cycles:N1})");
        var byField = new Dictionary<string, long>();
        (long graph, long tableState) = RetainedHeap.PollingGraphBytes(byField);
        Budget.PollingGraph = graph;
        Figure("poll: heap kept by link + poller + reading, Gen 3 (net10 proxy)", graph.ToString("N0"),
            "B, object graph in 64-bit .NET sizes (nanoCLR measured 32 KB; target 16 KB)");
        Figure("poll: of which table state (BT21..ET50 decoders)", tableState.ToString("N0"),
            "B (nanoCLR measured 17.6 KB with arrays sized for the format's maxima; now sized from BT21)");
        Console.WriteLine("poll: the polling graph's largest holders (bytes of the objects first reached through each field):");
        foreach (var (field, bytes) in byField.OrderByDescending(f => f.Value).Take(12))
        {
            Console.WriteLine($"  {field,-56} {bytes,8:N0} B");
        }

        Figure("poll: CPU time per cycle (1200 Poll calls)", (sw.Elapsed.TotalMilliseconds * 1000.0 / Cycles).ToString("N1"), "us/cycle");

        // A longer steady run so the hourly BT52 read (and its decode) is inside the window too.
        int hourCycles = (3_600_000 + h.CycleMs - 1) / h.CycleMs;
        long clock0 = m.ClockReads;
        long own1 = m.OwnAllocatedBytes;
        long b0 = GC.GetAllocatedBytesForCurrentThread();
        for (int c = 0; c < hourCycles; c++)
        {
            h.Cycle();
        }

        long hourCore = GC.GetAllocatedBytesForCurrentThread() - b0 - (m.OwnAllocatedBytes - own1);
        Figure("poll: core allocation over 1 h virtual, incl. BT52", hourCore.ToString("N0"),
            $"B in {hourCycles:N0} cycles ({m.ClockReads - clock0} BT52 read(s))");

        if (core != 0 || hourCore != 0 || Program.ForceAttribution)
        {
            AllocationAttribution.Report(h, hourCycles);
        }
    }

    // ---------------------------------------------------------------- digest

    private static void Digest()
    {
        var digest = new MepDigest(MepKey.Parse("0123456789ABCDEFGHIJ"));
        byte[] request = new byte[12]; // partial read body: code, table, offset, count, sequence
        request[0] = MepCodes.PartialRead;
        request[2] = 0x1C;
        request[6] = 0x80;
        request[11] = 0x42;
        byte[] response = new byte[141];
        for (int i = 0; i < response.Length; i++)
        {
            response[i] = (byte)(i * 7);
        }

        byte[] dest = new byte[MepDigest.Size];

        Measure("digest: 12-byte request body", "frame", DigestIterations, () => digest.Compute(request, 0, request.Length, dest, 0));
        Measure("digest: 12 + 141-byte request || response body", "frame", DigestIterations, () =>
        {
            digest.Reset();
            digest.Append(request, 0, request.Length);
            digest.Append(response, 0, response.Length);
            digest.Finish(dest, 0);
        });
    }

    // ---------------------------------------------------------------- frame round trip

    private static void FrameRoundTrip()
    {
        var key = MepKey.Parse("0123456789ABCDEFGHIJ");
        var client = new MepDigest(key);
        var meterDigest = new MepDigest(key);
        var request = new MepRequest().SetPartialRead(0x1C, 0, 128);
        var parsedRequest = new MepRequest();
        var response = new MepResponse();
        byte[] tx = new byte[478];
        byte[] rx = new byte[478];
        byte[] data = new byte[128];
        const uint sequence = 0x1234;

        // The client's request is the same every time (fixed sequence), so the reply can be built once.
        int txLength = MepRequestWriter.Write(request, sequence, client, tx, 0);
        int rxLength = MepResponseWriter.WriteReadReply(tx, 0, txLength, data, 0, data.Length, meterDigest, rx, 0);
        bool ok = true;

        Measure("frame: client Write+TryParse+DigestValid, 128 B read", "op", FrameIterations, () =>
        {
            int n = MepRequestWriter.Write(request, sequence, client, tx, 0);
            ok &= n == txLength && MepResponseParser.TryParse(rx, 0, rxLength, response, out _) &&
                  MepResponseParser.DigestValid(client, tx, 0, n, rx, response);
        });

        Measure("frame: meter DigestValid+TryParse+WriteReadReply", "op", FrameIterations, () =>
        {
            ok &= MepRequestParser.DigestValid(meterDigest, tx, 0, txLength) &&
                  MepRequestParser.TryParse(tx, 0, txLength, parsedRequest, out _, out _);
            MepResponseWriter.WriteReadReply(tx, 0, txLength, data, 0, parsedRequest.Count, meterDigest, rx, 0);
        });

        if (!ok)
        {
            throw new InvalidOperationException("frame round trip did not verify");
        }
    }

    /// <summary>
    /// Warm-up (at least 300 ms so tiered JIT has promoted the hot code), then three timed runs of
    /// <paramref name="n"/> calls; prints the fastest run and the allocation over all runs.
    /// </summary>
    private static void Measure(string name, string per, int n, Action op)
    {
        var warm = Stopwatch.StartNew();
        for (int i = 0; i < n / 10 || warm.ElapsedMilliseconds < 300; i++)
        {
            op();
        }

        double best = double.MaxValue;
        long a0 = GC.GetAllocatedBytesForCurrentThread();
        for (int run = 0; run < 3; run++)
        {
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < n; i++)
            {
                op();
            }

            long t1 = Stopwatch.GetTimestamp();
            best = Math.Min(best, (t1 - t0) * 1e9 / Stopwatch.Frequency / n);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - a0;
        Figure(name, best.ToString("N1"), $"ns/{per} ({1e9 / best:N0} {per}s/s, best of 3 x {n:N0})");
        Figure(name + ", allocated", ((double)allocated / (3L * n)).ToString("N2"), $"B/{per} ({allocated:N0} B in {3L * n:N0} calls)");
    }
}
