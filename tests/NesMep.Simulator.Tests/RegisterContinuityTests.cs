using NesMep.Simulator.Tests.Support;
using Xunit;

namespace NesMep.Simulator.Tests;

/// <summary>
/// A meter's energy registers never go back: the simulator continues them across restarts from a
/// store, counts the time away as base-load consumption, and saves ahead so a crash cannot lose any.
/// </summary>
public class RegisterContinuityTests
{
    private static readonly DateTime Start = new(2026, 11, 21, 8, 0, 0, DateTimeKind.Utc);

    private static MeterSimulator NewMeter(VirtualClock clock, MeterProfile? profile = null, bool solar = true)
    {
        var options = new SimulatorOptions { Profile = profile ?? MeterProfile.Gen3Basic() };
        options.Household.Solar = solar;
        return new MeterSimulator(clock, options);
    }

    private static void Run(MeterSimulator meter, VirtualClock clock, long ms, int stepMs = 1000)
    {
        for (long t = 0; t < ms; t += stepMs)
        {
            clock.Advance(stepMs);
            meter.Tick();
        }
    }

    /// <summary>A meter that keeps its registers in <paramref name="store"/>, run for a while, then stopped cleanly.</summary>
    private static MeterSimulator RunAndStop(IRegisterStore store, long ms)
    {
        var clock = new VirtualClock(Start);
        MeterSimulator meter = NewMeter(clock);
        meter.KeepRegisters(store);
        Run(meter, clock, ms);
        meter.SaveRegisters();
        return meter;
    }

    private static void AssertNoneLower(double[] before, double[] after)
    {
        Assert.Equal(before.Length, after.Length);
        for (int i = 0; i < before.Length; i++)
        {
            Assert.True(after[i] >= before[i], $"accumulator {i} went back from {before[i]} to {after[i]}");
        }
    }

    [Fact]
    public void A_restart_after_a_clean_stop_continues_the_registers_and_counts_the_time_away()
    {
        var store = new MemoryRegisterStore();
        MeterSimulator meter = RunAndStop(store, 3 * 3600_000L);
        double[] atStop = meter.Load.Energy.Snapshot();
        long fwdAtStop = meter.Load.Energy.Total(EnergyKind.FwdActiveWh);

        MeterSimulator next = NewMeter(new VirtualClock(meter.Clock.UtcNow.AddHours(2)));
        RegisterKeeper keeper = next.KeepRegisters(store);

        AssertNoneLower(atStop, next.Load.Energy.Snapshot());
        Assert.Equal(2.0, keeper.AwayHours, 3);
        // 2 h of the 300 W base load (140 + 90 + 70 W) = 600 Wh.
        Assert.Equal(fwdAtStop + 600, next.Load.Energy.Total(EnergyKind.FwdActiveWh), 1.0);
    }

    [Fact]
    public void A_restart_after_a_crash_never_yields_lower_registers()
    {
        var store = new MemoryRegisterStore();
        var clock = new VirtualClock(Start);
        MeterSimulator meter = NewMeter(clock);
        meter.KeepRegisters(store);
        for (int run = 0; run < 5; run++)
        {
            // Crash at an arbitrary moment: no SaveRegisters, restart at once (no time away).
            Run(meter, clock, 1800_000L + (run * 7_777L), 250);
            double[] atCrash = meter.Load.Energy.Snapshot();
            var restartClock = new VirtualClock(clock.UtcNow);
            MeterSimulator next = NewMeter(restartClock);
            next.KeepRegisters(store);
            double[] restarted = next.Load.Energy.Snapshot();

            AssertNoneLower(atCrash, restarted);
            // At most the lease plus the base load (300 W, counted from the last save) for one save interval.
            double bound = RegisterKeeper.LeaseUnits + (300 / 0.95 * RegisterKeeper.MaxSaveIntervalMs / 3_600_000.0);
            for (int i = 0; i < atCrash.Length; i++)
            {
                Assert.True(restarted[i] - atCrash[i] <= bound, $"accumulator {i} jumped by {restarted[i] - atCrash[i]}");
            }

            meter = next;
            clock = restartClock;
        }

        Assert.True(store.Saves > 10, "saved ahead while running: " + store.Saves);
    }

    [Fact]
    public void A_wall_clock_set_back_adds_no_time_away()
    {
        var store = new MemoryRegisterStore();
        MeterSimulator meter = RunAndStop(store, 600_000L);
        double[] atStop = meter.Load.Energy.Snapshot();

        MeterSimulator next = NewMeter(new VirtualClock(Start.AddHours(-5)));
        RegisterKeeper keeper = next.KeepRegisters(store);

        Assert.Equal(0, keeper.AwayHours);
        AssertNoneLower(atStop, next.Load.Energy.Snapshot());
    }

    [Fact]
    public void Registers_stored_for_another_tier_layout_are_refused_not_dropped()
    {
        var store = new MemoryRegisterStore();
        NewMeter(new VirtualClock(Start)).KeepRegisters(store);
        RegisterImage saved = store.Image!;

        var gen4 = NewMeter(new VirtualClock(Start), MeterProfile.Gen4());
        var e = Assert.Throws<InvalidDataException>(() => gen4.KeepRegisters(store));
        Assert.Contains("tiers", e.Message);
        Assert.Same(saved, store.Image);
    }

    private sealed class MemoryRegisterStore : IRegisterStore
    {
        public RegisterImage? Image { get; private set; }

        public int Saves { get; private set; }

        public RegisterImage? Load() => Image;

        public bool Save(RegisterImage image)
        {
            Image = image with { Values = (double[])image.Values.Clone() };
            Saves++;
            return true;
        }
    }
}
