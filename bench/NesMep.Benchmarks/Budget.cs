using NesMep.Core.Mqtt;
using NesMep.Core.Web;

namespace NesMep.Benchmarks;

/// <summary>
/// Issue 10's budget table in one comparison block at the end of the memory sections of every --quick run: each
/// row's net10 proxy from this run beside the figure the issue measured on a nanoCLR ("now") and the target. The
/// sections record their figures here as they run. The proxies are net10 (64-bit object sizes, bytes allocated
/// by the thread); the nanoCLR allocated about twice what net10 did for the same work, so each heap row also shows
/// twice the proxy, and the verdict says whether the target holds for the proxy and for twice the proxy.
/// </summary>
public static class Budget
{
    /// <summary>Request slots the device's dispatcher keeps (HttpDispatcher's comment: the device passes 2).</summary>
    public const int DeviceRequestSlots = 2;

    private const int Kb = 1024;

    private static readonly List<(string Name, long Peak, long Garbage)> Bodies = [];

    // The issue's "now" for the bodies it names (nanoCLR, KB): extra peak, garbage.
    private static readonly Dictionary<string, (double Peak, double Garbage)> IssueNow = new()
    {
        ["http /getDashDataWS"] = (3.7, 9.1),
        ["http /api/v1/reading"] = (18.4, 31.1),
        ["http /api/v1/status"] = (9.2, -1),
        ["http /metrics"] = (39.2, 72.3),
        ["mqtt state"] = (4.7, 10),
        ["table BT28 json"] = (-1, 45.8),
    };

    public static long IlBytes { get; set; } = -1;

    public static long LiteralBytes { get; set; } = -1;

    public static long AssemblyBytes { get; set; } = -1;

    public static long StaticsAtBoot { get; set; } = -1;

    public static long StaticsAfterUse { get; set; } = -1;

    public static long PollingGraph { get; set; } = -1;

    /// <summary>One body: extra peak (buffer bytes in use + everything allocated while it was built, as if nothing were collected meanwhile) and garbage.</summary>
    public static void Body(string name, long peak, long garbage)
    {
        lock (Bodies)
        {
            Bodies.Add((name, peak, garbage));
        }
    }

    public static Report Print()
    {
        var r = new Report();
        r.Line("issue 10 budget: this run's net10 proxies beside the issue's nanoCLR figures (\"now\") and its targets.");
        r.Line("  net10 proxies: 64-bit .NET object sizes and bytes allocated per thread; the nanoCLR allocated about 2x net10, so heap rows show 2x too.");
        r.Line($"  {"row",-46} {"issue now",-22} {"proxy",10} {"2x proxy",10} {"target",10}  verdict");
        r.Row2("core assembly (IL; .pe not built here)", "IL 195 KB, .pe 125 KB", Kb2(IlBytes), "", "state it",
            $"IL {Kb2(IlBytes)} + literals {Kb2(LiteralBytes)} UTF-8 in a {Kb2(AssemblyBytes)} assembly (IL {100.0 * IlBytes / (195.0 * Kb):N0}% of the issue's)");
        Heap(r, "statics kept at boot", "15.5 KB", StaticsAtBoot, 15.5, 4);
        Heap(r, "polling objects kept (Gen 3)", "32 KB", PollingGraph, 32, 16);

        (string name, long peak, long _) largest = Bodies.Count == 0 ? ("none", 0, 0) : Bodies.MaxBy(b => b.Peak);
        long slots = DeviceRequestSlots * RetainedHeap.Size(new RequestSlot(BodyWriter.DefaultChunkBytes), NewSeen());
        long builder = RetainedHeap.Size(new MqttPayloadBuilder(MqttPayloadBuilder.DefaultBufferBytes), NewSeen());
        long outbox = RetainedHeap.Size(new MqttOutbox(MqttSupervisorOptions.DeviceOutboxCapacity, MqttSupervisorOptions.DeviceOutboxMaxBytes), NewSeen())
                      + MqttSupervisorOptions.DeviceOutboxMaxBytes;
        long heap = StaticsAfterUse + PollingGraph + slots + builder + outbox + largest.peak;
        Heap(r, "smallest heap for the poll loop (see below)", "65-69 KB", heap, 67, 40);
        r.Line($"    = statics after first use {Kb2(StaticsAfterUse)} + polling graph {Kb2(PollingGraph)} + {DeviceRequestSlots} request slots {Kb2(slots)}" +
               $" + MQTT payload builder {Kb2(builder)} + device outbox full {Kb2(outbox)} + the largest extra peak of one body {Kb2(largest.peak)} ({largest.name}):");
        r.Line("      what the core keeps plus its worst moment; \"without constant collections\" needs headroom above it (the issue's 40 KB is for the core alone)");

        r.Line("  per body: issue now = extra peak / garbage; then the extra peak and the garbage proxies (peak = buffer bytes in use + every byte");
        r.Line("  allocated while building it, an upper bound); target 4 KB peak / 2 KB garbage:");
        foreach ((string name, long peak, long garbage) in Bodies.Where(b => !b.Name.StartsWith("mqtt config ", StringComparison.Ordinal)))
        {
            BodyRow(r, name, peak, garbage);
        }

        var configs = Bodies.Where(b => b.Name.StartsWith("mqtt config ", StringComparison.Ordinal)).ToList();
        if (configs.Count > 0)
        {
            var p = configs.MaxBy(c => c.Peak);
            var g = configs.MaxBy(c => c.Garbage);
            BodyRow(r, $"mqtt config, worst of {configs.Count} ({p.Name.Substring(12)} / {g.Name.Substring(12)})", p.Peak, g.Garbage);
        }

        long worstPeak = Bodies.Count == 0 ? 0 : Bodies.Max(b => b.Peak);
        long worstGarbage = Bodies.Count == 0 ? 0 : Bodies.Max(b => b.Garbage);
        Heap(r, $"extra peak, worst of {Bodies.Count} bodies", "3.7..39.2 KB", worstPeak, 39.2, 4);
        Heap(r, $"garbage, worst of {Bodies.Count} bodies", "9.1..72.3 KB", worstGarbage, 72.3, 2);
        return r;
    }

    private static HashSet<object> NewSeen() => new(ReferenceEqualityComparer.Instance);

    private static void BodyRow(Report r, string name, long peak, long garbage)
    {
        string now = IssueNow.TryGetValue(name, out var n)
            ? (n.Peak >= 0 ? $"+{n.Peak:0.#} KB" : "-") + " / " + (n.Garbage >= 0 ? $"{n.Garbage:0.#} KB" : "-")
            : "- / -";
        bool met = 2 * peak <= 4 * Kb && 2 * garbage <= 2 * Kb;
        bool metProxy = peak <= 4 * Kb && garbage <= 2 * Kb;
        r.Row2("    " + name, now, Kb2(peak), Kb2(garbage), "4 / 2 KB", met ? "met, also at 2x" : metProxy ? "met (net10); 2x over" : "NOT MET");
    }

    private static void Heap(Report r, string name, string issueNow, long proxy, double nowKb, double targetKb)
    {
        double kb = proxy / (double)Kb;
        string verdict = (proxy < 0 ? "not measured" : 2 * kb <= targetKb ? "met, also at 2x" : kb <= targetKb ? "met (net10); 2x over" : "NOT MET")
                         + (proxy >= 0 ? $"; {100.0 * kb / nowKb:N0}% of now" : "");
        r.Row2(name, issueNow, Kb2(proxy), Kb2(2 * proxy), $"{targetKb:0.#} KB", verdict);
    }

    private static string Kb2(long bytes) => bytes < 0 ? "?" : $"{bytes / (double)Kb:N1} KB";

    private static void Row2(this Report r, string name, string now, string proxy, string twice, string target, string verdict)
    {
        r.FigureLine($"  {name,-46} {now,-22} {proxy,10} {twice,10} {target,10}  {verdict}");
    }
}
