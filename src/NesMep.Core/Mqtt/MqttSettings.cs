using NesMep.Core.Settings;
using NesMep.Core.Web;

namespace NesMep.Core.Mqtt
{
    /// <summary>
    /// MQTT settings shared by the firmware and the Linux host (docs/mqtt.md). Plain fields, so the
    /// device can fill them from its settings store and the host from its JSON file or a URL.
    /// <see cref="Validate"/> names the setting in every message.
    /// </summary>
    public sealed class MqttSettings
    {
        /// <summary>Publish every <see cref="IntervalS"/> seconds.</summary>
        public const int ModeInterval = 0;

        /// <summary>Publish when a value changes, at most every <see cref="MinIntervalS"/> seconds, and at least every <see cref="IntervalS"/> seconds.</summary>
        public const int ModeOnChange = 1;

        public const int DefaultPort = 1883;
        public const int DefaultTlsPort = 8883;
        public static readonly string DefaultBaseTopic = SettingsTable.MqttBaseTopic.DefaultText;
        public static readonly string DefaultDiscoveryPrefix = SettingsTable.MqttDiscoveryPrefix.DefaultText;
        public static readonly int MaxTopicPrefixLength = SettingsTable.MqttBaseTopic.Max;
        public static readonly int MaxClientIdLength = SettingsTable.MqttClientId.Max;

        /// <summary>Longest user name and password (MQTT allows 65535 bytes; no broker account needs more than this).</summary>
        public static readonly int MaxUserLength = SettingsTable.MqttUser.Max;

        public static readonly int MaxPasswordLength = SettingsTable.MqttPassword.Max;

        /// <summary>Longest certificate file path and configuration_url.</summary>
        public static readonly int MaxPathLength = SettingsTable.MqttCaFile.Max;

        /// <summary>Broker host name or address.</summary>
        public string Host = SettingsTable.MqttHost.DefaultText;

        /// <summary>Broker port; 0 means the default for <see cref="Tls"/> (1883 or 8883).</summary>
        public int Port = SettingsTable.MqttPort.DefaultInt;

        public bool Tls = SettingsTable.MqttTls.DefaultInt != 0;

        /// <summary>CA certificate (PEM) that signed the broker's certificate; empty: the platform's trust store.</summary>
        public string CaFile = SettingsTable.MqttCaFile.DefaultText;

        /// <summary>Optional client certificate (PEM or PKCS#12) for brokers that require one.</summary>
        public string ClientCert = SettingsTable.MqttClientCert.DefaultText;

        /// <summary>Private key (PEM) of <see cref="ClientCert"/> when it is not inside the certificate file.</summary>
        public string ClientKey = SettingsTable.MqttClientKey.DefaultText;

        /// <summary>Empty: connect without credentials.</summary>
        public string User = SettingsTable.MqttUser.DefaultText;

        public string Password = SettingsTable.MqttPassword.DefaultText;

        /// <summary>Empty: the platform derives one that is unique per device (see <see cref="DefaultClientId"/>).</summary>
        public string ClientId = SettingsTable.MqttClientId.DefaultText;

        /// <summary>Prefix of the Dabbler-compatible topics and of the module's own topics.</summary>
        public string BaseTopic = DefaultBaseTopic;

        public string DiscoveryPrefix = DefaultDiscoveryPrefix;

        /// <summary>Publish Home Assistant discovery configs (false: remove the ones published before).</summary>
        public bool Discovery = SettingsTable.MqttDiscovery.DefaultInt != 0;

        public int PublishMode = SettingsTable.MqttPublishMode.DefaultInt;

        /// <summary>Interval mode: the publish period. On-change mode: the longest silence (heartbeat).</summary>
        public int IntervalS = SettingsTable.MqttIntervalS.DefaultInt;

        /// <summary>On-change mode: the shortest time between two state publications.</summary>
        public int MinIntervalS = SettingsTable.MqttMinIntervalS.DefaultInt;

        public int KeepAliveS = SettingsTable.MqttKeepAliveS.DefaultInt;

        /// <summary>Web UI address for the Home Assistant device page ("configuration_url"); empty: omitted.</summary>
        public string ConfigurationUrl = SettingsTable.MqttConfigurationUrl.DefaultText;

        /// <summary>The port to connect to: <see cref="Port"/>, or the protocol default.</summary>
        public int EffectivePort
        {
            get { return Port != 0 ? Port : Tls ? DefaultTlsPort : DefaultPort; }
        }

        /// <summary>Seconds after which Home Assistant marks a value unavailable when no update came.</summary>
        public int ExpireAfterS
        {
            get
            {
                int s = 3 * IntervalS;
                return s < 30 ? 30 : s;
            }
        }

        /// <summary>"interval" or "on_change".</summary>
        public string PublishModeName
        {
            get { return SettingsTable.MqttPublishMode.IntToText(PublishMode == ModeOnChange ? ModeOnChange : ModeInterval); }
        }

        /// <summary>A field-by-field copy (the platform fills in defaults on the copy).</summary>
        public MqttSettings Copy()
        {
            MqttSettings c = new MqttSettings();
            c.Host = Host;
            c.Port = Port;
            c.Tls = Tls;
            c.CaFile = CaFile;
            c.ClientCert = ClientCert;
            c.ClientKey = ClientKey;
            c.User = User;
            c.Password = Password;
            c.ClientId = ClientId;
            c.BaseTopic = BaseTopic;
            c.DiscoveryPrefix = DiscoveryPrefix;
            c.Discovery = Discovery;
            c.PublishMode = PublishMode;
            c.IntervalS = IntervalS;
            c.MinIntervalS = MinIntervalS;
            c.KeepAliveS = KeepAliveS;
            c.ConfigurationUrl = ConfigurationUrl;
            return c;
        }

        /// <summary>Parses "interval" / "on_change"; false for anything else.</summary>
        public bool TrySetPublishMode(string name)
        {
            int mode = SettingsTable.MqttPublishMode.ChoiceIndex(name);
            if (mode < 0)
            {
                return false;
            }

            PublishMode = mode;
            return true;
        }

        /// <summary>
        /// Null when usable, else the first problem as "key: what is wrong (allowed)" — the same
        /// checks and words as every other setting (<see cref="SettingsValidator"/>), MQTT switched on.
        /// </summary>
        public string? Validate()
        {
            ModuleSettings s = new ModuleSettings();
            s.Mqtt = this;
            s.MqttEnabled = true;
            return SettingsValidator.FirstError(s, false);
        }

        /// <summary>
        /// "nesmep-" plus a device-specific tag (the MAC address on the module, host name and a short
        /// hash on Linux), reduced to [a-z0-9_-] and cut to <see cref="MaxClientIdLength"/> characters.
        /// </summary>
        public static string DefaultClientId(string deviceTag)
        {
            string tag = Sanitize(deviceTag == null ? "" : deviceTag.ToLower(), '-');
            if (tag.Length == 0)
            {
                tag = "module";
            }

            string id = "nesmep-" + tag;
            return id.Length > MaxClientIdLength ? id.Substring(0, MaxClientIdLength) : id;
        }

        /// <summary>Keeps [A-Za-z0-9_-]; every other character becomes <paramref name="replacement"/>.</summary>
        public static string Sanitize(string text, char replacement)
        {
            char[] chars = text.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (!IsIdChar(chars[i]))
                {
                    chars[i] = replacement;
                }
            }

            return new string(chars);
        }

        /// <summary>Null when <paramref name="prefix"/> is usable as the start of a topic name.</summary>
        public static string? CheckPrefix(string prefix)
        {
            if (prefix == null || prefix.Length == 0)
            {
                return "must not be empty";
            }

            if (prefix.Length > MaxTopicPrefixLength)
            {
                return "at most " + MaxTopicPrefixLength + " characters";
            }

            char[] chars = prefix.ToCharArray();
            if (chars[0] == '/' || chars[chars.Length - 1] == '/')
            {
                return "no leading or trailing '/'";
            }

            if (prefix.IndexOf("//") >= 0)
            {
                return "no empty level ('//')";
            }

            foreach (char c in chars)
            {
                if (c == '+' || c == '#')
                {
                    return "wildcards '+' and '#' are not allowed";
                }

                if (c < ' ' || c == (char)0x7F || c == ' ')
                {
                    return "no spaces or control characters";
                }
            }

            return null;
        }

        private static bool IsIdChar(char c)
        {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        }

        /// <summary>Letters, digits, '-', '_', '.' (and spaces when allowed): what a client id may hold.</summary>
        public static bool IsPrintable(string s, bool allowSpace)
        {
            foreach (char c in s.ToCharArray())
            {
                if (!(IsIdChar(c) || c == '.' || (allowSpace && c == ' ')))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
