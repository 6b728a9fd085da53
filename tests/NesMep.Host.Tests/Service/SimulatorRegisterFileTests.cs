using NesMep.Core.Api;
using NesMep.Core.Platform;
using NesMep.Host.Service;
using NesMep.Host.Tests.EndToEnd;
using NesMep.Simulator;
using Xunit;

namespace NesMep.Host.Tests.Service;

/// <summary>
/// `nesmep run` on the simulator keeps the meter's energy registers in the state directory, so a
/// restart of the virtual module never makes Home Assistant's total_increasing energy go down.
/// Runs under a hand-moved clock; the poll thread is never started.
/// </summary>
public class SimulatorRegisterFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nesmep-registers-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private ModuleRuntime NewRuntime(IClock clock, TestLog log) =>
        new(new HostConfig { StateDir = _dir, SimulatorProfile = "gen3-demand" }, clock, log.Log, new ModuleInfo());

    private static long FwdWh(ModuleRuntime runtime) => runtime.Simulator!.Load.Energy.Total(EnergyKind.FwdActiveWh);

    [Fact]
    public void Restarting_the_virtual_module_never_lowers_its_energy_registers()
    {
        var clock = new HandClock(new DateTime(2026, 11, 21, 19, 0, 0, DateTimeKind.Utc)); // after sunset: no export
        var log = new TestLog();
        long before;
        using (ModuleRuntime first = NewRuntime(clock, log))
        {
            for (int s = 0; s < 3600; s++)
            {
                clock.NowMs += 1000;
                first.Simulator!.Tick();
            }

            before = FwdWh(first);
        }

        Assert.True(File.Exists(Path.Combine(_dir, SimulatorRegisterFile.FileName("gen3-demand"))));
        clock.NowMs += 60_000; // a minute away: the house kept consuming
        using ModuleRuntime second = NewRuntime(clock, log);
        Assert.True(FwdWh(second) >= before + 4, $"restart served {FwdWh(second)} Wh after {before} Wh");
    }

    [Fact]
    public void An_unreadable_register_file_stops_the_start_with_a_clear_error_and_is_kept()
    {
        string file = Path.Combine(_dir, SimulatorRegisterFile.FileName("gen3-demand"));
        File.WriteAllText(file, "{\"format\":1,\"saved_utc\":\"2026-11-21T17:00:00.000Z\",\"tiers\":4,\"registers\":[1,2]}");

        var e = Assert.Throws<InvalidDataException>(() => NewRuntime(new HandClock(DateTime.UtcNow), new TestLog()));

        Assert.Contains(file, e.Message);
        Assert.Contains("move the file away", e.Message);
        Assert.Contains("[1,2]", File.ReadAllText(file));
    }

    [Fact]
    public void A_register_file_that_cannot_be_written_is_logged_once_and_the_meter_keeps_serving()
    {
        var log = new TestLog();
        string notADirectory = Path.Combine(_dir, "a-file");
        File.WriteAllText(notADirectory, "");
        var store = new SimulatorRegisterFile(notADirectory, "gen3", log.Log);
        var image = new RegisterImage(DateTime.UtcNow, 4, new double[4 * EnergyRegisters.KindCount]);

        Assert.False(store.Save(image));
        Assert.False(store.Save(image));

        Assert.Single(log.Text.Split('\n'), l => l.Contains("cannot save the simulated meter registers"));
    }

    private sealed class HandClock : IClock
    {
        private readonly DateTime _epoch;

        public HandClock(DateTime epoch) => _epoch = epoch;

        public long NowMs { get; set; }

        public DateTime UtcNow => _epoch.AddMilliseconds(NowMs);
    }
}
