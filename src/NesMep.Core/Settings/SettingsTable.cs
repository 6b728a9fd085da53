namespace NesMep.Core.Settings
{
    /// <summary>
    /// Every setting of the module, once: name, type, default, range or allowed values, secret or
    /// not, restart or not, web form field. The settings classes (LinkSettings, PollSettings,
    /// QualitySettings, MqttSettings, ModuleSettings) take their defaults from here, the validator
    /// its ranges and messages, the web UI its form limits (GET /api/v1/settings), the codec its
    /// names, and docs/configuration.md its table (a test compares them).
    /// </summary>
    public static class SettingsTable
    {
        private const int Int = SettingField.KindInt;
        private const int Bool = SettingField.KindBool;
        private const int Text = SettingField.KindText;
        private const int Choice = SettingField.KindChoice;
        private const int DeviceOnly = SettingField.DeviceOnly;
        private const int Ui = SettingField.Ui;
        private const int Restart = SettingField.Restart;
        private const int Secret = SettingField.Secret;

        /// <summary>Index = MqttSettings.ModeInterval / ModeOnChange.</summary>
        public static readonly string[] PublishModes = new string[] { "interval", "on_change" };

        public static readonly string[] BoardProfiles = new string[] { "dabbler", "ustepper", "custom" };

        /// <summary>Index 0: ENABLE high powers the port.</summary>
        public static readonly string[] Polarities = new string[] { "active-high", "active-low" };

        /// <summary>Index = (int)LogLevel.</summary>
        public static readonly string[] LogLevels = new string[] { "debug", "info", "warning", "error" };

        public static readonly SettingField WifiSsid = new SettingField(SettingId.WifiSsid, "wifi", "ssid", Text, 0, 32, 0, "", null,
            DeviceOnly | Ui | Restart, SettingRule.Ssid, "", "wifi_ssid", "Wi-Fi");

        public static readonly SettingField WifiPassword = new SettingField(SettingId.WifiPassword, "wifi", "password", Text, 0, 64, 0, "", null,
            DeviceOnly | Ui | Restart | Secret, SettingRule.WifiPassword, "", "wifi_password", "Wi-Fi");

        public static readonly SettingField MeterKey = new SettingField(SettingId.MeterKey, "meter", "key", Text, 0, 128, 0, "", null,
            Ui | Restart | Secret, SettingRule.MeterKey, "", "meter_key", "meter key");

        public static readonly SettingField MeterBaud = new SettingField(SettingId.MeterBaud, "meter", "baud", Int, 300, 115200, 9600, "", null,
            Restart, SettingRule.None, "baud", null, "meter link");

        public static readonly SettingField Hostname = new SettingField(SettingId.Hostname, "web", "hostname", Text, 0, 63, 0, "esp32-mep", null,
            Ui | Restart, SettingRule.HostName, "", "hostname", "host name");

        public static readonly SettingField MqttEnabled = new SettingField(SettingId.MqttEnabled, "mqtt", "enabled", Bool, 0, 1, 0, "", null,
            Ui | Restart, SettingRule.None, "", "mqtt_enabled", "MQTT");

        public static readonly SettingField MqttHost = new SettingField(SettingId.MqttHost, "mqtt", "host", Text, 0, NesMep.Core.Mqtt.BrokerHost.MaxLength, 0, "", null,
            Ui | Restart, SettingRule.BrokerHost, "", "mqtt_host", "MQTT");

        public static readonly SettingField MqttPort = new SettingField(SettingId.MqttPort, "mqtt", "port", Int, 0, 65535, 0, "", null,
            Ui | Restart, SettingRule.None, "(0: 1883, or 8883 with TLS)", "mqtt_port", "MQTT");

        public static readonly SettingField MqttTls = new SettingField(SettingId.MqttTls, "mqtt", "tls", Bool, 0, 1, 0, "", null,
            Ui | Restart, SettingRule.None, "", "mqtt_tls", "MQTT");

        public static readonly SettingField MqttUser = new SettingField(SettingId.MqttUser, "mqtt", "user", Text, 0, 128, 0, "", null,
            Ui | Restart, SettingRule.None, "", "mqtt_user", "MQTT");

        public static readonly SettingField MqttPassword = new SettingField(SettingId.MqttPassword, "mqtt", "password", Text, 0, 128, 0, "", null,
            Ui | Restart | Secret, SettingRule.None, "", "mqtt_password", "MQTT");

        public static readonly SettingField MqttClientId = new SettingField(SettingId.MqttClientId, "mqtt", "client_id", Text, 0, 64, 0, "", null,
            Ui | Restart, SettingRule.ClientId, "", "mqtt_client_id", "MQTT");

        public static readonly SettingField MqttBaseTopic = new SettingField(SettingId.MqttBaseTopic, "mqtt", "base_topic", Text, 0, 64, 0, "nesmep", null,
            Ui | Restart, SettingRule.TopicPrefix, "", "mqtt_base_topic", "MQTT");

        public static readonly SettingField MqttDiscovery = new SettingField(SettingId.MqttDiscovery, "mqtt", "discovery", Bool, 0, 1, 1, "", null,
            Ui | Restart, SettingRule.None, "", "mqtt_discovery", "MQTT");

        public static readonly SettingField MqttDiscoveryPrefix = new SettingField(SettingId.MqttDiscoveryPrefix, "mqtt", "discovery_prefix", Text, 0, 64, 0, "homeassistant", null,
            Ui | Restart, SettingRule.TopicPrefix, "", "mqtt_discovery_prefix", "MQTT");

        public static readonly SettingField MqttPublishMode = new SettingField(SettingId.MqttPublishMode, "mqtt", "publish_mode", Choice, 0, 0, 0, "", PublishModes,
            Ui | Restart, SettingRule.None, "", "mqtt_publish_mode", "MQTT");

        public static readonly SettingField MqttIntervalS = new SettingField(SettingId.MqttIntervalS, "mqtt", "interval_s", Int, 1, 3600, 10, "", null,
            Ui | Restart, SettingRule.None, "seconds", "mqtt_interval_s", "MQTT");

        public static readonly SettingField MqttMinIntervalS = new SettingField(SettingId.MqttMinIntervalS, "mqtt", "min_interval_s", Int, 0, 3600, 1, "", null,
            Ui | Restart, SettingRule.None, "seconds", "mqtt_min_interval_s", "MQTT");

        public static readonly SettingField MqttKeepAliveS = new SettingField(SettingId.MqttKeepAliveS, "mqtt", "keep_alive_s", Int, 5, 3600, 60, "", null,
            Restart, SettingRule.None, "seconds", null, "MQTT");

        public static readonly SettingField MqttCaFile = new SettingField(SettingId.MqttCaFile, "mqtt", "ca_file", Text, 0, 1024, 0, "", null,
            Restart, SettingRule.None, "", null, "MQTT");

        public static readonly SettingField MqttClientCert = new SettingField(SettingId.MqttClientCert, "mqtt", "client_cert", Text, 0, 1024, 0, "", null,
            Restart, SettingRule.None, "", null, "MQTT");

        public static readonly SettingField MqttClientKey = new SettingField(SettingId.MqttClientKey, "mqtt", "client_key", Text, 0, 1024, 0, "", null,
            Restart, SettingRule.None, "", null, "MQTT");

        public static readonly SettingField MqttConfigurationUrl = new SettingField(SettingId.MqttConfigurationUrl, "mqtt", "configuration_url", Text, 0, 1024, 0, "", null,
            Restart, SettingRule.HttpUrl, "", null, "MQTT");

        public static readonly SettingField PollPowerMs = new SettingField(SettingId.PollPowerMs, "poll", "power_interval_ms", Int, 200, 3600000, 1200, "", null,
            Ui | Restart, SettingRule.None, "ms", "poll_power_ms", "poll schedule");

        public static readonly SettingField PollEnergyMs = new SettingField(SettingId.PollEnergyMs, "poll", "energy_interval_ms", Int, 200, 3600000, 8000, "", null,
            Ui | Restart, SettingRule.None, "ms", "poll_energy_ms", "poll schedule");

        public static readonly SettingField PollSlowMs = new SettingField(SettingId.PollSlowMs, "poll", "slow_interval_ms", Int, 1000, 86400000, 60000, "", null,
            Ui | Restart, SettingRule.None, "ms", "poll_slow_ms", "poll schedule");

        public static readonly SettingField PollClockMs = new SettingField(SettingId.PollClockMs, "poll", "clock_interval_ms", Int, 10000, 86400000, 3600000, "", null,
            Restart, SettingRule.None, "ms", null, "poll schedule");

        public static readonly SettingField PollConfigRetryMs = new SettingField(SettingId.PollConfigRetryMs, "poll", "config_retry_ms", Int, 100, 3600000, 5000, "", null,
            Restart, SettingRule.None, "ms", null, "poll schedule");

        public static readonly SettingField PollAlertHoldoffMs = new SettingField(SettingId.PollAlertHoldoffMs, "poll", "alert_holdoff_ms", Int, 1000, 3600000, 10000, "", null,
            Restart, SettingRule.None, "ms", null, "poll schedule");

        public static readonly SettingField PollHandleAlerts = new SettingField(SettingId.PollHandleAlerts, "poll", "handle_alerts", Bool, 0, 1, 1, "", null,
            Restart, SettingRule.None, "", null, "poll schedule");

        public static readonly SettingField PollMergeGap = new SettingField(SettingId.PollMergeGap, "poll", "merge_gap_values", Int, 0, 100, 8, "", null,
            Restart, SettingRule.None, "values", null, "poll schedule");

        public static readonly SettingField LinkResponseTimeoutMs = new SettingField(SettingId.LinkResponseTimeoutMs, "link", "response_timeout_ms", Int, 100, 30000, 500, "", null,
            Restart, SettingRule.None, "ms", null, "meter link");

        public static readonly SettingField LinkInterByteGapMs = new SettingField(SettingId.LinkInterByteGapMs, "link", "inter_byte_gap_ms", Int, 20, 5000, 100, "", null,
            Restart, SettingRule.None, "ms", null, "meter link");

        public static readonly SettingField LinkMinRequestGapMs = new SettingField(SettingId.LinkMinRequestGapMs, "link", "min_request_gap_ms", Int, 0, 10000, 100, "", null,
            Restart, SettingRule.None, "ms", null, "meter link");

        public static readonly SettingField LinkSilentAttempts = new SettingField(SettingId.LinkSilentAttempts, "link", "silent_attempts_before_reset", Int, 1, 100, 3, "", null,
            Restart, SettingRule.None, "", null, "meter link");

        public static readonly SettingField LinkMaxResets = new SettingField(SettingId.LinkMaxResets, "link", "max_resets_per_request", Int, 1, 100, 3, "", null,
            Restart, SettingRule.None, "", null, "meter link");

        public static readonly SettingField LinkResetOffMs = new SettingField(SettingId.LinkResetOffMs, "link", "reset_off_ms", Int, 0, 60000, 500, "", null,
            Restart, SettingRule.None, "ms", null, "meter link");

        public static readonly SettingField LinkResetSettleMs = new SettingField(SettingId.LinkResetSettleMs, "link", "reset_settle_ms", Int, 0, 60000, 500, "", null,
            Restart, SettingRule.None, "ms", null, "meter link");

        public static readonly SettingField LinkMaxSequenceRetries = new SettingField(SettingId.LinkMaxSequenceRetries, "link", "max_sequence_retries", Int, 1, 100, 3, "", null,
            Restart, SettingRule.None, "", null, "meter link");

        public static readonly SettingField LinkMaxBadReplies = new SettingField(SettingId.LinkMaxBadReplies, "link", "max_bad_replies", Int, 1, 100, 4, "", null,
            Restart, SettingRule.None, "", null, "meter link");

        public static readonly SettingField LinkAuthBackoffMinMs = new SettingField(SettingId.LinkAuthBackoffMinMs, "link", "auth_backoff_min_ms", Int, 100, 3600000, 2000, "", null,
            Restart, SettingRule.None, "ms", null, "meter link");

        public static readonly SettingField LinkAuthBackoffMaxMs = new SettingField(SettingId.LinkAuthBackoffMaxMs, "link", "auth_backoff_max_ms", Int, 100, 3600000, 60000, "", null,
            Restart, SettingRule.None, "ms", null, "meter link");

        public static readonly SettingField QualityStaleAfterS = new SettingField(SettingId.QualityStaleAfterS, "quality", "stale_after_s", Int, 1, 3600, 30, "", null,
            Restart, SettingRule.None, "seconds", null, "quality limits");

        public static readonly SettingField QualityMainFuseA = new SettingField(SettingId.QualityMainFuseA, "quality", "main_fuse_a", Int, 1, 1000, 35, "", null,
            Restart, SettingRule.None, "A", null, "quality limits");

        public static readonly SettingField QualityPhases = new SettingField(SettingId.QualityPhases, "quality", "phases", Int, 1, 3, 3, "", null,
            Restart, SettingRule.None, "", null, "quality limits");

        public static readonly SettingField QualityNominalVoltage = new SettingField(SettingId.QualityNominalVoltage, "quality", "nominal_voltage", Int, 100, 500, 230, "", null,
            Restart, SettingRule.None, "V", null, "quality limits");

        public static readonly SettingField QualityHeadroomPercent = new SettingField(SettingId.QualityHeadroomPercent, "quality", "headroom_percent", Int, 0, 1000, 50, "", null,
            Restart, SettingRule.None, "%", null, "quality limits");

        public static readonly SettingField QualityGraceWh = new SettingField(SettingId.QualityGraceWh, "quality", "grace_wh", Int, 0, 10000, 5, "", null,
            Restart, SettingRule.None, "Wh", null, "quality limits");

        public static readonly SettingField QualityRebaselineAfter = new SettingField(SettingId.QualityRebaselineAfter, "quality", "rebaseline_after", Int, 2, 1000, 5, "", null,
            Restart, SettingRule.None, "readings", null, "quality limits");

        public static readonly SettingField BoardProfile = new SettingField(SettingId.BoardProfile, "board", "profile", Choice, 0, 0, 0, "", BoardProfiles,
            DeviceOnly | Restart, SettingRule.None, "", null, "board");

        public static readonly SettingField BoardRxPin = new SettingField(SettingId.BoardRxPin, "board", "rx_pin", Int, -1, 48, -1, "", null,
            DeviceOnly | Restart, SettingRule.None, "(-1: the profile's pin)", null, "board");

        public static readonly SettingField BoardTxPin = new SettingField(SettingId.BoardTxPin, "board", "tx_pin", Int, -1, 48, -1, "", null,
            DeviceOnly | Restart, SettingRule.None, "(-1: the profile's pin)", null, "board");

        public static readonly SettingField BoardEnablePin = new SettingField(SettingId.BoardEnablePin, "board", "enable_pin", Int, -1, 48, -1, "", null,
            DeviceOnly | Restart, SettingRule.None, "(-1: the profile's pin)", null, "board");

        public static readonly SettingField BoardEnableActive = new SettingField(SettingId.BoardEnableActive, "board", "enable_active", Choice, 0, 0, 0, "", Polarities,
            DeviceOnly | Restart, SettingRule.None, "", null, "board");

        public static readonly SettingField BoardSupplyPin = new SettingField(SettingId.BoardSupplyPin, "board", "supply_pin", Int, -1, 48, -1, "", null,
            DeviceOnly | Restart, SettingRule.None, "(-1: none)", null, "board");

        public static readonly SettingField TimeServers = new SettingField(SettingId.TimeServers, "time", "servers", Text, 0, 255, 0, "pool.ntp.org", null,
            DeviceOnly | Restart, SettingRule.TimeServers, "", null, "time servers");

        public static readonly SettingField LogLevel = new SettingField(SettingId.LogLevel, "log", "level", Choice, 0, 0, 1, "", LogLevels,
            Restart, SettingRule.None, "", null, "log level");

        public static readonly SettingField WebPasswordHash = new SettingField(SettingId.WebPasswordHash, "web", "password_hash", Text, 0, 256, 0, "", null,
            Ui | Secret, SettingRule.Hash, "", null, "web password");

        public static readonly SettingField RequireApiToken = new SettingField(SettingId.RequireApiToken, "web", "require_api_token", Bool, 0, 1, 0, "", null,
            Ui, SettingRule.None, "", "require_api_token", "API token");

        public static readonly SettingField ApiTokenHash = new SettingField(SettingId.ApiTokenHash, "web", "api_token_hash", Text, 0, 256, 0, "", null,
            Ui | Secret, SettingRule.Hash, "", null, "API token");

        /// <summary>Every setting, indexed by <see cref="SettingId"/>; the order of files, messages and the docs table.</summary>
        public static readonly SettingField[] All = new SettingField[]
        {
            WifiSsid,
            WifiPassword,
            MeterKey,
            MeterBaud,
            Hostname,
            MqttEnabled,
            MqttHost,
            MqttPort,
            MqttTls,
            MqttUser,
            MqttPassword,
            MqttClientId,
            MqttBaseTopic,
            MqttDiscovery,
            MqttDiscoveryPrefix,
            MqttPublishMode,
            MqttIntervalS,
            MqttMinIntervalS,
            MqttKeepAliveS,
            MqttCaFile,
            MqttClientCert,
            MqttClientKey,
            MqttConfigurationUrl,
            PollPowerMs,
            PollEnergyMs,
            PollSlowMs,
            PollClockMs,
            PollConfigRetryMs,
            PollAlertHoldoffMs,
            PollHandleAlerts,
            PollMergeGap,
            LinkResponseTimeoutMs,
            LinkInterByteGapMs,
            LinkMinRequestGapMs,
            LinkSilentAttempts,
            LinkMaxResets,
            LinkResetOffMs,
            LinkResetSettleMs,
            LinkMaxSequenceRetries,
            LinkMaxBadReplies,
            LinkAuthBackoffMinMs,
            LinkAuthBackoffMaxMs,
            QualityStaleAfterS,
            QualityMainFuseA,
            QualityPhases,
            QualityNominalVoltage,
            QualityHeadroomPercent,
            QualityGraceWh,
            QualityRebaselineAfter,
            BoardProfile,
            BoardRxPin,
            BoardTxPin,
            BoardEnablePin,
            BoardEnableActive,
            BoardSupplyPin,
            TimeServers,
            LogLevel,
            WebPasswordHash,
            RequireApiToken,
            ApiTokenHash,
        };

        /// <summary>The setting named "section.key", or null.</summary>
        public static SettingField? Find(string name)
        {
            foreach (SettingField f in All)
            {
                if (f.Name == name)
                {
                    return f;
                }
            }

            return null;
        }

        /// <summary>The setting edited by web form field <paramref name="form"/>, or null.</summary>
        public static SettingField? FindForm(string form)
        {
            foreach (SettingField f in All)
            {
                if (f.Form == form)
                {
                    return f;
                }
            }

            return null;
        }
    }
}
