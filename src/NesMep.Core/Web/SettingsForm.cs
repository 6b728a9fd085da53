using NesMep.Core.Settings;

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
        public static readonly int MaxSsidBytes = SettingsTable.WifiSsid.Max;

        public static SettingsChange Parse(FormBody form, ModuleSettings current, bool hasWifi, FieldErrors errors)
        {
            ModuleSettings c = current.Copy();
            SettingField[] all = SettingsTable.All; // built once per form, not once per field
            SettingsChange change = new SettingsChange(c);
            bool clearMqttPassword = false;
            for (int i = 0; i < form.Count; i++)
            {
                string name = form.Name(i);
                string v = form.Value(i);
                switch (name)
                {
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
                    case "mqtt_password_clear":
                        if (!WebText.TryParseBool(v, out clearMqttPassword))
                        {
                            errors.Add(name, "use true or false");
                        }

                        break;
                    default:
                        SetField(all, name, v, c, hasWifi, errors);
                        break;
                }
            }

            string? newMqttPassword = form.Get("mqtt_password");
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
                SetField(all, "mqtt_password", newMqttPassword, c, hasWifi, errors);
            }

            CheckWebPassword(form, current, change, errors);
            if (c.RequireApiToken && c.ApiTokenHash.Length == 0 && change.NewApiToken == null && !errors.Has("api_token"))
            {
                errors.Add("api_token", "set a token before requiring one");
            }

            // The rules between settings and every stored value, in the words every other path uses.
            SettingsValidator.Validate(c, errors, true, true);
            return change;
        }

        /// <summary>
        /// One form field that edits a setting of the table. An empty secret keeps the stored one
        /// (the page never receives secrets); other text is trimmed (the page pads nothing).
        /// </summary>
        private static void SetField(SettingField[] all, string name, string v, ModuleSettings c, bool hasWifi, FieldErrors errors)
        {
            SettingField? f = SettingsTable.FindForm(all, name);
            if (f == null)
            {
                errors.Add(name, "unknown setting");
                return;
            }

            if (f.Has(SettingField.DeviceOnly) && f.Section == "wifi" && !hasWifi)
            {
                errors.Add(name, "this module has no Wi-Fi settings");
                return;
            }

            if (f.Has(SettingField.Secret) && v.Length == 0)
            {
                return;
            }

            string value = f.Has(SettingField.Secret) || f.Id == SettingId.WifiSsid ? v : v.Trim();
            if (f.Id == SettingId.MeterKey || f.Id == SettingId.OpticalKey)
            {
                value = v.Trim();
            }

            string? e = SettingValues.Set(c, f, value);
            if (e != null)
            {
                errors.Add(name, e);
            }
        }

        /// <summary>Null when usable as a Wi-Fi (WPA2-PSK) passphrase: 8..63 printable ASCII, or 64 hex digits.</summary>
        public static string? CheckWifiPassword(string v)
        {
            return SettingsValidator.CheckWifiPassword(v);
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
    }
}
