using NesMep.Core.Mqtt;

namespace NesMep.Core.Web
{
    /// <summary>
    /// Everything the configuration page edits, as the device stores it and the host maps it onto
    /// its config file. Secrets are held as entered (Wi-Fi password, meter key, MQTT password: the
    /// module needs them in clear) or as PBKDF2 hashes (web password, API token).
    /// </summary>
    public sealed class ModuleSettings
    {
        public const string DefaultHostname = "esp32-mep";

        public string WifiSsid = "";
        public string WifiPassword = "";

        /// <summary>The MEP key text in one of the forms MepKey accepts; empty: none configured.</summary>
        public string MeterKey = "";

        /// <summary>mDNS name on the device (default keeps the Home Assistant integration's default URL working).</summary>
        public string Hostname = DefaultHostname;

        /// <summary>PasswordHash text; empty until the first-start setup.</summary>
        public string WebPasswordHash = "";

        /// <summary>When true, /api/v1/reading, /info and /status need "Authorization: Bearer TOKEN" or a login.</summary>
        public bool RequireApiToken;
        public string ApiTokenHash = "";

        public bool MqttEnabled;
        public MqttSettings Mqtt = new MqttSettings();

        public int PollPowerMs = 1200;
        public int PollEnergyMs = 8000;
        public int PollSlowMs = 60000;

        public ModuleSettings Copy()
        {
            ModuleSettings c = new ModuleSettings();
            c.WifiSsid = WifiSsid;
            c.WifiPassword = WifiPassword;
            c.MeterKey = MeterKey;
            c.Hostname = Hostname;
            c.WebPasswordHash = WebPasswordHash;
            c.RequireApiToken = RequireApiToken;
            c.ApiTokenHash = ApiTokenHash;
            c.MqttEnabled = MqttEnabled;
            c.Mqtt = Mqtt.Copy();
            c.PollPowerMs = PollPowerMs;
            c.PollEnergyMs = PollEnergyMs;
            c.PollSlowMs = PollSlowMs;
            return c;
        }

        /// <summary>True when the meter runtime or MQTT must restart to use <paramref name="next"/>.</summary>
        public bool NeedsRestartFor(ModuleSettings next)
        {
            return WifiSsid != next.WifiSsid || WifiPassword != next.WifiPassword || MeterKey != next.MeterKey ||
                   Hostname != next.Hostname || MqttEnabled != next.MqttEnabled || !SameMqtt(Mqtt, next.Mqtt) ||
                   PollPowerMs != next.PollPowerMs || PollEnergyMs != next.PollEnergyMs || PollSlowMs != next.PollSlowMs;
        }

        /// <summary>Names of the groups that differ, for the log ("meter key, MQTT"); never values.</summary>
        public string DescribeChanges(ModuleSettings next)
        {
            string s = "";
            s = Append(s, WifiSsid != next.WifiSsid || WifiPassword != next.WifiPassword, "Wi-Fi");
            s = Append(s, MeterKey != next.MeterKey, "meter key");
            s = Append(s, Hostname != next.Hostname, "host name");
            s = Append(s, MqttEnabled != next.MqttEnabled || !SameMqtt(Mqtt, next.Mqtt), "MQTT");
            s = Append(s, PollPowerMs != next.PollPowerMs || PollEnergyMs != next.PollEnergyMs || PollSlowMs != next.PollSlowMs, "poll schedule");
            s = Append(s, WebPasswordHash != next.WebPasswordHash, "web password");
            s = Append(s, RequireApiToken != next.RequireApiToken || ApiTokenHash != next.ApiTokenHash, "API token");
            return s.Length == 0 ? "nothing" : s;
        }

        private static string Append(string list, bool changed, string name)
        {
            if (!changed)
            {
                return list;
            }

            return list.Length == 0 ? name : list + ", " + name;
        }

        private static bool SameMqtt(MqttSettings a, MqttSettings b)
        {
            return a.Host == b.Host && a.Port == b.Port && a.Tls == b.Tls && a.User == b.User && a.Password == b.Password &&
                   a.ClientId == b.ClientId && a.BaseTopic == b.BaseTopic && a.DiscoveryPrefix == b.DiscoveryPrefix &&
                   a.Discovery == b.Discovery && a.PublishMode == b.PublishMode && a.IntervalS == b.IntervalS &&
                   a.MinIntervalS == b.MinIntervalS && a.CaFile == b.CaFile && a.ClientCert == b.ClientCert &&
                   a.ClientKey == b.ClientKey && a.KeepAliveS == b.KeepAliveS && a.ConfigurationUrl == b.ConfigurationUrl;
        }
    }
}
