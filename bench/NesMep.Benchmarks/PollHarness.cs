using NesMep.Core.Link;
using NesMep.Core.Model;
using NesMep.Core.Platform;
using NesMep.Core.Polling;
using NesMep.Core.Protocol;

namespace NesMep.Benchmarks;

/// <summary>
/// A <see cref="MeterPoller"/> over a <see cref="MepLink"/> against a <see cref="BenchMeter"/> under a
/// virtual clock, driven like MeterPollerTests: poll, then advance 1 ms.
/// </summary>
public sealed class PollHarness
{
    public readonly BenchClock Clock = new();
    public readonly Gen3Tables Tables = new();
    public readonly BenchMeter Meter;
    public readonly MepLink Link;
    public readonly MeterPoller Poller;
    public readonly PollSettings Settings = new();
    public readonly MeterReading Reading = new(new QualitySettings());

    public PollHarness()
    {
        MepKey key = MepKey.Parse("0123456789ABCDEFGHIJ");
        Meter = new BenchMeter(Clock, Tables, key, 0x10);
        Link = new MepLink(Meter, Clock, Meter, key, new LinkSettings(), NullLog.Instance);
        Poller = new MeterPoller(Link, Clock, Settings, Reading, NullLog.Instance);
    }

    public int CycleMs => Settings.PowerIntervalMs;

    /// <summary>The per-body sections' meter: a harness polled until steady and a module context over it.</summary>
    public static PollHarness Steady(int cycles, out NesMep.Core.Api.ModuleContext context)
    {
        var h = new PollHarness();
        h.WarmUp(60_000, cycles);
        context = new NesMep.Core.Api.ModuleContext(new NesMep.Core.Api.ModuleInfo(), h.Clock, h.Poller);
        return h;
    }

    /// <summary>The last answer of <see cref="MeterPoller.NextDueMs"/> (the module asks after every poll).</summary>
    public long NextDueMs { get; private set; }

    /// <summary>Poll and ask when it is next due (what MeterModule.Step does), advance 1 ms, <paramref name="ms"/> times.</summary>
    public void Step(int ms)
    {
        MeterPoller poller = Poller;
        BenchClock clock = Clock;
        for (int t = 0; t < ms; t++)
        {
            poller.Poll();
            NextDueMs = poller.NextDueMs();
            clock.NowMs++;
        }
    }

    /// <summary>One steady cycle: virtual time advances by PollSettings.PowerIntervalMs.</summary>
    public void Cycle() => Step(Settings.PowerIntervalMs);

    /// <summary>
    /// Runs until the poller is in <see cref="PollPhase.Polling"/> (at most <paramref name="maxMs"/>),
    /// then <paramref name="steadyCycles"/> more cycles so every lazy allocation and JIT tier-up is done.
    /// Returns the virtual ms it took to reach Polling, or -1.
    /// </summary>
    public long WarmUp(int maxMs, int steadyCycles)
    {
        long start = Clock.NowMs;
        while (Poller.Phase != PollPhase.Polling && Clock.NowMs - start < maxMs)
        {
            Step(1);
        }

        if (Poller.Phase != PollPhase.Polling)
        {
            return -1;
        }

        long reached = Clock.NowMs - start;
        for (int i = 0; i < steadyCycles; i++)
        {
            Cycle();
        }

        return reached;
    }
}
