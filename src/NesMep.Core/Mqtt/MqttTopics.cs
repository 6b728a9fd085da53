namespace NesMep.Core.Mqtt
{
    /// <summary>
    /// Every topic the module publishes or subscribes to, derived from the settings (docs/mqtt.md).
    /// The five Dabbler topics and <c>&lt;base&gt;/lwt</c> are the Dabbler firmware's contract
    /// (protocol reference §8); the rest are NesMep's own.
    /// </summary>
    public sealed class MqttTopics
    {
        /// <summary>Payloads of <see cref="Lwt"/>, spelled as the Dabbler firmware does.</summary>
        public const string LwtOnline = "Online";
        public const string LwtOffline = "Offline";

        /// <summary>Payloads of <see cref="Availability"/>.</summary>
        public const string AvailabilityOnline = "online";
        public const string AvailabilityOffline = "offline";

        /// <summary>Home Assistant's birth/will payload that asks for a re-announcement.</summary>
        public const string HaOnline = "online";

        public MqttTopics(MqttSettings settings)
        {
            string b = settings.BaseTopic;
            Base = b;
            Lwt = b + "/lwt";
            Availability = b + "/availability";
            State = b + "/state";
            Diagnostics = b + "/diagnostics";
            DabblerSensors = b + "/sensors/mydatajson";
            DabblerTotal = b + "/meterConsumptionTotal/mydatajson";
            DabblerFwd = b + "/meterConsumptionFwd/mydatajson";
            DabblerRev = b + "/meterConsumptionRev/mydatajson";
            DabblerFrequency = b + "/frequency/mydatajson";
            DiscoveryPrefix = settings.DiscoveryPrefix;
            HaStatus = settings.DiscoveryPrefix + "/status";
        }

        public string Base { get; private set; }

        /// <summary>Retained "Online"/"Offline": the module's connection to the broker (last will "Offline").</summary>
        public string Lwt { get; private set; }

        /// <summary>Retained "online"/"offline": whether meter values are flowing (link up and data fresh).</summary>
        public string Availability { get; private set; }

        /// <summary>Every quantity in SI-style units (JSON, null when unavailable); the discovery state topic.</summary>
        public string State { get; private set; }

        /// <summary>Link state, counters, data age, uptime (JSON).</summary>
        public string Diagnostics { get; private set; }

        public string DabblerSensors { get; private set; }

        public string DabblerTotal { get; private set; }

        public string DabblerFwd { get; private set; }

        public string DabblerRev { get; private set; }

        public string DabblerFrequency { get; private set; }

        public string DiscoveryPrefix { get; private set; }

        /// <summary>Home Assistant's birth message topic, e.g. homeassistant/status.</summary>
        public string HaStatus { get; private set; }

        /// <summary>"nesmep_" plus the meter serial reduced to [A-Za-z0-9_-]: the discovery node id and unique_id stem.</summary>
        public static string NodeId(string meterSerial)
        {
            return "nesmep_" + MqttSettings.Sanitize(meterSerial, '_');
        }

        /// <summary>&lt;prefix&gt;/&lt;component&gt;/&lt;node&gt;/&lt;object&gt;/config.</summary>
        public string DiscoveryConfig(string component, string meterSerial, string objectId)
        {
            return DiscoveryPrefix + "/" + component + "/" + NodeId(meterSerial) + "/" + objectId + "/config";
        }
    }
}
