namespace NesMep.Core.Mqtt
{
    /// <summary>States of an <see cref="IMqttConnection"/>.</summary>
    public static class MqttConnectionState
    {
        /// <summary>Never started, or closed by <see cref="IMqttConnection.Disconnect"/> / <see cref="IMqttConnection.Abort"/>.</summary>
        public const int Idle = 0;

        /// <summary><see cref="IMqttConnection.StartConnect"/> was called; TCP, TLS or CONNACK still under way.</summary>
        public const int Connecting = 1;

        /// <summary>CONNACK accepted; publications may be handed over.</summary>
        public const int Connected = 2;

        /// <summary>The attempt failed (see <see cref="IMqttConnection.ErrorKind"/>) or the connection broke.</summary>
        public const int Closed = 3;
    }

    /// <summary>
    /// One broker connection as <see cref="MqttSupervisor"/> drives it: the Linux host implements it with
    /// MQTTnet, the device with nanoFramework.M2Mqtt. Every member returns at once (work happens on the
    /// adapter's own I/O); the supervisor polls <see cref="State"/> from its step. The adapter is built
    /// with the broker address, credentials, TLS files and the retained will; it owns keep-alive.
    /// </summary>
    public interface IMqttConnection
    {
        /// <summary>One of <see cref="MqttConnectionState"/>.</summary>
        int State { get; }

        /// <summary>Why the last attempt failed or the connection closed (<see cref="MqttErrorKind.None"/> before that).</summary>
        MqttErrorKind ErrorKind { get; }

        /// <summary>The failure in words, naming the broker (never a password).</summary>
        string ErrorText { get; }

        /// <summary>Publications handed over and not yet finished (QoS 1: not yet acknowledged).</summary>
        int Pending { get; }

        /// <summary>Starts a new attempt (closing any previous connection); <see cref="State"/> becomes Connecting.</summary>
        void StartConnect();

        /// <summary>Hands a message over for sending; false when not connected or too many are pending (try again later).</summary>
        bool TryPublish(string topic, byte[] payload, int qos, bool retain);

        /// <summary>Subscribes to the filters at QoS 1 (the SUBACK is not waited for).</summary>
        void Subscribe(string[] filters);

        /// <summary>Takes the oldest message received since the last call; false when none is waiting.</summary>
        bool TryReceive(out string topic, out byte[] payload);

        /// <summary>Sends DISCONNECT (the broker then discards the will) and closes.</summary>
        void Disconnect();

        /// <summary>Closes without DISCONNECT, so the broker publishes the will; also ends an attempt under way.</summary>
        void Abort();
    }
}
