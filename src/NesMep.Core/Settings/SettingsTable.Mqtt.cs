namespace NesMep.Core.Settings
{
    /// <summary>The MQTT settings of <see cref="SettingsTable"/>.</summary>
    public static partial class SettingsTable
    {
        public static SettingField MqttEnabled
        {
            get
            {
                return new SettingField(SettingId.MqttEnabled, "mqtt", "enabled", Bool, 0, 1, 0, "", null,
                    Ui | Restart, SettingRule.None, "", "mqtt_enabled", "MQTT");
            }
        }

        public static SettingField MqttHost
        {
            get
            {
                return new SettingField(SettingId.MqttHost, "mqtt", "host", Text, 0, NesMep.Core.Mqtt.BrokerHost.MaxLength, 0, "", null,
                    Ui | Restart, SettingRule.BrokerHost, "", "mqtt_host", "MQTT");
            }
        }

        public static SettingField MqttPort
        {
            get
            {
                return new SettingField(SettingId.MqttPort, "mqtt", "port", Int, 0, 65535, 0, "", null,
                    Ui | Restart, SettingRule.None, "(0: 1883, or 8883 with TLS)", "mqtt_port", "MQTT");
            }
        }

        public static SettingField MqttTls
        {
            get
            {
                return new SettingField(SettingId.MqttTls, "mqtt", "tls", Bool, 0, 1, 0, "", null,
                    Ui | Restart, SettingRule.None, "", "mqtt_tls", "MQTT");
            }
        }

        public static SettingField MqttUser
        {
            get
            {
                return new SettingField(SettingId.MqttUser, "mqtt", "user", Text, 0, 128, 0, "", null,
                    Ui | Restart, SettingRule.None, "", "mqtt_user", "MQTT");
            }
        }

        public static SettingField MqttPassword
        {
            get
            {
                return new SettingField(SettingId.MqttPassword, "mqtt", "password", Text, 0, 128, 0, "", null,
                    Ui | Restart | Secret, SettingRule.None, "", "mqtt_password", "MQTT");
            }
        }

        public static SettingField MqttClientId
        {
            get
            {
                return new SettingField(SettingId.MqttClientId, "mqtt", "client_id", Text, 0, 64, 0, "", null,
                    Ui | Restart, SettingRule.ClientId, "", "mqtt_client_id", "MQTT");
            }
        }

        public static SettingField MqttBaseTopic
        {
            get
            {
                return new SettingField(SettingId.MqttBaseTopic, "mqtt", "base_topic", Text, 0, 64, 0, "nesmep", null,
                    Ui | Restart, SettingRule.TopicPrefix, "", "mqtt_base_topic", "MQTT");
            }
        }

        public static SettingField MqttDiscovery
        {
            get
            {
                return new SettingField(SettingId.MqttDiscovery, "mqtt", "discovery", Bool, 0, 1, 1, "", null,
                    Ui | Restart, SettingRule.None, "", "mqtt_discovery", "MQTT");
            }
        }

        public static SettingField MqttDiscoveryPrefix
        {
            get
            {
                return new SettingField(SettingId.MqttDiscoveryPrefix, "mqtt", "discovery_prefix", Text, 0, 64, 0, "homeassistant", null,
                    Ui | Restart, SettingRule.TopicPrefix, "", "mqtt_discovery_prefix", "MQTT");
            }
        }

        public static SettingField MqttPublishMode
        {
            get
            {
                return new SettingField(SettingId.MqttPublishMode, "mqtt", "publish_mode", Choice, 0, 0, 0, "", PublishModes,
                    Ui | Restart, SettingRule.None, "", "mqtt_publish_mode", "MQTT");
            }
        }

        public static SettingField MqttIntervalS
        {
            get
            {
                return new SettingField(SettingId.MqttIntervalS, "mqtt", "interval_s", Int, 1, 3600, 10, "", null,
                    Ui | Restart, SettingRule.None, "seconds", "mqtt_interval_s", "MQTT");
            }
        }

        public static SettingField MqttMinIntervalS
        {
            get
            {
                return new SettingField(SettingId.MqttMinIntervalS, "mqtt", "min_interval_s", Int, 0, 3600, 1, "", null,
                    Ui | Restart, SettingRule.None, "seconds", "mqtt_min_interval_s", "MQTT");
            }
        }

        public static SettingField MqttKeepAliveS
        {
            get
            {
                return new SettingField(SettingId.MqttKeepAliveS, "mqtt", "keep_alive_s", Int, 5, 3600, 60, "", null,
                    Restart, SettingRule.None, "seconds", null, "MQTT");
            }
        }

        public static SettingField MqttCaFile
        {
            get
            {
                return new SettingField(SettingId.MqttCaFile, "mqtt", "ca_file", Text, 0, 1024, 0, "", null,
                    Restart, SettingRule.None, "", null, "MQTT");
            }
        }

        public static SettingField MqttClientCert
        {
            get
            {
                return new SettingField(SettingId.MqttClientCert, "mqtt", "client_cert", Text, 0, 1024, 0, "", null,
                    Restart, SettingRule.None, "", null, "MQTT");
            }
        }

        public static SettingField MqttClientKey
        {
            get
            {
                return new SettingField(SettingId.MqttClientKey, "mqtt", "client_key", Text, 0, 1024, 0, "", null,
                    Restart, SettingRule.None, "", null, "MQTT");
            }
        }

        public static SettingField MqttConfigurationUrl
        {
            get
            {
                return new SettingField(SettingId.MqttConfigurationUrl, "mqtt", "configuration_url", Text, 0, 1024, 0, "", null,
                    Restart, SettingRule.HttpUrl, "", null, "MQTT");
            }
        }
    }
}
