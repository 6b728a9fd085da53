using NesMep.Core.Platform;
using NesMep.Core.Web;

namespace NesMep.Core.Settings
{
    /// <summary>
    /// Reads and writes one setting of a <see cref="ModuleSettings"/> by its descriptor — the one
    /// place that knows which field holds which setting (no reflection on the device). Int, Bool
    /// and Choice settings are ints (bool: 1/0, choice: index); Text settings are strings.
    /// </summary>
    public static class SettingValues
    {
        /// <summary>The value as a settings file writes it ("1200", "true", "on_change", text).</summary>
        public static string Get(ModuleSettings s, SettingField f)
        {
            return f.Kind == SettingField.KindText ? GetText(s, f.Id) : f.IntToText(GetInt(s, f.Id));
        }

        /// <summary>
        /// Parses <paramref name="text"/> and stores it when it is allowed for this setting on its own;
        /// returns null, or what is wrong with the allowed values (never quoting the value).
        /// Rules between settings are <see cref="SettingsValidator"/>'s.
        /// </summary>
        public static string? Set(ModuleSettings s, SettingField f, string text)
        {
            if (f.Kind == SettingField.KindText)
            {
                string? e = SettingsValidator.CheckText(f, text);
                if (e == null)
                {
                    SetText(s, f.Id, text);
                }

                return e;
            }

            int value;
            string? error = Parse(f, text, out value);
            if (error == null)
            {
                SetInt(s, f.Id, value);
            }

            return error;
        }

        /// <summary>Int, Bool or Choice text to its int; null or the problem.</summary>
        public static string? Parse(SettingField f, string text, out int value)
        {
            value = 0;
            if (f.Kind == SettingField.KindBool)
            {
                bool b;
                if (!WebText.TryParseBool(text, out b))
                {
                    return "use true or false";
                }

                value = b ? 1 : 0;
                return null;
            }

            if (f.Kind == SettingField.KindChoice)
            {
                value = f.ChoiceIndex(text);
                return value < 0 ? "use " + f.Allowed : null;
            }

            if (!WebText.TryParseInt(text.Trim(), out value))
            {
                return "must be a whole number, " + f.Allowed;
            }

            return SettingsValidator.CheckInt(f, value);
        }

        public static bool Same(ModuleSettings a, ModuleSettings b, SettingField f)
        {
            return f.Kind == SettingField.KindText ? GetText(a, f.Id) == GetText(b, f.Id) : GetInt(a, f.Id) == GetInt(b, f.Id);
        }

        public static void CopyValue(ModuleSettings from, ModuleSettings to, SettingField f)
        {
            if (f.Kind == SettingField.KindText)
            {
                SetText(to, f.Id, GetText(from, f.Id));
            }
            else
            {
                SetInt(to, f.Id, GetInt(from, f.Id));
            }
        }

        public static void Reset(ModuleSettings s, SettingField f)
        {
            if (f.Kind == SettingField.KindText)
            {
                SetText(s, f.Id, f.DefaultText);
            }
            else
            {
                SetInt(s, f.Id, f.DefaultInt);
            }
        }

        public static int GetInt(ModuleSettings s, int id)
        {
            switch (id)
            {
                case SettingId.MeterBaud: return s.Link.BaudRate;
                case SettingId.MeterPort: return s.MeterPort;
                case SettingId.OpticalBaud: return s.OpticalBaud;
                case SettingId.MqttEnabled: return B(s.MqttEnabled);
                case SettingId.MqttPort: return s.Mqtt.Port;
                case SettingId.MqttTls: return B(s.Mqtt.Tls);
                case SettingId.MqttDiscovery: return B(s.Mqtt.Discovery);
                case SettingId.MqttPublishMode: return s.Mqtt.PublishMode;
                case SettingId.MqttIntervalS: return s.Mqtt.IntervalS;
                case SettingId.MqttMinIntervalS: return s.Mqtt.MinIntervalS;
                case SettingId.MqttKeepAliveS: return s.Mqtt.KeepAliveS;
                case SettingId.PollPowerMs: return s.Poll.PowerIntervalMs;
                case SettingId.PollEnergyMs: return s.Poll.EnergyIntervalMs;
                case SettingId.PollSlowMs: return s.Poll.SlowIntervalMs;
                case SettingId.PollClockMs: return s.Poll.ClockIntervalMs;
                case SettingId.PollConfigRetryMs: return s.Poll.ConfigRetryMs;
                case SettingId.PollAlertHoldoffMs: return s.Poll.AlertHoldoffMs;
                case SettingId.PollHandleAlerts: return B(s.Poll.HandleAlerts);
                case SettingId.PollMergeGap: return s.Poll.MergeGapValues;
                case SettingId.LinkResponseTimeoutMs: return s.Link.ResponseTimeoutMs;
                case SettingId.LinkInterByteGapMs: return s.Link.InterByteGapMs;
                case SettingId.LinkMinRequestGapMs: return s.Link.MinRequestGapMs;
                case SettingId.LinkSilentAttempts: return s.Link.SilentAttemptsBeforeReset;
                case SettingId.LinkMaxResets: return s.Link.MaxResetsPerRequest;
                case SettingId.LinkResetOffMs: return s.Link.ResetOffMs;
                case SettingId.LinkResetSettleMs: return s.Link.ResetSettleMs;
                case SettingId.LinkMaxSequenceRetries: return s.Link.MaxSequenceRetries;
                case SettingId.LinkMaxBadReplies: return s.Link.MaxBadReplies;
                case SettingId.LinkAuthBackoffMinMs: return s.Link.AuthBackoffMinMs;
                case SettingId.LinkAuthBackoffMaxMs: return s.Link.AuthBackoffMaxMs;
                case SettingId.QualityStaleAfterS: return s.Quality.StaleAfterMs / 1000;
                case SettingId.QualityMainFuseA: return s.Quality.MainFuseAmps;
                case SettingId.QualityPhases: return s.Quality.Phases;
                case SettingId.QualityNominalVoltage: return s.Quality.NominalVoltage;
                case SettingId.QualityHeadroomPercent: return s.Quality.HeadroomPercent;
                case SettingId.QualityGraceWh: return s.Quality.GraceWh;
                case SettingId.QualityRebaselineAfter: return s.Quality.RebaselineAfter;
                case SettingId.BoardProfile: return s.BoardProfile;
                case SettingId.BoardRxPin: return s.RxPin;
                case SettingId.BoardTxPin: return s.TxPin;
                case SettingId.BoardEnablePin: return s.EnablePin;
                case SettingId.BoardEnableActive: return s.EnableActive;
                case SettingId.BoardSupplyPin: return s.SupplyPin;
                case SettingId.BoardLedPin: return s.LedPin;
                case SettingId.LogLevel: return (int)s.LogLevel;
                case SettingId.RequireApiToken: return B(s.RequireApiToken);
                default: return 0;
            }
        }

        public static void SetInt(ModuleSettings s, int id, int v)
        {
            switch (id)
            {
                case SettingId.MeterBaud: s.Link.BaudRate = v; break;
                case SettingId.MeterPort: s.MeterPort = v; break;
                case SettingId.OpticalBaud: s.OpticalBaud = v; break;
                case SettingId.MqttEnabled: s.MqttEnabled = v != 0; break;
                case SettingId.MqttPort: s.Mqtt.Port = v; break;
                case SettingId.MqttTls: s.Mqtt.Tls = v != 0; break;
                case SettingId.MqttDiscovery: s.Mqtt.Discovery = v != 0; break;
                case SettingId.MqttPublishMode: s.Mqtt.PublishMode = v; break;
                case SettingId.MqttIntervalS: s.Mqtt.IntervalS = v; break;
                case SettingId.MqttMinIntervalS: s.Mqtt.MinIntervalS = v; break;
                case SettingId.MqttKeepAliveS: s.Mqtt.KeepAliveS = v; break;
                case SettingId.PollPowerMs: s.Poll.PowerIntervalMs = v; break;
                case SettingId.PollEnergyMs: s.Poll.EnergyIntervalMs = v; break;
                case SettingId.PollSlowMs: s.Poll.SlowIntervalMs = v; break;
                case SettingId.PollClockMs: s.Poll.ClockIntervalMs = v; break;
                case SettingId.PollConfigRetryMs: s.Poll.ConfigRetryMs = v; break;
                case SettingId.PollAlertHoldoffMs: s.Poll.AlertHoldoffMs = v; break;
                case SettingId.PollHandleAlerts: s.Poll.HandleAlerts = v != 0; break;
                case SettingId.PollMergeGap: s.Poll.MergeGapValues = v; break;
                case SettingId.LinkResponseTimeoutMs: s.Link.ResponseTimeoutMs = v; break;
                case SettingId.LinkInterByteGapMs: s.Link.InterByteGapMs = v; break;
                case SettingId.LinkMinRequestGapMs: s.Link.MinRequestGapMs = v; break;
                case SettingId.LinkSilentAttempts: s.Link.SilentAttemptsBeforeReset = v; break;
                case SettingId.LinkMaxResets: s.Link.MaxResetsPerRequest = v; break;
                case SettingId.LinkResetOffMs: s.Link.ResetOffMs = v; break;
                case SettingId.LinkResetSettleMs: s.Link.ResetSettleMs = v; break;
                case SettingId.LinkMaxSequenceRetries: s.Link.MaxSequenceRetries = v; break;
                case SettingId.LinkMaxBadReplies: s.Link.MaxBadReplies = v; break;
                case SettingId.LinkAuthBackoffMinMs: s.Link.AuthBackoffMinMs = v; break;
                case SettingId.LinkAuthBackoffMaxMs: s.Link.AuthBackoffMaxMs = v; break;
                case SettingId.QualityStaleAfterS: s.Quality.StaleAfterMs = v * 1000; break;
                case SettingId.QualityMainFuseA: s.Quality.MainFuseAmps = v; break;
                case SettingId.QualityPhases: s.Quality.Phases = v; break;
                case SettingId.QualityNominalVoltage: s.Quality.NominalVoltage = v; break;
                case SettingId.QualityHeadroomPercent: s.Quality.HeadroomPercent = v; break;
                case SettingId.QualityGraceWh: s.Quality.GraceWh = v; break;
                case SettingId.QualityRebaselineAfter: s.Quality.RebaselineAfter = v; break;
                case SettingId.BoardProfile: s.BoardProfile = v; break;
                case SettingId.BoardRxPin: s.RxPin = v; break;
                case SettingId.BoardTxPin: s.TxPin = v; break;
                case SettingId.BoardEnablePin: s.EnablePin = v; break;
                case SettingId.BoardEnableActive: s.EnableActive = v; break;
                case SettingId.BoardSupplyPin: s.SupplyPin = v; break;
                case SettingId.BoardLedPin: s.LedPin = v; break;
                case SettingId.LogLevel: s.LogLevel = (LogLevel)v; break;
                case SettingId.RequireApiToken: s.RequireApiToken = v != 0; break;
            }
        }

        public static string GetText(ModuleSettings s, int id)
        {
            switch (id)
            {
                case SettingId.WifiSsid: return s.WifiSsid;
                case SettingId.WifiPassword: return s.WifiPassword;
                case SettingId.MeterKey: return s.MeterKey;
                case SettingId.OpticalKey: return s.OpticalKey;
                case SettingId.Hostname: return s.Hostname;
                case SettingId.MqttHost: return s.Mqtt.Host;
                case SettingId.MqttUser: return s.Mqtt.User;
                case SettingId.MqttPassword: return s.Mqtt.Password;
                case SettingId.MqttClientId: return s.Mqtt.ClientId;
                case SettingId.MqttBaseTopic: return s.Mqtt.BaseTopic;
                case SettingId.MqttDiscoveryPrefix: return s.Mqtt.DiscoveryPrefix;
                case SettingId.MqttCaFile: return s.Mqtt.CaFile;
                case SettingId.MqttClientCert: return s.Mqtt.ClientCert;
                case SettingId.MqttClientKey: return s.Mqtt.ClientKey;
                case SettingId.MqttConfigurationUrl: return s.Mqtt.ConfigurationUrl;
                case SettingId.TimeServers: return s.TimeServers;
                case SettingId.WebPasswordHash: return s.WebPasswordHash;
                case SettingId.ApiTokenHash: return s.ApiTokenHash;
                default: return "";
            }
        }

        public static void SetText(ModuleSettings s, int id, string v)
        {
            switch (id)
            {
                case SettingId.WifiSsid: s.WifiSsid = v; break;
                case SettingId.WifiPassword: s.WifiPassword = v; break;
                case SettingId.MeterKey: s.MeterKey = v; break;
                case SettingId.OpticalKey: s.OpticalKey = v; break;
                case SettingId.Hostname: s.Hostname = v; break;
                case SettingId.MqttHost: s.Mqtt.Host = v; break;
                case SettingId.MqttUser: s.Mqtt.User = v; break;
                case SettingId.MqttPassword: s.Mqtt.Password = v; break;
                case SettingId.MqttClientId: s.Mqtt.ClientId = v; break;
                case SettingId.MqttBaseTopic: s.Mqtt.BaseTopic = v; break;
                case SettingId.MqttDiscoveryPrefix: s.Mqtt.DiscoveryPrefix = v; break;
                case SettingId.MqttCaFile: s.Mqtt.CaFile = v; break;
                case SettingId.MqttClientCert: s.Mqtt.ClientCert = v; break;
                case SettingId.MqttClientKey: s.Mqtt.ClientKey = v; break;
                case SettingId.MqttConfigurationUrl: s.Mqtt.ConfigurationUrl = v; break;
                case SettingId.TimeServers: s.TimeServers = v; break;
                case SettingId.WebPasswordHash: s.WebPasswordHash = v; break;
                case SettingId.ApiTokenHash: s.ApiTokenHash = v; break;
            }
        }

        private static int B(bool b)
        {
            return b ? 1 : 0;
        }
    }
}
