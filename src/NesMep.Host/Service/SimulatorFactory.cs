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
            ApplyRealisticFaults(options.Faults);
        }

        return new MeterSimulator(clock, options);
    }

    /// <summary>
    /// Fault rates meant to look like a bad day on a real installation: a few percent of replies
    /// damaged or lost, an occasional lock-up and IDT bump, a little line noise.
    /// </summary>
    public static void ApplyRealisticFaults(FaultOptions f)
    {
        f.ByteLossRate = 0.0001;
        f.ByteCorruptionRate = 0.0002;
        f.DropReplyRate = 0.005;
        f.LateReplyRate = 0.005;
        f.DuplicateReplyRate = 0.002;
        f.LockUpRate = 0.0002;
        f.SequenceJumpRate = 0.0001;
        f.NoiseRatePerSecond = 0.01;
    }
}
