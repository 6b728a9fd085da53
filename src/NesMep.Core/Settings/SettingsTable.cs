namespace NesMep.Core.Settings
{
    /// <summary>
    /// Every setting of the module, once: name, type, default, range or allowed values, secret or
    /// not, restart or not, web form field. The settings classes (LinkSettings, PollSettings,
    /// QualitySettings, MqttSettings, ModuleSettings) take their defaults from here, the validator
    /// its ranges and messages, the web UI its form limits (GET /api/v1/settings), the codec its
    /// names, and docs/configuration.md its table (a test compares them).
    /// Each descriptor is built when asked for, not kept: held in static fields the 60 of them were the
    /// largest heap kept at boot (about 16 KB in the benchmark's --statics proxy; issue 10 allows 4 KB for
    /// all statics), while they are only needed to load, check and save settings. Cache All in a local.
    /// </summary>
    public static partial class SettingsTable
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

        /// <summary>Index = ModuleSettings.MeterPort: which port the meter is read through (LinkKind names).</summary>
        public static readonly string[] MeterPorts = new string[] { NesMep.Core.Link.LinkKind.Mep, NesMep.Core.Link.LinkKind.Optical };

        public static readonly string[] BoardProfiles = new string[] { "dabbler", "ustepper", "custom" };

        /// <summary>Index 0: ENABLE high powers the port.</summary>
        public static readonly string[] Polarities = new string[] { "active-high", "active-low" };

        /// <summary>Index = (int)LogLevel.</summary>
        public static readonly string[] LogLevels = new string[] { "debug", "info", "warning", "error" };

        public static SettingField WifiSsid
        {
            get
            {
                return new SettingField(SettingId.WifiSsid, "wifi", "ssid", Text, 0, 32, 0, "", null,
                    DeviceOnly | Ui | Restart, SettingRule.Ssid, "", "wifi_ssid", "Wi-Fi");
            }
        }

        public static SettingField WifiPassword
        {
            get
            {
                return new SettingField(SettingId.WifiPassword, "wifi", "password", Text, 0, 64, 0, "", null,
                    DeviceOnly | Ui | Restart | Secret, SettingRule.WifiPassword, "", "wifi_password", "Wi-Fi");
            }
        }

        public static SettingField MeterKey
        {
            get
            {
                return new SettingField(SettingId.MeterKey, "meter", "key", Text, 0, 128, 0, "", null,
                    Ui | Restart | Secret, SettingRule.MeterKey, "", "meter_key", "meter key");
            }
        }

        public static SettingField MeterBaud
        {
            get
            {
                return new SettingField(SettingId.MeterBaud, "meter", "baud", Int, 300, 115200, 9600, "", null,
                    Restart, SettingRule.None, "baud", null, "meter link");
            }
        }

        public static SettingField Hostname
        {
            get
            {
                return new SettingField(SettingId.Hostname, "web", "hostname", Text, 0, 63, 0, "esp32-mep", null,
                    Ui | Restart, SettingRule.HostName, "", "hostname", "host name");
            }
        }

        public static SettingField BoardProfile
        {
            get
            {
                return new SettingField(SettingId.BoardProfile, "board", "profile", Choice, 0, 0, 0, "", BoardProfiles,
                    DeviceOnly | Restart, SettingRule.None, "", null, "board");
            }
        }

        public static SettingField BoardRxPin
        {
            get
            {
                return new SettingField(SettingId.BoardRxPin, "board", "rx_pin", Int, -1, 48, -1, "", null,
                    DeviceOnly | Restart, SettingRule.None, "(-1: the profile's pin)", null, "board");
            }
        }

        public static SettingField BoardTxPin
        {
            get
            {
                return new SettingField(SettingId.BoardTxPin, "board", "tx_pin", Int, -1, 48, -1, "", null,
                    DeviceOnly | Restart, SettingRule.None, "(-1: the profile's pin)", null, "board");
            }
        }

        public static SettingField BoardEnablePin
        {
            get
            {
                return new SettingField(SettingId.BoardEnablePin, "board", "enable_pin", Int, -1, 48, -1, "", null,
                    DeviceOnly | Restart, SettingRule.None, "(-1: the profile's pin)", null, "board");
            }
        }

        public static SettingField BoardEnableActive
        {
            get
            {
                return new SettingField(SettingId.BoardEnableActive, "board", "enable_active", Choice, 0, 0, 0, "", Polarities,
                    DeviceOnly | Restart, SettingRule.None, "", null, "board");
            }
        }

        public static SettingField BoardSupplyPin
        {
            get
            {
                return new SettingField(SettingId.BoardSupplyPin, "board", "supply_pin", Int, -1, 48, -1, "", null,
                    DeviceOnly | Restart, SettingRule.None, "(-1: none)", null, "board");
            }
        }

        /// <summary>Status LED (docs/firmware.md, "Status LED"): neither module documents one, so none by default.</summary>
        public static SettingField BoardLedPin
        {
            get
            {
                return new SettingField(SettingId.BoardLedPin, "board", "led_pin", Int, -1, 48, -1, "", null,
                    DeviceOnly | Restart, SettingRule.None, "(-1: none)", null, "board");
            }
        }

        public static SettingField TimeServers
        {
            get
            {
                return new SettingField(SettingId.TimeServers, "time", "servers", Text, 0, 255, 0, "pool.ntp.org", null,
                    DeviceOnly | Restart, SettingRule.TimeServers, "", null, "time servers");
            }
        }

        public static SettingField LogLevel
        {
            get
            {
                return new SettingField(SettingId.LogLevel, "log", "level", Choice, 0, 0, 1, "", LogLevels,
                    Restart, SettingRule.None, "", null, "log level");
            }
        }

        public static SettingField WebPasswordHash
        {
            get
            {
                return new SettingField(SettingId.WebPasswordHash, "web", "password_hash", Text, 0, 256, 0, "", null,
                    Ui | Secret, SettingRule.Hash, "", null, "web password");
            }
        }

        public static SettingField RequireApiToken
        {
            get
            {
                return new SettingField(SettingId.RequireApiToken, "web", "require_api_token", Bool, 0, 1, 0, "", null,
                    Ui, SettingRule.None, "", "require_api_token", "API token");
            }
        }

        public static SettingField ApiTokenHash
        {
            get
            {
                return new SettingField(SettingId.ApiTokenHash, "web", "api_token_hash", Text, 0, 256, 0, "", null,
                    Ui | Secret, SettingRule.Hash, "", null, "API token");
            }
        }

        /// <summary>Every setting, indexed by <see cref="SettingId"/>; the order of files, messages and the docs table.</summary>
        public static SettingField[] All
        {
            get
            {
                return new SettingField[]
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
                    MeterPort,
                    OpticalKey,
                    OpticalBaud,
                    BoardLedPin,
                };
            }
        }

        /// <summary>The setting named "section.key" in <paramref name="all"/> (a cached <see cref="All"/>), or null.</summary>
        public static SettingField? Find(SettingField[] all, string name)
        {
            foreach (SettingField f in all)
            {
                if (f.Name == name)
                {
                    return f;
                }
            }

            return null;
        }

        /// <summary>The setting edited by web form field <paramref name="form"/> in <paramref name="all"/> (a cached <see cref="All"/>), or null.</summary>
        public static SettingField? FindForm(SettingField[] all, string form)
        {
            foreach (SettingField f in all)
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
