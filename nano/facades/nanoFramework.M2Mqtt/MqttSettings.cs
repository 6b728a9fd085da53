// Facade of nanoFramework.M2Mqtt 5.1.206 (NuGet package nanoFramework.M2Mqtt), nanoFramework.M2Mqtt.MqttSettings.
// Declarations only, written by us from the upstream nanoframework/nanoFramework.m2mqtt sources; build-time use only, never shipped.
// A process-wide singleton shared by every MqttClient.
namespace nanoFramework.M2Mqtt
{
    public class MqttSettings
    {
        internal MqttSettings() => throw null;
        public const int BrokerDefaultPort = 1883;
        public const int BrokerDefaultSslPort = 8883;
        public static MqttSettings Instance => throw null;
        public int InflightQueueSize { get => throw null; set => throw null; }
    }
}
