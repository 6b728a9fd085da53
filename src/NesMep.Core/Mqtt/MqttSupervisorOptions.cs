namespace NesMep.Core.Mqtt
{
    /// <summary>Timing and size limits of <see cref="MqttSupervisor"/> (tests shorten them); the one place for their defaults.</summary>
    public sealed class MqttSupervisorOptions
    {
        public MqttSupervisorOptions()
        {
            InitialBackoffMs = 1000;
            MaxBackoffMs = 60000;
            StableConnectionMs = 10000;
            ConnectTimeoutMs = 10000;
            PollIntervalMs = 100;
            DrainRetryMs = 1000;
            ShutdownFlushMs = 2000;
            OutboxCapacity = 256;
            OutboxMaxBytes = 256 * 1024;
        }

        /// <summary>First reconnect delay; doubles after every failed attempt up to <see cref="MaxBackoffMs"/>.</summary>
        public int InitialBackoffMs { get; set; }

        public int MaxBackoffMs { get; set; }

        /// <summary>
        /// A connection lost sooner than this after its CONNACK counts as a failed attempt: the back-off
        /// keeps growing instead of starting again at <see cref="InitialBackoffMs"/>, so a broker that
        /// accepts and then drops at once (duplicate client id, ACL) is not reconnected to every second.
        /// </summary>
        public int StableConnectionMs { get; set; }

        /// <summary>An attempt not connected after this long is abandoned and counts as a failure.</summary>
        public int ConnectTimeoutMs { get; set; }

        /// <summary>
        /// While stopping, how often the supervisor checks whether the broker took "Offline" (and the retry after
        /// an unexpected error in the host's loop). A connected supervisor does not poll: it sleeps until the
        /// publisher's next due time (<see cref="MqttPublisher.NextDueMs"/>).
        /// </summary>
        public int PollIntervalMs { get; set; }

        /// <summary>
        /// While the connection refuses what the outbox holds (too many publications wait for their acknowledgement),
        /// the longest wait before trying again; the connection's activity (an acknowledgement) usually wakes sooner.
        /// </summary>
        public int DrainRetryMs { get; set; }

        /// <summary>On shutdown, how long the broker gets to take the "Offline" messages before the connection is closed.</summary>
        public int ShutdownFlushMs { get; set; }

        /// <summary>
        /// The outbox a device sets (issue 10's heap budget): a discovery round of ~40 configs of ~0.7 KB then waits
        /// a few messages at a time instead of all at once; the publisher resumes it as the outbox drains.
        /// </summary>
        public const int DeviceOutboxCapacity = 8;

        /// <summary>Payload bytes the device's outbox holds (see <see cref="DeviceOutboxCapacity"/>).</summary>
        public const int DeviceOutboxMaxBytes = 4096;

        /// <summary>Distinct topics the outbox holds.</summary>
        public int OutboxCapacity { get; set; }

        /// <summary>Payload bytes the outbox holds.</summary>
        public int OutboxMaxBytes { get; set; }
    }
}
