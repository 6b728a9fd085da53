namespace NesMep.Core.Provisioning
{
    /// <summary>The times of the provisioning machine, in one place (docs/firmware.md, "First boot, access point and setup security").</summary>
    public static class ProvisioningTimings
    {
        /// <summary>
        /// A station that has not joined for this long (since boot or since it lost the network) falls back to the
        /// access point: "a few minutes", long enough for a router that reboots (typically 1-2 minutes).
        /// </summary>
        public const long JoinTimeoutMs = 180000;

        /// <summary>While joining, the join is asked for again this often (a rejected or timed-out attempt).</summary>
        public const long JoinRetryMs = 30000;

        /// <summary>
        /// A fallback access point with no client for this long goes back to the station and tries again, so a
        /// module whose router was off for a while returns to the network by itself.
        /// </summary>
        public const long FallbackDwellMs = 600000;

        /// <summary>
        /// The first web password can be chosen for this long after boot or after a long button press (someone
        /// with the module in hand); after that the open access point still serves the portal but refuses setup.
        /// </summary>
        public const long SetupWindowMs = 1800000;

        /// <summary>A button held this long is a long press (shorter presses are ignored: bounces, a brush).</summary>
        public const long LongPressMs = 5000;

        /// <summary>A reboot waits this long after it is decided, so the web answer that caused it gets out first.</summary>
        public const long RebootDelayMs = 2000;

        /// <summary>A scan list older than this is refreshed when the setup page asks for it.</summary>
        public const long ScanMaxAgeMs = 30000;

        /// <summary>
        /// Boots in a row that found the radio not in the mode asked for before the machine stops rebooting and
        /// runs with the radio as it is (a configuration block that does not take the change must not reboot forever).
        /// </summary>
        public const int MaxSwitchReboots = 2;
    }
}
