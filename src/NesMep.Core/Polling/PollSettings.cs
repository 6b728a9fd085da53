using NesMep.Core.Settings;
using NesMep.Core.Web;

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
        public int PowerIntervalMs = SettingsTable.PollPowerMs.DefaultInt;

        /// <summary>BT23 read of the energy registers.</summary>
        public int EnergyIntervalMs = SettingsTable.PollEnergyMs.DefaultInt;

        /// <summary>BT28 read of the remaining values (averages, reactive, apparent power).</summary>
        public int SlowIntervalMs = SettingsTable.PollSlowMs.DefaultInt;

        /// <summary>BT52 read to keep the meter clock (§4.7).</summary>
        public int ClockIntervalMs = SettingsTable.PollClockMs.DefaultInt;

        /// <summary>Wait before retrying a configuration read that failed.</summary>
        public int ConfigRetryMs = SettingsTable.PollConfigRetryMs.DefaultInt;

        /// <summary>Alerts repeat every second while pending; handle at most one per this interval.</summary>
        public int AlertHoldoffMs = SettingsTable.PollAlertHoldoffMs.DefaultInt;

        /// <summary>Whether 00 00 alerts are acted on (ET13 flags, EP39 where documented).</summary>
        public bool HandleAlerts = SettingsTable.PollHandleAlerts.DefaultInt != 0;

        /// <summary>BT28 values closer than this many INT32 positions are read in one request.</summary>
        public int MergeGapValues = SettingsTable.PollMergeGap.DefaultInt;

        /// <summary>Null when valid, else the first problem as "section.key: what is wrong (allowed)" (ranges in SettingsTable).</summary>
        public string? Validate()
        {
            ModuleSettings s = new ModuleSettings();
            s.Poll = this;
            return SettingsValidator.FirstError(s, true);
        }

        /// <summary>Average table reads per second of the steady schedule (one request per group).</summary>
        public double ReadsPerSecond(int powerReads, int slowReads)
        {
            return powerReads * 1000.0 / PowerIntervalMs + 1000.0 / EnergyIntervalMs +
                   slowReads * 1000.0 / SlowIntervalMs + 1000.0 / ClockIntervalMs;
        }
    }
}
