using NesMep.Core.Api;
using NesMep.Core.Link;
using NesMep.Core.Model;
using NesMep.Core.Module;
using NesMep.Core.Platform;
using NesMep.Core.Polling;
using NesMep.Core.Protocol;
using NesMep.Core.Tests.Support;
using NesMep.Core.Web;
using NesMep.Simulator;

namespace NesMep.Core.Tests.Module;

/// <summary>Settings a test hands to <see cref="MeterModule.ApplySettings"/>: a name, and whether opening fails.</summary>
public sealed record RigSettings(string Name, bool Fails = false, int PowerIntervalMs = 1200);

/// <summary>
/// The core module on the simulated Gen 3 meter under a virtual clock. Two ways to drive it: a fixed spin
/// (step every N ms, what the Linux host did with 2 ms) and the due-time loop a host runs now (step at the
/// time Step returned, or when the meter's next byte arrives — the transport's data-arrived wake).
/// </summary>
public sealed class ModuleRig : IMeterSideFactory
{
    public const string Key = "Utility-MBK-0123456!";

    public ModuleRig(string faults = "none", int seed = 7)
    {
        Faults = faults;
        Seed = seed;
        Module = new MeterModule(this, new RigSettings("first"), Clock, Log);
    }

    public VirtualClock Clock { get; } = new();

    public ListLog Log { get; } = new();

    public string Faults { get; }

    public int Seed { get; }

    public MeterModule Module { get; }

    /// <summary>The simulated meter of the side opened last.</summary>
    public MeterSimulator Meter { get; private set; } = null!;

    public SimulatedLine Line { get; private set; } = null!;

    public List<string> Opened { get; } = new();

    public MeterReading Reading => Module.Side.Reading;

    public MeterSide Open(object settings)
    {
        var s = (RigSettings)settings;
        Opened.Add(s.Name);
        if (s.Fails || Failing.Contains(s.Name))
        {
            throw new InvalidOperationException("cannot open " + s.Name);
        }

        var options = new SimulatorOptions { Profile = MeterProfile.Gen3Basic(), Mbk = MepKey.Parse(Key) };
        options.Household.Solar = true;
        if (Faults == "realistic")
        {
            options.Faults.ApplyRealistic();
        }

        Meter = new MeterSimulator(Clock, options, new Random(Seed), new Random(Seed + 1));
        var line = new SimulatedLine(Meter);
        Line = line;
        IByteTransport transport = WrapTransport == null ? line : WrapTransport(line);
        var core = new ModuleSettings();
        core.Poll.PowerIntervalMs = s.PowerIntervalMs;
        return new MeterSide(transport, line, Connection, MepKey.Parse(Key), core, Clock, Log, new ModuleInfo { Source = s.Name }, null);
    }

    /// <summary>Names of settings that fail to open from now on.</summary>
    public HashSet<string> Failing { get; } = new();

    /// <summary>Wraps the simulated line of the next sides opened (to inject a fault).</summary>
    public Func<IByteTransport, IByteTransport>? WrapTransport { get; set; }

    /// <summary>A connection the test can drop (null: the transport cannot drop).</summary>
    public IMeterConnection? Connection { get; set; }

    /// <summary>Steps every <paramref name="stepMs"/> until <paramref name="untilMs"/>; returns the steps taken.</summary>
    public long RunSpin(long untilMs, int stepMs)
    {
        long steps = 0;
        while (Clock.NowMs < untilMs)
        {
            Module.Step();
            steps++;
            Clock.NowMs += stepMs;
        }

        return steps;
    }

    /// <summary>
    /// The host loop on virtual time: step, then sleep until the returned due time or until the meter's next
    /// byte arrives (the transport's data-arrived wake). The meter runs on its own, ticked every millisecond
    /// like the real one. Returns the steps taken; throws on a due time that would make the loop spin.
    /// </summary>
    public long RunDue(long untilMs)
    {
        long steps = 0;
        long due = Clock.NowMs;
        while (Clock.NowMs < untilMs)
        {
            Meter.Tick();
            if (Clock.NowMs >= due || BytesWaiting())
            {
                due = Module.Step();
                steps++;
                if (due <= Clock.NowMs)
                {
                    throw new InvalidOperationException("Step returned due " + due + " at " + Clock.NowMs + ": the loop would spin");
                }
            }

            Clock.NowMs++;
        }

        return steps;
    }

    private bool BytesWaiting() => Line.NextReceiveEventAtMs is long at && at <= Clock.NowMs;
}
