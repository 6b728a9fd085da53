namespace NesMep.Core.Settings
{
    /// <summary>
    /// One sentence per setting for docs/configuration.md (SettingsDocTests compares the table there).
    /// Kept out of <see cref="SettingField"/> and built only when asked: the device never shows it, and
    /// the table's fields are built at boot (docs/nanoframework-subset.md: static constructors stay small).
    /// </summary>
    public static class SettingHelp
    {
        public static string For(int id)
        {
            switch (id)
            {
                case SettingId.WifiSsid:
                    return "Wi-Fi network name (at most 32 bytes).";
                case SettingId.WifiPassword:
                    return "WPA2 passphrase (8..63 printable ASCII) or 64 hex digits.";
                case SettingId.MeterKey:
                    return "MEP key (MBK): 20 characters, 40 or 32 hex digits; empty: none.";
                case SettingId.MeterBaud:
                    return "Line speed of the MEP port.";
                case SettingId.Hostname:
                    return "Host name shown in the UI and /api/v1/info; the mDNS name on the device.";
                case SettingId.MqttEnabled:
                    return "Publish to MQTT (in a Linux config file, an mqtt section switches it on unless enabled is false).";
                case SettingId.MqttHost:
                    return "Broker host name or IP address.";
                case SettingId.MqttPort:
                    return "Broker port.";
                case SettingId.MqttTls:
                    return "Connect with TLS.";
                case SettingId.MqttUser:
                    return "Broker user; empty: no credentials.";
                case SettingId.MqttPassword:
                    return "Broker password (needs a user).";
                case SettingId.MqttClientId:
                    return "Client id; empty: derived from the device.";
                case SettingId.MqttBaseTopic:
                    return "Prefix of the published topics.";
                case SettingId.MqttDiscovery:
                    return "Publish Home Assistant discovery configs.";
                case SettingId.MqttDiscoveryPrefix:
                    return "Home Assistant discovery prefix.";
                case SettingId.MqttPublishMode:
                    return "interval: every interval_s; on_change: on change, at most every min_interval_s.";
                case SettingId.MqttIntervalS:
                    return "Publish period (on_change: longest silence).";
                case SettingId.MqttMinIntervalS:
                    return "Shortest time between two publications (at most interval_s).";
                case SettingId.MqttKeepAliveS:
                    return "MQTT keep-alive.";
                case SettingId.MqttCaFile:
                    return "CA certificate (PEM) of the broker; needs tls.";
                case SettingId.MqttClientCert:
                    return "Client certificate (PEM or PKCS#12); needs tls.";
                case SettingId.MqttClientKey:
                    return "Private key of client_cert when not inside it.";
                case SettingId.MqttConfigurationUrl:
                    return "Web UI address for Home Assistant's device page; empty: derived.";
                case SettingId.PollPowerMs:
                    return "Power, current, voltage (BT28) read interval.";
                case SettingId.PollEnergyMs:
                    return "Energy registers (BT23) read interval.";
                case SettingId.PollSlowMs:
                    return "Other values (averages, reactive, apparent) read interval.";
                case SettingId.PollClockMs:
                    return "Meter clock (BT52) read interval.";
                case SettingId.PollConfigRetryMs:
                    return "Wait before retrying a failed configuration read.";
                case SettingId.PollAlertHoldoffMs:
                    return "Handle at most one alert per this interval.";
                case SettingId.PollHandleAlerts:
                    return "Act on the meter's alerts.";
                case SettingId.PollMergeGap:
                    return "BT28 values closer than this are read in one request.";
                case SettingId.LinkResponseTimeoutMs:
                    return "Reply must start within this, else the frame is resent.";
                case SettingId.LinkInterByteGapMs:
                    return "Silence that ends a reply as truncated.";
                case SettingId.LinkMinRequestGapMs:
                    return "Least time between two requests.";
                case SettingId.LinkSilentAttempts:
                    return "Unanswered transmissions before the transceiver is reset.";
                case SettingId.LinkMaxResets:
                    return "Transceiver resets for one request before it is given up.";
                case SettingId.LinkResetOffMs:
                    return "How long the transceiver stays off during a reset.";
                case SettingId.LinkResetSettleMs:
                    return "Wait after power returns before sending again.";
                case SettingId.LinkMaxSequenceRetries:
                    return "Back-to-back 0x0C replies before a request is given up.";
                case SettingId.LinkMaxBadReplies:
                    return "Rejected replies before a request is given up.";
                case SettingId.LinkAuthBackoffMinMs:
                    return "First wait after a 0x0B (doubles per repeat).";
                case SettingId.LinkAuthBackoffMaxMs:
                    return "Longest wait after repeated 0x0B (at least auth_backoff_min_ms).";
                case SettingId.QualityStaleAfterS:
                    return "A value older than this is unavailable.";
                case SettingId.QualityMainFuseA:
                    return "Main fuse per phase; bounds how fast energy can grow.";
                case SettingId.QualityPhases:
                    return "Number of phases of the installation.";
                case SettingId.QualityNominalVoltage:
                    return "Nominal phase voltage.";
                case SettingId.QualityHeadroomPercent:
                    return "Allowance on top of fuse x voltage x phases.";
                case SettingId.QualityGraceWh:
                    return "Slack added to every allowed energy growth.";
                case SettingId.QualityRebaselineAfter:
                    return "Agreeing rejected readings before they become the new baseline.";
                case SettingId.BoardProfile:
                    return "Module hardware: dabbler (ESP32-WROOM-32), ustepper (ESP32-C3) or custom pins.";
                case SettingId.BoardRxPin:
                    return "UART RX GPIO (custom profile).";
                case SettingId.BoardTxPin:
                    return "UART TX GPIO (custom profile).";
                case SettingId.BoardEnablePin:
                    return "GPIO driving the meter's ENABLE line (custom profile).";
                case SettingId.BoardEnableActive:
                    return "Level of the ENABLE pin that powers the meter's port.";
                case SettingId.BoardSupplyPin:
                    return "Optional GPIO switching the transceiver supply.";
                case SettingId.BoardLedPin:
                    return "Optional GPIO of a status LED (lit when HIGH).";
                case SettingId.TimeServers:
                    return "NTP servers, comma-separated (at most 3).";
                case SettingId.LogLevel:
                    return "Least severe log message kept.";
                case SettingId.WebPasswordHash:
                    return "PBKDF2 hash of the web password (set through the UI); empty until the first start.";
                case SettingId.RequireApiToken:
                    return "/api/v1 reading, info and status need the API token or a login.";
                case SettingId.ApiTokenHash:
                    return "Hash of the API token (set through the UI).";
                case SettingId.MeterPort:
                    return "Port the meter is read through: mep (the MEP port) or optical (ANSI C12.18 through an IR head).";
                case SettingId.OpticalKey:
                    return "Optical-port password (the meter's MK, PK or RK from the utility): 20 characters or 40 hex digits; empty: none, only BT00, BT01 and ET03 are read.";
                case SettingId.OpticalBaud:
                    return "Line speed the optical session starts at (C12.18: 9600 8N1).";
                default:
                    return "";
            }
        }
    }
}
