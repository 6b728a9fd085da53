namespace NesMep.Core.Settings
{
    /// <summary>How the meter is read: the poll, link and data-quality settings of <see cref="SettingsTable"/>.</summary>
    public static partial class SettingsTable
    {
        public static SettingField MeterPort
        {
            get
            {
                return new SettingField(SettingId.MeterPort, "meter", "port", Choice, 0, 0, 0, "", MeterPorts,
                    Ui | Restart, SettingRule.None, "", "meter_port", "meter port");
            }
        }

        public static SettingField OpticalKey
        {
            get
            {
                return new SettingField(SettingId.OpticalKey, "optical", "key", Text, 0, 128, 0, "", null,
                    Ui | Restart | Secret, SettingRule.OpticalKey, "", "optical_key", "optical key");
            }
        }

        public static SettingField OpticalBaud
        {
            get
            {
                // §2.5: C12.18 sessions start at 9600 8N1; a faster rate is only used where the meter agrees.
                return new SettingField(SettingId.OpticalBaud, "optical", "baud", Int, 300, 115200, 9600, "", null,
                    Restart, SettingRule.None, "baud", null, "meter port");
            }
        }

        public static SettingField PollPowerMs
        {
            get
            {
                return new SettingField(SettingId.PollPowerMs, "poll", "power_interval_ms", Int, 200, 3600000, 1200, "", null,
                    Ui | Restart, SettingRule.None, "ms", "poll_power_ms", "poll schedule");
            }
        }

        public static SettingField PollEnergyMs
        {
            get
            {
                return new SettingField(SettingId.PollEnergyMs, "poll", "energy_interval_ms", Int, 200, 3600000, 8000, "", null,
                    Ui | Restart, SettingRule.None, "ms", "poll_energy_ms", "poll schedule");
            }
        }

        public static SettingField PollSlowMs
        {
            get
            {
                return new SettingField(SettingId.PollSlowMs, "poll", "slow_interval_ms", Int, 1000, 86400000, 60000, "", null,
                    Ui | Restart, SettingRule.None, "ms", "poll_slow_ms", "poll schedule");
            }
        }

        public static SettingField PollClockMs
        {
            get
            {
                return new SettingField(SettingId.PollClockMs, "poll", "clock_interval_ms", Int, 10000, 86400000, 3600000, "", null,
                    Restart, SettingRule.None, "ms", null, "poll schedule");
            }
        }

        public static SettingField PollConfigRetryMs
        {
            get
            {
                return new SettingField(SettingId.PollConfigRetryMs, "poll", "config_retry_ms", Int, 100, 3600000, 5000, "", null,
                    Restart, SettingRule.None, "ms", null, "poll schedule");
            }
        }

        public static SettingField PollAlertHoldoffMs
        {
            get
            {
                return new SettingField(SettingId.PollAlertHoldoffMs, "poll", "alert_holdoff_ms", Int, 1000, 3600000, 10000, "", null,
                    Restart, SettingRule.None, "ms", null, "poll schedule");
            }
        }

        public static SettingField PollHandleAlerts
        {
            get
            {
                return new SettingField(SettingId.PollHandleAlerts, "poll", "handle_alerts", Bool, 0, 1, 1, "", null,
                    Restart, SettingRule.None, "", null, "poll schedule");
            }
        }

        public static SettingField PollMergeGap
        {
            get
            {
                return new SettingField(SettingId.PollMergeGap, "poll", "merge_gap_values", Int, 0, 100, 8, "", null,
                    Restart, SettingRule.None, "values", null, "poll schedule");
            }
        }

        public static SettingField LinkResponseTimeoutMs
        {
            get
            {
                return new SettingField(SettingId.LinkResponseTimeoutMs, "link", "response_timeout_ms", Int, 100, 30000, 500, "", null,
                    Restart, SettingRule.None, "ms", null, "meter link");
            }
        }

        public static SettingField LinkInterByteGapMs
        {
            get
            {
                return new SettingField(SettingId.LinkInterByteGapMs, "link", "inter_byte_gap_ms", Int, 20, 5000, 100, "", null,
                    Restart, SettingRule.None, "ms", null, "meter link");
            }
        }

        public static SettingField LinkMinRequestGapMs
        {
            get
            {
                return new SettingField(SettingId.LinkMinRequestGapMs, "link", "min_request_gap_ms", Int, 0, 10000, 100, "", null,
                    Restart, SettingRule.None, "ms", null, "meter link");
            }
        }

        public static SettingField LinkSilentAttempts
        {
            get
            {
                return new SettingField(SettingId.LinkSilentAttempts, "link", "silent_attempts_before_reset", Int, 1, 100, 3, "", null,
                    Restart, SettingRule.None, "", null, "meter link");
            }
        }

        public static SettingField LinkMaxResets
        {
            get
            {
                return new SettingField(SettingId.LinkMaxResets, "link", "max_resets_per_request", Int, 1, 100, 3, "", null,
                    Restart, SettingRule.None, "", null, "meter link");
            }
        }

        public static SettingField LinkResetOffMs
        {
            get
            {
                return new SettingField(SettingId.LinkResetOffMs, "link", "reset_off_ms", Int, 0, 60000, 500, "", null,
                    Restart, SettingRule.None, "ms", null, "meter link");
            }
        }

        public static SettingField LinkResetSettleMs
        {
            get
            {
                return new SettingField(SettingId.LinkResetSettleMs, "link", "reset_settle_ms", Int, 0, 60000, 500, "", null,
                    Restart, SettingRule.None, "ms", null, "meter link");
            }
        }

        public static SettingField LinkMaxSequenceRetries
        {
            get
            {
                return new SettingField(SettingId.LinkMaxSequenceRetries, "link", "max_sequence_retries", Int, 1, 100, 3, "", null,
                    Restart, SettingRule.None, "", null, "meter link");
            }
        }

        public static SettingField LinkMaxBadReplies
        {
            get
            {
                return new SettingField(SettingId.LinkMaxBadReplies, "link", "max_bad_replies", Int, 1, 100, 4, "", null,
                    Restart, SettingRule.None, "", null, "meter link");
            }
        }

        public static SettingField LinkAuthBackoffMinMs
        {
            get
            {
                return new SettingField(SettingId.LinkAuthBackoffMinMs, "link", "auth_backoff_min_ms", Int, 100, 3600000, 2000, "", null,
                    Restart, SettingRule.None, "ms", null, "meter link");
            }
        }

        public static SettingField LinkAuthBackoffMaxMs
        {
            get
            {
                return new SettingField(SettingId.LinkAuthBackoffMaxMs, "link", "auth_backoff_max_ms", Int, 100, 3600000, 60000, "", null,
                    Restart, SettingRule.None, "ms", null, "meter link");
            }
        }

        public static SettingField QualityStaleAfterS
        {
            get
            {
                return new SettingField(SettingId.QualityStaleAfterS, "quality", "stale_after_s", Int, 1, 3600, 30, "", null,
                    Restart, SettingRule.None, "seconds", null, "quality limits");
            }
        }

        public static SettingField QualityMainFuseA
        {
            get
            {
                return new SettingField(SettingId.QualityMainFuseA, "quality", "main_fuse_a", Int, 1, 1000, 35, "", null,
                    Restart, SettingRule.None, "A", null, "quality limits");
            }
        }

        public static SettingField QualityPhases
        {
            get
            {
                return new SettingField(SettingId.QualityPhases, "quality", "phases", Int, 1, 3, 3, "", null,
                    Restart, SettingRule.None, "", null, "quality limits");
            }
        }

        public static SettingField QualityNominalVoltage
        {
            get
            {
                return new SettingField(SettingId.QualityNominalVoltage, "quality", "nominal_voltage", Int, 100, 500, 230, "", null,
                    Restart, SettingRule.None, "V", null, "quality limits");
            }
        }

        public static SettingField QualityHeadroomPercent
        {
            get
            {
                return new SettingField(SettingId.QualityHeadroomPercent, "quality", "headroom_percent", Int, 0, 1000, 50, "", null,
                    Restart, SettingRule.None, "%", null, "quality limits");
            }
        }

        public static SettingField QualityGraceWh
        {
            get
            {
                return new SettingField(SettingId.QualityGraceWh, "quality", "grace_wh", Int, 0, 10000, 5, "", null,
                    Restart, SettingRule.None, "Wh", null, "quality limits");
            }
        }

        public static SettingField QualityRebaselineAfter
        {
            get
            {
                return new SettingField(SettingId.QualityRebaselineAfter, "quality", "rebaseline_after", Int, 2, 1000, 5, "", null,
                    Restart, SettingRule.None, "readings", null, "quality limits");
            }
        }
    }
}
