using NesMep.Core.Network;
using NesMep.Core.Provisioning;
using NesMep.Core.Tests.Support;

namespace NesMep.Core.Tests.Provisioning;

/// <summary>
/// What the firmware does around <see cref="ProvisioningMachine"/>, on virtual time and an in-memory flash that can
/// lose power: the radio configuration block that takes effect at the next boot, reboots that build a new machine
/// from the same flash, the actions performed (joins succeed when <see cref="NetworkReachable"/>).
/// </summary>
public sealed class DeviceRig
{
    public const string RecordPath = "I:\\provisioning.txt";

    public static readonly byte[] Mac = { 0x24, 0x0A, 0xC4, 0xA1, 0xB2, 0xC3 };

    public FlakyFlash Flash { get; } = new();

    public VirtualClock Clock { get; } = new();

    public ListLog Log { get; } = new();

    /// <summary>The radio the configuration block holds: what the next boot comes up as.</summary>
    public int ConfiguredRadio = RadioMode.None;

    /// <summary>False: the configuration block ignores writes (a broken flash sector).</summary>
    public bool RadioWritable = true;

    public bool HasNetwork;
    public bool HasPassword;

    /// <summary>A join attempt succeeds (the router is up and the password right).</summary>
    public bool NetworkReachable;

    public int ActiveRadio { get; private set; }

    public ProvisioningMachine M { get; private set; } = null!;

    public List<string> Actions { get; } = new();

    public int Boots { get; private set; }

    public int State => M.State;

    public string StateName => ProvisioningState.Name(M.State);

    /// <summary>Power on (or the reboot an action asked for): a new machine on the same flash; performs the boot's action.</summary>
    public void PowerOn()
    {
        Boots++;
        if (Boots > 50)
        {
            throw new InvalidOperationException("reboot loop");
        }

        ActiveRadio = ConfiguredRadio;
        M = new ProvisioningMachine(Flash, RecordPath, AccessPoint.Ssid(Mac), Clock, Log);
        Perform(M.Boot(ActiveRadio, HasNetwork, HasPassword));
    }

    public void Perform(int action)
    {
        Actions.Add(ProvisioningAction.Name(action));
        switch (action)
        {
            case ProvisioningAction.Reboot:
                if (RadioWritable)
                {
                    ConfiguredRadio = M.WantedRadio;
                }

                PowerOn();
                break;
            case ProvisioningAction.JoinStation:
                if (NetworkReachable && HasNetwork)
                {
                    M.StationJoined();
                }

                break;
        }
    }

    /// <summary>Runs the firmware's supervisor for <paramref name="ms"/>: steps at the machine's due times, performing what it asks.</summary>
    public void Run(long ms)
    {
        long end = Clock.NowMs + ms;
        for (int guard = 0; guard < 100000; guard++)
        {
            int action = M.Step();
            if (action != ProvisioningAction.None)
            {
                Perform(action);
                continue;
            }

            long due = M.NextDueMs;
            if (due > end)
            {
                Clock.NowMs = end;
                return;
            }

            if (due <= Clock.NowMs)
            {
                throw new InvalidOperationException("the machine is due now but did nothing (state " + StateName + ")");
            }

            Clock.NowMs = due;
        }

        throw new InvalidOperationException("supervisor did not settle");
    }

    /// <summary>A module that has been through the first setup on its access point and joined its network.</summary>
    public static DeviceRig Connected()
    {
        var rig = InSetup();
        rig.HasNetwork = true;
        rig.HasPassword = true;
        rig.NetworkReachable = true;
        if (rig.M.FinishSetup(true, true) != null)
        {
            throw new InvalidOperationException("setup not finished");
        }

        rig.Run(ProvisioningTimings.RebootDelayMs);
        if (rig.M.State != ProvisioningState.Connected)
        {
            throw new InvalidOperationException("not connected: " + rig.StateName);
        }

        return rig;
    }

    /// <summary>A fresh module on its setup access point.</summary>
    public static DeviceRig InSetup()
    {
        var rig = new DeviceRig();
        rig.PowerOn();
        return rig;
    }
}
