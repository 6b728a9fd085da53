namespace NesMep.Core.Settings
{
    /// <summary>Index of each setting in <see cref="SettingsTable.All"/> (constants, so the model can switch on them).</summary>
    public static class SettingId
    {
        public const int WifiSsid = 0;
        public const int WifiPassword = 1;
        public const int MeterKey = 2;
        public const int MeterBaud = 3;
        public const int Hostname = 4;
        public const int MqttEnabled = 5;
        public const int MqttHost = 6;
        public const int MqttPort = 7;
        public const int MqttTls = 8;
        public const int MqttUser = 9;
        public const int MqttPassword = 10;
        public const int MqttClientId = 11;
        public const int MqttBaseTopic = 12;
        public const int MqttDiscovery = 13;
        public const int MqttDiscoveryPrefix = 14;
        public const int MqttPublishMode = 15;
        public const int MqttIntervalS = 16;
        public const int MqttMinIntervalS = 17;
        public const int MqttKeepAliveS = 18;
        public const int MqttCaFile = 19;
        public const int MqttClientCert = 20;
        public const int MqttClientKey = 21;
        public const int MqttConfigurationUrl = 22;
        public const int PollPowerMs = 23;
        public const int PollEnergyMs = 24;
        public const int PollSlowMs = 25;
        public const int PollClockMs = 26;
        public const int PollConfigRetryMs = 27;
        public const int PollAlertHoldoffMs = 28;
        public const int PollHandleAlerts = 29;
        public const int PollMergeGap = 30;
        public const int LinkResponseTimeoutMs = 31;
        public const int LinkInterByteGapMs = 32;
        public const int LinkMinRequestGapMs = 33;
        public const int LinkSilentAttempts = 34;
        public const int LinkMaxResets = 35;
        public const int LinkResetOffMs = 36;
        public const int LinkResetSettleMs = 37;
        public const int LinkMaxSequenceRetries = 38;
        public const int LinkMaxBadReplies = 39;
        public const int LinkAuthBackoffMinMs = 40;
        public const int LinkAuthBackoffMaxMs = 41;
        public const int QualityStaleAfterS = 42;
        public const int QualityMainFuseA = 43;
        public const int QualityPhases = 44;
        public const int QualityNominalVoltage = 45;
        public const int QualityHeadroomPercent = 46;
        public const int QualityGraceWh = 47;
        public const int QualityRebaselineAfter = 48;
        public const int BoardProfile = 49;
        public const int BoardRxPin = 50;
        public const int BoardTxPin = 51;
        public const int BoardEnablePin = 52;
        public const int BoardEnableActive = 53;
        public const int BoardSupplyPin = 54;
        public const int TimeServers = 55;
        public const int LogLevel = 56;
        public const int WebPasswordHash = 57;
        public const int RequireApiToken = 58;
        public const int ApiTokenHash = 59;
        public const int MeterPort = 60;
        public const int OpticalKey = 61;
        public const int OpticalBaud = 62;
        public const int BoardLedPin = 63;

        public const int Count = 64;
    }
}
