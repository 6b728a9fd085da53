namespace NesMep.Core.Polling
{
    /// <summary>
    /// The read schedule. Defaults keep the average at or under one table read per second, as the
    /// guide recommends (§3.8): power values every 1.2 s, energy every 8 s, averages every minute,
    /// the meter clock hourly.
    /// </summary>
    public sealed class PollSettings
    {
        /// <summary>BT28 read of power, per-phase power, current, voltage, frequency, power factor.</summary>
        public int PowerIntervalMs = 1200;

        /// <summary>BT23 read of the energy registers.</summary>
        public int EnergyIntervalMs = 8000;

        /// <summary>BT28 read of the remaining values (averages, reactive, apparent power).</summary>
        public int SlowIntervalMs = 60000;

        /// <summary>BT52 read to keep the meter clock (§4.7).</summary>
        public int ClockIntervalMs = 3600000;

        /// <summary>Wait before retrying a configuration read that failed.</summary>
        public int ConfigRetryMs = 5000;

        /// <summary>Alerts repeat every second while pending; handle at most one per this interval.</summary>
        public int AlertHoldoffMs = 10000;

        /// <summary>Whether 00 00 alerts are acted on (ET13 flags, EP39 where documented).</summary>
        public bool HandleAlerts = true;

        /// <summary>BT28 values closer than this many INT32 positions are read in one request.</summary>
        public int MergeGapValues = 8;

        public string? Validate()
        {
            if (PowerIntervalMs < 200 || PowerIntervalMs > 3600000)
            {
                return "power interval must be 200 ms..1 h";
            }

            if (EnergyIntervalMs < 200 || EnergyIntervalMs > 3600000)
            {
                return "energy interval must be 200 ms..1 h";
            }

            if (SlowIntervalMs < 1000 || SlowIntervalMs > 86400000)
            {
                return "slow interval must be 1 s..24 h";
            }

            if (ClockIntervalMs < 10000 || ClockIntervalMs > 86400000)
            {
                return "clock interval must be 10 s..24 h";
            }

            if (ConfigRetryMs < 100 || AlertHoldoffMs < 1000)
            {
                return "config retry must be ≥ 100 ms and alert hold-off ≥ 1 s";
            }

            if (MergeGapValues < 0 || MergeGapValues > 100)
            {
                return "merge gap must be 0..100 values";
            }

            return null;
        }

        /// <summary>Average table reads per second of the steady schedule (one request per group).</summary>
        public double ReadsPerSecond(int powerReads, int slowReads)
        {
            return powerReads * 1000.0 / PowerIntervalMs + 1000.0 / EnergyIntervalMs +
                   slowReads * 1000.0 / SlowIntervalMs + 1000.0 / ClockIntervalMs;
        }
    }
}
