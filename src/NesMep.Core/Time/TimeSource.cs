namespace NesMep.Core.Time
{
    /// <summary>Where <see cref="WallClock"/> has its time from, best last.</summary>
    public static class TimeSource
    {
        /// <summary>Nothing yet: the platform's own clock (on the device the epoch it booted with).</summary>
        public const int None = 0;

        /// <summary>The meter's BT52 UTC clock (reference §5.8), read by the poller: the time before the network has answered.</summary>
        public const int Meter = 1;

        /// <summary>An SNTP server's answer.</summary>
        public const int Sntp = 2;

        public static string Name(int source)
        {
            switch (source)
            {
                case Meter:
                    return "meter";
                case Sntp:
                    return "sntp";
                default:
                    return "none";
            }
        }
    }
}
