using NesMep.Core.Json;
using NesMep.Core.Optical;
using NesMep.Core.Protocol;
using NesMep.Core.Settings;

namespace NesMep.Core.Web
{
    /// <summary>
    /// GET /api/v1/settings: the values the configuration page shows, with every secret replaced
    /// by whether it is set (and for the meter key, the form it was given in). Field names are the
    /// form field names, so the page fills its inputs by name. "limits" carries each form field's
    /// range, length and default from <see cref="SettingsTable"/>, which the page applies to its
    /// inputs (the HTML repeats none of them).
    /// </summary>
    public static class SettingsJson
    {
        public static string Build(ModuleSettings s, bool hasWifi)
        {
            JsonWriter w = new JsonWriter();
            w.BeginObject();
            if (hasWifi)
            {
                w.Property("wifi_ssid", s.WifiSsid);
                w.Property("wifi_password_set", s.WifiPassword.Length > 0);
            }

            w.Property("meter_key_set", s.MeterKey.Length > 0);
            w.Name("meter_key_form");
            string? keyError;
            MepKey? key = s.MeterKey.Length == 0 ? null : MepKey.TryParse(s.MeterKey, out keyError);
            if (key == null)
            {
                w.Null();
            }
            else
            {
                w.String(key.FormDescription);
            }

            w.Property("meter_port", s.MeterPortName);
            w.Property("optical_key_set", s.OpticalKey.Length > 0);
            w.Name("optical_key_form");
            string? opticalError;
            if (s.OpticalKey.Length == 0 || OpticalKey.TryParse(s.OpticalKey, out opticalError) == null)
            {
                w.Null();
            }
            else
            {
                // OpticalKey accepts exactly two forms: 20 characters, else 40 hex digits.
                w.String(s.OpticalKey.Trim().Length == 20 ? "20 ASCII characters" : "40 hex digits");
            }

            w.Property("hostname", s.Hostname);
            w.Property("web_password_set", s.WebPasswordHash.Length > 0);
            w.Property("require_api_token", s.RequireApiToken);
            w.Property("api_token_set", s.ApiTokenHash.Length > 0);
            w.Property("mqtt_enabled", s.MqttEnabled);
            w.Property("mqtt_host", s.Mqtt.Host);
            w.Property("mqtt_port", s.Mqtt.Port);
            w.Property("mqtt_tls", s.Mqtt.Tls);
            w.Property("mqtt_user", s.Mqtt.User);
            w.Property("mqtt_password_set", s.Mqtt.Password.Length > 0);
            w.Property("mqtt_client_id", s.Mqtt.ClientId);
            w.Property("mqtt_base_topic", s.Mqtt.BaseTopic);
            w.Property("mqtt_discovery", s.Mqtt.Discovery);
            w.Property("mqtt_discovery_prefix", s.Mqtt.DiscoveryPrefix);
            w.Property("mqtt_publish_mode", s.Mqtt.PublishModeName);
            w.Property("mqtt_interval_s", s.Mqtt.IntervalS);
            w.Property("mqtt_min_interval_s", s.Mqtt.MinIntervalS);
            w.Property("poll_power_ms", s.PollPowerMs);
            w.Property("poll_energy_ms", s.PollEnergyMs);
            w.Property("poll_slow_ms", s.PollSlowMs);
            WriteLimits(w, hasWifi);
            w.EndObject();
            return w.ToString();
        }

        /// <summary>"limits":{"poll_power_ms":{"min":200,"max":3600000,"default":1200},"hostname":{"maxlength":63,"default":"esp32-mep"},…}</summary>
        private static void WriteLimits(JsonWriter w, bool hasWifi)
        {
            w.Name("limits").BeginObject();
            foreach (SettingField f in SettingsTable.All)
            {
                if (f.Form == null || (f.Section == "wifi" && !hasWifi))
                {
                    continue;
                }

                w.Name(f.Form).BeginObject();
                switch (f.Kind)
                {
                    case SettingField.KindInt:
                        w.Property("min", f.Min).Property("max", f.Max).Property("default", f.DefaultInt);
                        break;
                    case SettingField.KindBool:
                        w.Property("default", f.DefaultInt != 0);
                        break;
                    case SettingField.KindChoice:
                        w.Property("default", f.DefaultValueText);
                        w.Name("choices").BeginArray();
                        foreach (string choice in f.Choices!)
                        {
                            w.String(choice);
                        }

                        w.EndArray();
                        break;
                    default:
                        w.Property("maxlength", f.Max);
                        if (!f.Has(SettingField.Secret))
                        {
                            w.Property("default", f.DefaultText);
                        }

                        break;
                }

                w.EndObject();
            }

            w.EndObject();
        }
    }
}
