using System;
using System.Text;
using NesMep.Core.Mqtt;

namespace NesMep.Core.NanoTests.Support
{
    /// <summary>
    /// An <see cref="MqttPayloadBuilder"/> over a <see cref="PollRig"/> whose reading is populated by 30 virtual
    /// seconds against the loopback meter, with MQTT settings at their defaults and a Wi-Fi signal, building one
    /// payload kind at a time the way the publisher does.
    /// </summary>
    public sealed class MqttRig
    {
        public const int KindState = 0;
        public const int KindDabbler = 1;
        public const int KindDiagnostics = 2;
        public const int KindConfig = 3;
        public const int KindAvailability = 4;

        /// <summary>The Dabbler topics (sensors, total, fwd, rev, frequency).</summary>
        public const int DabblerTopics = 5;

        private readonly MqttSettings _settings;
        private readonly MqttTopics _topics;
        private readonly FixedSignal _wifi = new FixedSignal();
        private readonly DateTime _boot = new DateTime(2026, 12, 2, 6, 0, 0);

        public MqttRig()
            : this(MqttPayloadBuilder.DefaultBufferBytes)
        {
        }

        public MqttRig(int bufferBytes)
        {
            Poll = new PollRig();
            Poll.Run(30000);
            _settings = new MqttSettings();
            _settings.Host = "broker";
            _settings.ClientId = "nano-test";
            _topics = new MqttTopics(_settings);
            Builder = new MqttPayloadBuilder(bufferBytes);
            string serial = Poll.Reading.Identity.UtilitySerial;
            Serial = serial.Length == 0 ? "5706567012345678" : serial;
        }

        public PollRig Poll { get; private set; }

        public MqttPayloadBuilder Builder { get; private set; }

        public string Serial { get; private set; }

        /// <summary>One payload of <paramref name="kind"/>; <paramref name="index"/> is the Dabbler topic or the entity.</summary>
        public byte[] Build(int kind, int index)
        {
            long now = Poll.Clock.NowMs;
            switch (kind)
            {
                case KindState:
                    return Builder.State(Poll.Reading, now);
                case KindDabbler:
                    byte[]? body = Builder.Dabbler(Poll.Reading, now, DabblerKeys(index), DabblerQuantities(index));
                    if (body == null)
                    {
                        throw new InvalidOperationException("Dabbler topic " + index + " has no value after 30 s");
                    }

                    return body;
                case KindDiagnostics:
                    return Builder.Diagnostics(Poll.Context, now, _wifi, _boot);
                case KindConfig:
                    return Builder.Config(index, _settings, _topics, Poll.Context, Serial);
                default:
                    return Encoding.UTF8.GetBytes(MqttTopics.AvailabilityOnline); // what the publisher hands over
            }
        }

        private static string[] DabblerKeys(int topic)
        {
            switch (topic)
            {
                case 0: return MqttPayloads.SensorsKeys;
                case 1: return MqttPayloads.TotalKeys;
                case 2: return MqttPayloads.FwdKeys;
                case 3: return MqttPayloads.RevKeys;
                default: return MqttPayloads.FrequencyKeys;
            }
        }

        private static int[] DabblerQuantities(int topic)
        {
            switch (topic)
            {
                case 0: return MqttPayloads.SensorsQuantities;
                case 1: return MqttPayloads.TotalQuantities;
                case 2: return MqttPayloads.FwdQuantities;
                case 3: return MqttPayloads.RevQuantities;
                default: return MqttPayloads.FrequencyQuantities;
            }
        }

        private sealed class FixedSignal : IWifiSignal
        {
            public bool TryGetRssi(out int dbm)
            {
                dbm = -61;
                return true;
            }
        }
    }
}
