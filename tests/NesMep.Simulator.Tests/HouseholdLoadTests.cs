using NesMep.Core.Protocol;
using NesMep.Simulator.Tests.Support;
using Xunit;

namespace NesMep.Simulator.Tests;

/// <summary>The simulated household: plausible values, consistent totals, monotonic energy, solar on L1.</summary>
public class HouseholdLoadTests
{
    [Fact]
    public void Energy_registers_only_grow_over_24_simulated_hours_and_values_stay_plausible()
    {
        var clock = new VirtualClock(new DateTime(2026, 3, 10, 0, 0, 0, DateTimeKind.Utc));
        var meter = new MeterSimulator(clock, new SimulatorOptions { Household = new HouseholdOptions { Solar = true } });
        EnergyRegisters e = meter.Load.Energy;
        var kinds = Enum.GetValues<EnergyKind>();
        long[] previous = kinds.Select(k => e.Total(k)).ToArray();
        long fwdStart = previous[0];
        int bt23Checks = 0;

        for (int s = 1; s <= 24 * 3600; s++)
        {
            clock.Advance(1000);
            meter.Tick();
            for (int k = 0; k < kinds.Length; k++)
            {
                long v = e.Total(kinds[k]);
                Assert.True(v >= previous[k], $"{kinds[k]} went down at {s} s");
                previous[k] = v;
            }

            PowerMeasurements m = meter.Load.Measurements;
            int phaseNet = 0;
            for (int i = 0; i < 3; i++)
            {
                phaseNet += m.PhaseFwdW[i] - m.PhaseRevW[i];
                Assert.InRange(m.VoltageMV[i], 222_000, 238_000);
                Assert.InRange(m.PowerFactor[i], 850, 1000);
                Assert.True(m.PhaseFwdW[i] == 0 || m.PhaseRevW[i] == 0);
            }

            Assert.Equal(m.FwdW - m.RevW, phaseNet); // the Home Assistant phase-sum check (§7.2)
            Assert.InRange(m.FrequencyMHz, 49_950, 50_050);
            if (s % 600 == 0)
            {
                byte[] bt23 = meter.ReadTable(MeterTableIds.BT23)!;
                Assert.Equal((int)e.Total(EnergyKind.FwdActiveWh), ByteOrder.ReadInt32LE(bt23, 0));
                bt23Checks++;
            }
        }

        Assert.Equal(144, bt23Checks);
        long dayKWh = (previous[0] - fwdStart) / 1000;
        Assert.InRange(dayKWh, 3, 40);
    }

    [Fact]
    public void Solar_makes_L1_export_while_L2_and_L3_import_at_noon()
    {
        // Midsummer in Denmark: local = UTC + 2 h, so local noon is 10:00 UTC.
        var clock = new VirtualClock(new DateTime(2026, 6, 21, 10, 0, 0, DateTimeKind.Utc));
        var meter = new MeterSimulator(clock, new SimulatorOptions { Household = new HouseholdOptions { Solar = true } });
        long revStart = meter.Load.Energy.Total(EnergyKind.RevActiveWh);

        for (int s = 0; s < 1800; s++)
        {
            clock.Advance(1000);
            meter.Tick();
            PowerMeasurements m = meter.Load.Measurements;
            Assert.True(m.PhaseRevW[0] > 0, $"L1 not exporting at {s} s");
            Assert.Equal(0, m.PhaseFwdW[0]);
            Assert.True(m.PhaseFwdW[1] > 0);
            Assert.True(m.PhaseFwdW[2] > 0);
        }

        Assert.Equal(12, meter.Load.LocalNow.Hour);
        Assert.True(meter.Load.Energy.Total(EnergyKind.RevActiveWh) > revStart + 500);

        // The same picture through BT27/BT28: Rev W L1 (source 188) > 0, Fwd W L2 (186) > 0.
        byte[] bt27 = meter.ReadTable(MeterTableIds.BT27)!;
        byte[] bt28 = meter.ReadTable(MeterTableIds.BT28)!;
        int Value(int source) => ByteOrder.ReadInt32LE(bt28, meter.Profile.Bt28ValueOffset(Array.IndexOf(bt27, (byte)source)));
        Assert.True(Value(188) > 0);
        Assert.True(Value(186) > 0);
    }

    [Fact]
    public void Without_solar_nothing_is_exported()
    {
        var clock = new VirtualClock(new DateTime(2026, 6, 21, 10, 0, 0, DateTimeKind.Utc));
        var meter = new MeterSimulator(clock);
        long rev = meter.Load.Energy.Total(EnergyKind.RevActiveWh);
        clock.Advance(3_600_000);
        meter.Tick();
        Assert.Equal(rev, meter.Load.Energy.Total(EnergyKind.RevActiveWh));
        Assert.Equal(0, meter.Load.Measurements.RevW);
    }

    [Fact]
    public void Same_seed_gives_the_same_household_whatever_the_tick_pattern()
    {
        var start = new DateTime(2026, 5, 1, 6, 0, 0, DateTimeKind.Utc);
        var a = new HouseholdLoad(new HouseholdOptions { Solar = true, Seed = 99 }, 4, 0, start);
        var b = new HouseholdLoad(new HouseholdOptions { Solar = true, Seed = 99 }, 4, 0, start);
        for (long t = 0; t <= 7_200_000; t += 1000)
        {
            a.AdvanceTo(t);
        }

        for (long t = 0; t <= 7_200_000; t += 7_300)
        {
            b.AdvanceTo(t);
        }

        b.AdvanceTo(7_200_000);
        Assert.Equal(a.Measurements.PhaseNetW, b.Measurements.PhaseNetW);
        Assert.Equal(a.Measurements.VoltageMV, b.Measurements.VoltageMV);
        Assert.Equal(a.Measurements.FrequencyMHz, b.Measurements.FrequencyMHz);
        Assert.InRange(a.Energy.TotalExact(EnergyKind.FwdActiveWh) - b.Energy.TotalExact(EnergyKind.FwdActiveWh), -0.001, 0.001);
    }

    [Fact]
    public void Tier_registers_add_up_to_the_total()
    {
        var clock = new VirtualClock(new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc));
        var meter = new MeterSimulator(clock);
        for (int h = 0; h < 24; h++)
        {
            clock.Advance(3_600_000);
            meter.Tick();
        }

        EnergyRegisters e = meter.Load.Energy;
        long sum = Enumerable.Range(0, e.Tiers).Sum(t => e.Tier(EnergyKind.FwdActiveWh, t));
        Assert.InRange(e.Total(EnergyKind.FwdActiveWh) - sum, 0, e.Tiers);
        Assert.All(Enumerable.Range(0, e.Tiers), t => Assert.True(e.Tier(EnergyKind.FwdActiveWh, t) > 0));
    }
}
