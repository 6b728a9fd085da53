using System.Text;
using NesMep.Core.Mqtt;
using NesMep.Core.Protocol;

namespace NesMep.Core.Web
{
    /// <summary>
    /// Turns a submitted settings form into a candidate <see cref="ModuleSettings"/>, checking every
    /// field. A field that is not sent keeps its value; an empty secret field also keeps its value
    /// (the page never receives secrets, so it cannot send them back). The caller saves nothing
    /// unless <see cref="FieldErrors.Count"/> is 0 afterwards.
    /// </summary>
    public static class SettingsForm
    {
        public const int MinPasswordLength = 8;
        public const int MaxPasswordLength = 128;
        public const int MinApiTokenLength = 16;

        /// <summary>Longest Wi-Fi network name (IEEE 802.11).</summary>
        public const int MaxSsidBytes = 32;

        public static SettingsChange Parse(FormBody form, ModuleSettings current, bool hasWifi, FieldErrors errors)
        {
            ModuleSettings c = current.Copy();
            SettingsChange change = new SettingsChange(c);
            bool clearMqttPassword = false;
            string? newMqttPassword = null;
            for (int i = 0; i < form.Count; i++)
            {
                string name = form.Name(i);
                string v = form.Value(i);
                switch (name)
                {
                    case "wifi_ssid":
                        if (!hasWifi)
                        {
                            errors.Add(name, "this module has no Wi-Fi settings");
                        }
                        else if (Encoding.UTF8.GetBytes(v).Length > MaxSsidBytes)
                        {
                            errors.Add(name, "at most " + MaxSsidBytes + " bytes");
                        }
                        else if (TextSetting.HasControl(v))
                        {
                            errors.Add(name, TextSetting.Check(v, MaxSsidBytes)!); // HasControl: Check names the problem
                        }
                        else
                        {
                            c.WifiSsid = v;
                        }

                        break;
                    case "wifi_password":
                        if (!hasWifi)
                        {
                            errors.Add(name, "this module has no Wi-Fi settings");
                        }
                        else if (v.Length > 0)
                        {
                            string? e = CheckWifiPassword(v);
                            if (e != null)
                            {
                                errors.Add(name, e);
                            }
                            else
                            {
                                c.WifiPassword = v;
                            }
                        }

                        break;
                    case "meter_key":
                        if (v.Length > 0)
                        {
                            string? keyError;
                            if (MepKey.TryParse(v, out keyError) == null)
                            {
                                errors.Add(name, keyError!); // TryParse gives the reason with null
                            }
                            else
                            {
                                c.MeterKey = v.Trim();
                            }
                        }

                        break;
                    case "hostname":
                        string? hostError = WebText.CheckHostName(v);
                        if (hostError != null)
                        {
                            errors.Add(name, hostError);
                        }
                        else
                        {
                            c.Hostname = v;
                        }

                        break;
                    case "web_password":
                        if (v.Length > 0)
                        {
                            change.NewWebPassword = v;
                        }

                        break;
                    case "web_password_confirm":
                    case "mqtt_password":
                    case "current_password":
                        // Checked together with their partner fields below.
                        break;
                    case "require_api_token":
                        Bool(name, v, errors, ref c.RequireApiToken);
                        break;
                    case "api_token":
                        if (v.Length > 0)
                        {
                            if (v.Length < MinApiTokenLength || v.Length > MaxPasswordLength || !WebText.IsPrintableAscii(v, false))
                            {
                                errors.Add(name, "use " + MinApiTokenLength + ".." + MaxPasswordLength + " printable ASCII characters without spaces");
                            }
                            else
                            {
                                change.NewApiToken = v;
                            }
                        }

                        break;
                    case "mqtt_enabled":
                        Bool(name, v, errors, ref c.MqttEnabled);
                        break;
                    case "mqtt_host":
                        // Checked here as well as with the other MQTT settings, so a bad host is
                        // refused even while MQTT is switched off.
                        string? brokerError = v.Trim().Length == 0 ? null : BrokerHost.Check(v.Trim());
                        if (brokerError != null)
                        {
                            errors.Add(name, brokerError);
                        }
                        else
                        {
                            c.Mqtt.Host = v.Trim();
                        }

                        break;
                    case "mqtt_port":
                        Int(name, v, 0, 65535, "0..65535 (0: 1883, or 8883 with TLS)", errors, ref c.Mqtt.Port);
                        break;
                    case "mqtt_tls":
                        Bool(name, v, errors, ref c.Mqtt.Tls);
                        break;
                    case "mqtt_user":
                        Text(name, v, MqttSettings.MaxUserLength, errors, ref c.Mqtt.User);
                        break;
                    case "mqtt_password_clear":
                        Bool(name, v, errors, ref clearMqttPassword);
                        break;
                    case "mqtt_client_id":
                        c.Mqtt.ClientId = v.Trim();
                        break;
                    case "mqtt_base_topic":
                        c.Mqtt.BaseTopic = v.Trim();
                        break;
                    case "mqtt_discovery":
                        Bool(name, v, errors, ref c.Mqtt.Discovery);
                        break;
                    case "mqtt_discovery_prefix":
                        c.Mqtt.DiscoveryPrefix = v.Trim();
                        break;
                    case "mqtt_publish_mode":
                        if (!c.Mqtt.TrySetPublishMode(v))
                        {
                            errors.Add(name, "use interval or on_change");
                        }

                        break;
                    case "mqtt_interval_s":
                        Int(name, v, 1, 3600, "1..3600 seconds", errors, ref c.Mqtt.IntervalS);
                        break;
                    case "mqtt_min_interval_s":
                        Int(name, v, 0, 3600, "0..3600 seconds", errors, ref c.Mqtt.MinIntervalS);
                        break;
                    case "poll_power_ms":
                        Int(name, v, 200, 3600000, "200..3600000 ms", errors, ref c.PollPowerMs);
                        break;
                    case "poll_energy_ms":
                        Int(name, v, 200, 3600000, "200..3600000 ms", errors, ref c.PollEnergyMs);
                        break;
                    case "poll_slow_ms":
                        Int(name, v, 1000, 86400000, "1000..86400000 ms", errors, ref c.PollSlowMs);
                        break;
                    default:
                        errors.Add(name, "unknown setting");
                        break;
                }
            }

            newMqttPassword = form.Get("mqtt_password");
            if (clearMqttPassword)
            {
                if (newMqttPassword != null && newMqttPassword.Length > 0)
                {
                    errors.Add("mqtt_password", "either type a new password or clear it, not both");
                }

                c.Mqtt.Password = "";
            }
            else if (newMqttPassword != null && newMqttPassword.Length > 0)
            {
                Text("mqtt_password", newMqttPassword, MqttSettings.MaxPasswordLength, errors, ref c.Mqtt.Password);
            }

            CheckWebPassword(form, current, change, errors);
            if (c.RequireApiToken && c.ApiTokenHash.Length == 0 && change.NewApiToken == null && !errors.Has("api_token"))
            {
                errors.Add("api_token", "set a token before requiring one");
            }

            if (c.MqttEnabled)
            {
                CheckMqtt(c.Mqtt, errors);
            }

            return change;
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

        /// <summary>Null when acceptable as a web password (also used by the first-start setup).</summary>
        public static string? CheckNewPassword(string password)
        {
            if (password.Length < MinPasswordLength)
            {
                return "at least " + MinPasswordLength + " characters";
            }

            return TextSetting.Check(password, MaxPasswordLength);
        }

        private static void CheckWebPassword(FormBody form, ModuleSettings current, SettingsChange change, FieldErrors errors)
        {
            if (change.NewWebPassword == null)
            {
                return;
            }

            string? e = CheckNewPassword(change.NewWebPassword);
            if (e != null)
            {
                errors.Add("web_password", e);
            }

            string? confirm = form.Get("web_password_confirm");
            if (confirm == null || confirm != change.NewWebPassword)
            {
                errors.Add("web_password_confirm", "does not match the new password");
            }

            string? currentPassword = form.Get("current_password");
            if (current.WebPasswordHash.Length > 0 && (currentPassword == null || currentPassword.Length == 0))
            {
                errors.Add("current_password", "give the current password to change it");
            }

            change.CurrentPassword = currentPassword;
        }

        /// <summary>Runs the shared MQTT checks and files the message under the form field it names.</summary>
        private static void CheckMqtt(MqttSettings m, FieldErrors errors)
        {
            string? e = m.Validate();
            if (e == null)
            {
                return;
            }

            int colon = e.IndexOf(':');
            string setting = colon > 0 ? e.Substring(0, colon) : "";
            string message = colon > 0 ? e.Substring(colon + 1).Trim() : e;
            string field;
            switch (setting)
            {
                case "host":
                case "port":
                case "tls":
                case "user":
                case "password":
                case "client_id":
                case "base_topic":
                case "discovery_prefix":
                case "publish_mode":
                case "interval_s":
                case "min_interval_s":
                    field = "mqtt_" + setting;
                    break;
                default:
                    field = "mqtt_enabled";
                    message = e;
                    break;
            }

            errors.Add(field, message);
        }

        /// <summary>A free-text field: stored only when <see cref="TextSetting.Check"/> accepts it.</summary>
        private static void Text(string name, string v, int maxLength, FieldErrors errors, ref string target)
        {
            string? e = TextSetting.Check(v, maxLength);
            if (e != null)
            {
                errors.Add(name, e);
            }
            else
            {
                target = v;
            }
        }

        private static void Bool(string name, string v, FieldErrors errors, ref bool target)
        {
            bool b;
            if (WebText.TryParseBool(v, out b))
            {
                target = b;
            }
            else
            {
                errors.Add(name, "use 1 or 0");
            }
        }

        private static void Int(string name, string v, int min, int max, string range, FieldErrors errors, ref int target)
        {
            int n;
            if (!WebText.TryParseInt(v.Trim(), out n))
            {
                errors.Add(name, "must be a whole number, " + range);
            }
            else if (n < min || n > max)
            {
                errors.Add(name, "must be " + range);
            }
            else
            {
                target = n;
            }
        }
    }
}
