using NesMep.Core.Platform;
using NesMep.Core.Protocol;
using NesMep.Simulator;

namespace NesMep.Host.Service;

/// <summary>Builds the simulated meter from the host settings (profile, solar, fault rates).</summary>
public static class SimulatorFactory
{
    public static MeterSimulator Create(IClock clock, string profile, bool solar, string faults, MepKey mbk)
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

        return new MeterSimulator(clock, options);
    }
}
