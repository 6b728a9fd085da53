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
        public const string DefaultBaseTopic = "nesmep";
        public const string DefaultDiscoveryPrefix = "homeassistant";
        public const int MaxTopicPrefixLength = 64;
        public const int MaxClientIdLength = 64;

        /// <summary>Longest user name and password (MQTT allows 65535 bytes; no broker account needs more than this).</summary>
        public const int MaxUserLength = 128;

        public const int MaxPasswordLength = 128;

        /// <summary>Longest certificate file path and configuration_url.</summary>
        public const int MaxPathLength = 1024;

        /// <summary>Broker host name or address.</summary>
        public string Host = "";

        /// <summary>Broker port; 0 means the default for <see cref="Tls"/> (1883 or 8883).</summary>
        public int Port;

        public bool Tls;

        /// <summary>CA certificate (PEM) that signed the broker's certificate; empty: the platform's trust store.</summary>
        public string CaFile = "";

        /// <summary>Optional client certificate (PEM or PKCS#12) for brokers that require one.</summary>
        public string ClientCert = "";

        /// <summary>Private key (PEM) of <see cref="ClientCert"/> when it is not inside the certificate file.</summary>
        public string ClientKey = "";

        /// <summary>Empty: connect without credentials.</summary>
        public string User = "";

        public string Password = "";

        /// <summary>Empty: the platform derives one that is unique per device (see <see cref="DefaultClientId"/>).</summary>
        public string ClientId = "";

        /// <summary>Prefix of the Dabbler-compatible topics and of the module's own topics.</summary>
        public string BaseTopic = DefaultBaseTopic;

        public string DiscoveryPrefix = DefaultDiscoveryPrefix;

        /// <summary>Publish Home Assistant discovery configs (false: remove the ones published before).</summary>
        public bool Discovery = true;

        public int PublishMode = ModeInterval;

        /// <summary>Interval mode: the publish period. On-change mode: the longest silence (heartbeat).</summary>
        public int IntervalS = 10;

        /// <summary>On-change mode: the shortest time between two state publications.</summary>
        public int MinIntervalS = 1;

        public int KeepAliveS = 60;

        /// <summary>Web UI address for the Home Assistant device page ("configuration_url"); empty: omitted.</summary>
        public string ConfigurationUrl = "";

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
            get { return PublishMode == ModeOnChange ? "on_change" : "interval"; }
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
            if (name == "interval")
            {
                PublishMode = ModeInterval;
                return true;
            }

            if (name == "on_change")
            {
                PublishMode = ModeOnChange;
                return true;
            }

            return false;
        }

        /// <summary>Null when usable, else the first problem, starting with the setting's name.</summary>
        public string? Validate()
        {
            string? error = BrokerHost.Check(Host);
            if (error != null)
            {
                return "host: " + error;
            }

            if (Port < 0 || Port > 65535)
            {
                return "port: must be 1..65535 (0 or absent: 1883, or 8883 with TLS)";
            }

            error = CheckText("user", User, MaxUserLength) ?? CheckText("password", Password, MaxPasswordLength)
                ?? CheckText("ca_file", CaFile, MaxPathLength) ?? CheckText("client_cert", ClientCert, MaxPathLength)
                ?? CheckText("client_key", ClientKey, MaxPathLength) ?? CheckText("configuration_url", ConfigurationUrl, MaxPathLength);
            if (error != null)
            {
                return error;
            }

            if (!Tls && (NotEmpty(CaFile) || NotEmpty(ClientCert) || NotEmpty(ClientKey)))
            {
                return "tls: ca_file, client_cert and client_key need tls on (or an mqtts:// URL)";
            }

            if (NotEmpty(ClientKey) && !NotEmpty(ClientCert))
            {
                return "client_key: give client_cert too";
            }

            if (!NotEmpty(User) && NotEmpty(Password))
            {
                return "password: give user too (MQTT 3.1.1 has no password without a user name)";
            }

            if (ClientId != null && ClientId.Length > MaxClientIdLength)
            {
                return "client_id: at most " + MaxClientIdLength + " characters";
            }

            if (ClientId != null && !IsPrintable(ClientId, false))
            {
                return "client_id: use letters, digits, '-', '_' or '.' only";
            }

            error = CheckPrefix(BaseTopic);
            if (error != null)
            {
                return "base_topic: " + error;
            }

            error = CheckPrefix(DiscoveryPrefix);
            if (error != null)
            {
                return "discovery_prefix: " + error;
            }

            if (PublishMode != ModeInterval && PublishMode != ModeOnChange)
            {
                return "publish_mode: use interval or on_change";
            }

            if (IntervalS < 1 || IntervalS > 3600)
            {
                return "interval_s: must be 1..3600 seconds";
            }

            if (MinIntervalS < 0 || MinIntervalS > IntervalS)
            {
                return "min_interval_s: must be 0..interval_s (" + IntervalS + ") seconds";
            }

            if (KeepAliveS < 5 || KeepAliveS > 3600)
            {
                return "keep_alive_s: must be 5..3600 seconds";
            }

            if (NotEmpty(ConfigurationUrl) && !ConfigurationUrl.StartsWith("http://") && !ConfigurationUrl.StartsWith("https://"))
            {
                return "configuration_url: must start with http:// or https://";
            }

            return null;
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

        private static bool IsPrintable(string s, bool allowSpace)
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

        /// <summary>The free-text check (<see cref="TextSetting"/>) with the setting's name in front.</summary>
        private static string? CheckText(string name, string value, int maxLength)
        {
            string? error = TextSetting.Check(value, maxLength);
            return error == null ? null : name + ": " + error;
        }

        private static bool NotEmpty(string s)
        {
            return s != null && s.Length > 0;
        }
    }
}
