// Facade of nanoFramework.M2Mqtt 5.1.206 (NuGet package nanoFramework.M2Mqtt), nanoFramework.M2Mqtt.MqttClient, MqttProtocolVersion and MqttSslProtocols.
// Declarations only, written by us from the upstream nanoframework/nanoFramework.m2mqtt sources; build-time use only, never shipped.
// 5.1.206 is the newest version seen paired with CoreLibrary 1.17.11 that still ships every type in the one assembly
// (nanoframework/Samples MQTT/AdvancedExample.Azure); from 5.1.215 the package also depends on nanoFramework.M2Mqtt.Core.
// Behaviour the firmware must respect: Connect opens the socket (and TLS) synchronously, waits up to 30 s for CONNACK
// and then starts its receive, keep-alive, dispatch and in-flight threads; Publish only enqueues and throws
// MqttClientException when the in-flight queue holds MqttSettings.InflightQueueSize messages (default int.MaxValue).
namespace nanoFramework.M2Mqtt
{
    public class MqttClient : System.IDisposable
    {
        public MqttClient(string brokerHostName) => throw null;
        public MqttClient(string brokerHostName, int brokerPort, bool secure, System.Security.Cryptography.X509Certificates.X509Certificate caCert, System.Security.Cryptography.X509Certificates.X509Certificate clientCert, MqttSslProtocols sslProtocol) => throw null;

        public delegate void MqttMsgPublishEventHandler(object sender, Messages.MqttMsgPublishEventArgs e);
        public delegate void ConnectionClosedEventHandler(object sender, System.EventArgs e);

        // MqttMsgPublished (added for the firmware's in-flight count, read in nanoframework/nanoFramework.m2mqtt
        // M2Mqtt/MqttClient.cs): raised from the client's dispatch thread when a QoS 1/2 message is acknowledged or
        // given up after its retries (IsPublished false); a QoS 0 message raises none (sent, never acknowledged).
        public delegate void MqttMsgPublishedEventHandler(object sender, Messages.MqttMsgPublishedEventArgs e);

        public event MqttMsgPublishEventHandler MqttMsgPublishReceived { add => throw null; remove => throw null; }
        public event ConnectionClosedEventHandler ConnectionClosed { add => throw null; remove => throw null; }
        public event MqttMsgPublishedEventHandler MqttMsgPublished { add => throw null; remove => throw null; }

        public bool IsConnected => throw null;
        public string ClientId => throw null;
        public MqttProtocolVersion ProtocolVersion { get => throw null; set => throw null; }

        public Messages.MqttReasonCode Connect(string clientId) => throw null;
        public Messages.MqttReasonCode Connect(string clientId, bool cleanSession) => throw null;
        public Messages.MqttReasonCode Connect(string clientId, string username, string password) => throw null;
        public Messages.MqttReasonCode Connect(string clientId, string username, string password, bool cleanSession, ushort keepAlivePeriod) => throw null;
        public Messages.MqttReasonCode Connect(string clientId, string username, string password, bool willRetain, Messages.MqttQoSLevel willQosLevel, bool willFlag, string willTopic, string willMessage, bool cleanSession, ushort keepAlivePeriod) => throw null;
        public void Disconnect() => throw null;
        public void Close() => throw null;
        public ushort Subscribe(string[] topics, Messages.MqttQoSLevel[] qosLevels) => throw null;
        public ushort Unsubscribe(string[] topics) => throw null;
        public ushort Publish(string topic, byte[] message) => throw null;
        public ushort Publish(string topic, byte[] message, string contentType, System.Collections.ArrayList userProperties, Messages.MqttQoSLevel qosLevel, bool retain) => throw null;
        public void Dispose() => throw null;
    }

    public enum MqttProtocolVersion
    {
        Version_3_1 = 0x03,
        Version_3_1_1 = 0x04,
        Version_5 = 0x05,
    }

    public enum MqttSslProtocols
    {
        None,
        SSLv3,
        TLSv1_0,
        TLSv1_1,
        TLSv1_2,
    }
}
