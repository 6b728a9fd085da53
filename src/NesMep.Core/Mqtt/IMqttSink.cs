namespace NesMep.Core.Mqtt
{
    /// <summary>
    /// Where <see cref="MqttPublisher"/> hands its messages: the host's bounded outgoing queue, or
    /// nanoFramework.M2Mqtt's Publish on the device. Must never block (the publisher runs under the
    /// module lock): when the message cannot be taken now, return false and the publisher retries
    /// or drops it as its rules say.
    /// </summary>
    public interface IMqttSink
    {
        bool TryPublish(string topic, byte[] payload, int qos, bool retain);
    }
}
