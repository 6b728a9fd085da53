namespace NesMep.Core.Link
{
    /// <summary>How a table request ended, on any link (<see cref="ITableService.LastResult"/>).</summary>
    public enum LinkResult
    {
        None = 0,

        /// <summary>Verified reply with code 0x00 that fits the request (MEP digest, C12.18 CRC and checksum).</summary>
        Ok = 1,

        /// <summary>Verified reply with an error code (see <see cref="ITableService.LastResponseCode"/>).</summary>
        MeterError = 2,

        /// <summary>The meter refused the key (MEP 0x0B, C12.18 Security); the link backs off before the next request.</summary>
        AuthenticationFailed = 3,

        /// <summary>Retry limits exhausted (bad replies, NAKs, endless 0x0C, or silence after the link's resets).</summary>
        Abandoned = 4,
    }
}
