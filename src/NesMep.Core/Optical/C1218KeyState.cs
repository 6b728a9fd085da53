namespace NesMep.Core.Optical
{
    /// <summary>What the Security service achieved in the current (or last) session.</summary>
    public enum C1218KeyState
    {
        /// <summary>No session has reached Security yet.</summary>
        Unknown = 0,

        /// <summary>No optical key is set: only BT00, BT01 and ET03 can be read (reference §13.2).</summary>
        NoKey = 1,

        /// <summary>The meter accepted the key (its MK, PK or RK).</summary>
        Accepted = 2,

        /// <summary>The meter refused the key: reads needing it answer isc.</summary>
        Refused = 3,
    }
}
