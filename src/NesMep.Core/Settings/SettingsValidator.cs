using System.Text;
using NesMep.Core.Optical;
using NesMep.Core.Mqtt;
using NesMep.Core.Protocol;
using NesMep.Core.Web;

namespace NesMep.Core.Settings
{
    /// <summary>
    /// The one set of checks and messages for settings, whatever they come from (web form, device
    /// settings file, Linux config file): each value against its <see cref="SettingField"/>, then
    /// the rules between settings. A message says what is wrong and what is allowed, and never
    /// quotes the value (it may be a secret).
    /// </summary>
    public static class SettingsValidator
    {
        /// <summary>
        /// Every problem of <paramref name="s"/> into <paramref name="errors"/>, keyed by the web form
        /// field (<paramref name="formNames"/>, falling back to section.key) or by section.key.
        /// <paramref name="tokenPending"/>: a new API token is being set, so its hash comes later.
        /// </summary>
        public static void Validate(ModuleSettings s, FieldErrors errors, bool formNames, bool tokenPending)
        {
            foreach (SettingField f in SettingsTable.All)
            {
                string? e = f.Kind == SettingField.KindText
                    ? CheckText(f, SettingValues.GetText(s, f.Id))
                    : CheckIntKind(f, SettingValues.GetInt(s, f.Id));
                if (e != null)
                {
                    errors.Add(Key(f, formNames), e);
                }
            }

            CheckRelations(s, errors, formNames, tokenPending);
        }

        /// <summary>
        /// The first problem, "section.key: message" (or "key: message" without the section), or
        /// null. What the settings classes' Validate() return.
        /// </summary>
        public static string? FirstError(ModuleSettings s, bool withSection)
        {
            FieldErrors errors = new FieldErrors();
            Validate(s, errors, false, false);
            if (errors.Count == 0)
            {
                return null;
            }

            string name = errors.Field(0);
            int dot = name.IndexOf('.');
            return (withSection || dot < 0 ? name : name.Substring(dot + 1)) + ": " + errors.Message(0);
        }

        /// <summary>Null when <paramref name="value"/> is inside the setting's range.</summary>
        public static string? CheckInt(SettingField f, int value)
        {
            return value < f.Min || value > f.Max ? "must be " + f.Allowed : null;
        }

        /// <summary>Null when a text value is usable for this setting on its own.</summary>
        public static string? CheckText(SettingField f, string value)
        {
            if (value == null)
            {
                return "must be given";
            }

            if (f.Rule == SettingRule.Ssid)
            {
                // Counted in bytes (IEEE 802.11), checked before the generic character count.
                if (Encoding.UTF8.GetBytes(value).Length > f.Max)
                {
                    return "at most " + f.Max + " bytes";
                }
            }

            if (value.Length > f.Max)
            {
                return TextSetting.Check(value, f.Max);
            }

            // The rule first: its words say what the value should look like (a host name, a key, …).
            string? e = CheckRule(f.Rule, value);
            return e != null ? e : TextSetting.Check(value, f.Max);
        }

        private static string? CheckIntKind(SettingField f, int value)
        {
            if (f.Kind == SettingField.KindInt)
            {
                return CheckInt(f, value);
            }

            if (f.Kind == SettingField.KindChoice)
            {
                return value < 0 || value >= f.Choices!.Length ? "use " + f.Allowed : null;
            }

            return null;
        }

        private static string? CheckRule(int rule, string v)
        {
            if (v.Length == 0 && rule != SettingRule.HostName && rule != SettingRule.TopicPrefix)
            {
                return null; // empty means "not set" for every other rule
            }

            switch (rule)
            {
                case SettingRule.HostName:
                    return WebText.CheckHostName(v);
                case SettingRule.MeterKey:
                    string? keyError;
                    return MepKey.TryParse(v, out keyError) == null ? keyError : null;
                case SettingRule.OpticalKey:
                    string? opticalError;
                    return OpticalKey.TryParse(v, out opticalError) == null ? opticalError : null;
                case SettingRule.BrokerHost:
                    return BrokerHost.Check(v);
                case SettingRule.TopicPrefix:
                    return MqttSettings.CheckPrefix(v);
                case SettingRule.ClientId:
                    return MqttSettings.IsPrintable(v, false) ? null : "use letters, digits, '-', '_' or '.' only";
                case SettingRule.Hash:
                    return PasswordHash.IsWellFormed(v) ? null : "not a hash written by nesmep; delete it and set a new one through the web UI";
                case SettingRule.WifiPassword:
                    return CheckWifiPassword(v);
                case SettingRule.HttpUrl:
                    return v.StartsWith("http://") || v.StartsWith("https://") ? null : "must start with http:// or https://";
                case SettingRule.TimeServers:
                    return CheckTimeServers(v);
                default:
                    return null;
            }
        }

        /// <summary>Null when usable as a Wi-Fi (WPA2-PSK) passphrase: 8..63 printable ASCII, or 64 hex digits.</summary>
        public static string? CheckWifiPassword(string v)
        {
            if (v.Length == 64)
            {
                foreach (char c in v.ToCharArray())
                {
                    if (Hex.DigitValue(c) < 0)
                    {
                        return "64 characters must all be hex digits (a raw PSK)";
                    }
                }

                return null;
            }

            if (v.Length < 8 || v.Length > 63 || !WebText.IsPrintableAscii(v, true))
            {
                return "use 8..63 printable ASCII characters (WPA2)";
            }

            return null;
        }

        private static string? CheckTimeServers(string v)
        {
            string[] names = v.Split(',');
            if (names.Length > 3)
            {
                return "at most 3 servers, separated by commas";
            }

            foreach (string name in names)
            {
                string? e = BrokerHost.Check(name.Trim());
                if (e != null)
                {
                    return "each server: " + e;
                }
            }

            return null;
        }

        private static void CheckRelations(ModuleSettings s, FieldErrors errors, bool formNames, bool tokenPending)
        {
            MqttSettings m = s.Mqtt;
            if (s.MqttEnabled)
            {
                if (m.Host.Length == 0)
                {
                    Add(errors, SettingsTable.MqttHost, formNames, BrokerHost.Check(""));
                }

                if (!m.Tls)
                {
                    // Filed under the file setting, so resetting it (a damaged settings file) resolves the problem.
                    SettingField? file = m.CaFile.Length > 0 ? SettingsTable.MqttCaFile : m.ClientCert.Length > 0 ? SettingsTable.MqttClientCert
                        : m.ClientKey.Length > 0 ? SettingsTable.MqttClientKey : null;
                    if (file != null)
                    {
                        Add(errors, file, formNames, "needs tls on (or an mqtts:// URL)");
                    }
                }

                if (m.ClientKey.Length > 0 && m.ClientCert.Length == 0)
                {
                    Add(errors, SettingsTable.MqttClientKey, formNames, "give client_cert too");
                }

                if (m.User.Length == 0 && m.Password.Length > 0)
                {
                    Add(errors, SettingsTable.MqttPassword, formNames, "give user too (MQTT 3.1.1 has no password without a user name)");
                }

                if (m.MinIntervalS > m.IntervalS)
                {
                    Add(errors, SettingsTable.MqttMinIntervalS, formNames, "must be 0..interval_s (" + m.IntervalS + ") seconds");
                }
            }

            if (s.Link.AuthBackoffMaxMs < s.Link.AuthBackoffMinMs)
            {
                Add(errors, SettingsTable.LinkAuthBackoffMaxMs, formNames, "must be at least auth_backoff_min_ms (" + s.Link.AuthBackoffMinMs + " ms)");
            }

            if (s.RequireApiToken && s.ApiTokenHash.Length == 0 && !tokenPending)
            {
                Add(errors, SettingsTable.RequireApiToken, formNames, "set a token before requiring one");
            }

            CheckBoard(s, errors, formNames);
        }

        private static void CheckBoard(ModuleSettings s, FieldErrors errors, bool formNames)
        {
            bool custom = s.BoardProfile == SettingsTable.BoardProfiles.Length - 1;
            if (custom && (s.RxPin < 0 || s.TxPin < 0 || s.EnablePin < 0))
            {
                Add(errors, SettingsTable.BoardProfile, formNames, "custom needs rx_pin, tx_pin and enable_pin");
            }

            CheckPin(errors, formNames, SettingsTable.BoardTxPin, s.TxPin, s.RxPin, -1);
            CheckPin(errors, formNames, SettingsTable.BoardEnablePin, s.EnablePin, s.RxPin, s.TxPin);
            if (s.SupplyPin >= 0 && (s.SupplyPin == s.RxPin || s.SupplyPin == s.TxPin || s.SupplyPin == s.EnablePin))
            {
                Add(errors, SettingsTable.BoardSupplyPin, formNames, "must differ from rx_pin, tx_pin and enable_pin");
            }

            if (s.LedPin >= 0 && (s.LedPin == s.RxPin || s.LedPin == s.TxPin || s.LedPin == s.EnablePin || s.LedPin == s.SupplyPin))
            {
                Add(errors, SettingsTable.BoardLedPin, formNames, "must differ from rx_pin, tx_pin, enable_pin and supply_pin");
            }
        }

        private static void CheckPin(FieldErrors errors, bool formNames, SettingField f, int pin, int other1, int other2)
        {
            if (pin >= 0 && (pin == other1 || pin == other2))
            {
                Add(errors, f, formNames, "must differ from the other pins");
            }
        }

        private static void Add(FieldErrors errors, SettingField f, bool formNames, string? message)
        {
            if (message != null)
            {
                errors.Add(Key(f, formNames), message);
            }
        }

        private static string Key(SettingField f, bool formNames)
        {
            return formNames && f.Form != null ? f.Form : f.Name;
        }
    }
}
