namespace NesMep.Simulator;

/// <summary>
/// Which key authenticated a request. The meter tries the MAK first, then the MBK; the first
/// that verifies sets the level (reference §4.1).
/// </summary>
public enum AccessLevel
{
    /// <summary>Neither key verified the digest: the request is answered 0x0B.</summary>
    None = 0,

    /// <summary>MEP Basic Key: read everything, write BT07/ET50/ET51/ET52, call EP16/17/39/61.</summary>
    Basic = 1,

    /// <summary>MEP Advanced Key: read and write almost everything.</summary>
    Advanced = 2,
}
