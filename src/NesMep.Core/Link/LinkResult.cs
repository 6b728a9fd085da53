namespace NesMep.Core.Link
{
    /// <summary>How a transaction ended.</summary>
    public enum LinkResult
    {
        None = 0,

        /// <summary>Verified reply with code 0x00 that fits the request.</summary>
        Ok = 1,

        /// <summary>Verified reply with an error code (see MepLink.LastResponseCode).</summary>
        MeterError = 2,

        /// <summary>The meter answered 0x0B; the link backs off before the next request.</summary>
        AuthenticationFailed = 3,

        /// <summary>Retry limits exhausted (bad replies, endless 0x0C, or silence after MaxResetsPerRequest transceiver resets).</summary>
        Abandoned = 4,
    }
}
