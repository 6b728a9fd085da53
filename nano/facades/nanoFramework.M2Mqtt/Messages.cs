// Facade of nanoFramework.M2Mqtt 5.1.206 (NuGet package nanoFramework.M2Mqtt), nanoFramework.M2Mqtt.Messages.MqttQoSLevel, MqttReasonCode and MqttMsgPublishEventArgs.
// Declarations only, written by us from the upstream nanoframework/nanoFramework.m2mqtt sources; build-time use only, never shipped.
// MqttReasonCode: only Success is declared (the firmware compares the CONNACK result with it; a refusal is read as
// the MQTT 3.1.1 CONNACK return code, 1..5). MqttMsgPublishedEventArgs: MessageId and IsPublished (get; set upstream).
namespace nanoFramework.M2Mqtt.Messages
{
    public enum MqttQoSLevel
    {
        AtMostOnce = 0x00,
        AtLeastOnce = 0x01,
        ExactlyOnce = 0x02,
        GrantedFailure = 0x80,
    }

    public enum MqttReasonCode
    {
        Success = 0x00,
    }

    public class MqttMsgPublishEventArgs : System.EventArgs
    {
        public MqttMsgPublishEventArgs(string topic, byte[] message, bool dupFlag, MqttQoSLevel qosLevel, bool retain) => throw null;
        public string Topic => throw null;
        public byte[] Message => throw null;
        public bool DupFlag => throw null;
        public MqttQoSLevel QosLevel => throw null;
        public bool Retain => throw null;
    }

    public class MqttMsgPublishedEventArgs : System.EventArgs
    {
        public MqttMsgPublishedEventArgs(ushort messageId) => throw null;
        public MqttMsgPublishedEventArgs(ushort messageId, bool isPublished) => throw null;
        public ushort MessageId { get => throw null; set => throw null; }
        public bool IsPublished { get => throw null; set => throw null; }
    }
}
