namespace NesMep.Core.Mqtt
{
    /// <summary>
    /// Where <see cref="MqttPublisher"/> hands its messages (the core <see cref="MqttOutbox"/>, or a test
    /// recorder). Must never block (the publisher runs under the module lock): when the message cannot be
    /// taken now, return false and the publisher retries or drops it as its rules say.
    /// </summary>
    public interface IMqttSink
    {
        /// <summary>
        /// Whether a message for <paramref name="topic"/> would be taken now; the publisher asks before it
        /// builds a payload, so a full queue costs no payload string.
        /// </summary>
        bool CanAccept(string topic);

        bool TryPublish(string topic, byte[] payload, int qos, bool retain);
    }
}
