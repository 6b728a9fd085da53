using NesMep.Core.Platform;
using NesMep.Core.Protocol;
using NesMep.Simulator;

namespace NesMep.Host.Service;

/// <summary>Builds the simulated meter from the host settings (profile, solar, fault rates).</summary>
public static class SimulatorFactory
{
    /// <summary>
    /// With a <paramref name="stateDir"/> the energy registers continue from the last run (see
    /// <see cref="SimulatorRegisterFile"/>); throws <see cref="InvalidDataException"/> when that file is unreadable.
    /// </summary>
    public static MeterSimulator Create(IClock clock, string profile, bool solar, string faults, MepKey mbk, string? stateDir = null, ILog? log = null)
    {
        var options = new SimulatorOptions
        {
            Profile = profile switch
            {
                "gen3-demand" => MeterProfile.Gen3Demand(),
                "gen4" => MeterProfile.Gen4(),
                _ => MeterProfile.Gen3Basic(),
            },
            Mbk = mbk,
        };
        options.Household.Solar = solar;
        if (faults == "realistic")
        {
            options.Faults.ApplyRealistic();
        }

        var meter = new MeterSimulator(clock, options);
        if (stateDir != null)
        {
            meter.KeepRegisters(new SimulatorRegisterFile(stateDir, profile, log ?? NullLog.Instance));
        }

        return meter;
    }
}
