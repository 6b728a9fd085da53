namespace NesMep.Simulator.Optical;

/// <summary>What the Security service's password unlocked (reference §13.2, NES optical keys).</summary>
public enum OpticalAccess
{
    /// <summary>No or a wrong password: only BT00, BT01 and ET03.</summary>
    None = 0,

    /// <summary>RK, the read-only key: every table the simulator has.</summary>
    ReadOnly = 1,

    /// <summary>MK or PK: everything (writes are not simulated on the optical port).</summary>
    Full = 2,
}
