using NesMep.Core.Api;
using NesMep.Core.Json;
using NesMep.Core.Model;
using NesMep.Core.Web;

namespace NesMep.Core.Mqtt
{
    /// <summary>
    /// Builds the publisher's JSON payloads as UTF-8 in one bounded buffer it owns and reuses, and hands each
    /// out as the exact-size byte[] the MQTT clients publish (M2Mqtt and MQTTnet both take a byte[]): no
    /// payload string, no StringBuilder growing with the body, no second encoding copy (issue 10, "garbage
    /// per body"). A payload that fits the buffer is written once and copied out; a larger one is written
    /// once to learn its length (the chunks are discarded) and once more straight into the exact array, so
    /// however large a payload is, the builder's extra memory is the buffer. Its inputs are read before it
    /// writes (the Wi-Fi signal once per diagnostics body), so both passes write the same bytes; the module
    /// lock keeps the reading still. Not thread-safe: the publisher calls it under the module lock.
    /// </summary>
    public sealed class MqttPayloadBuilder
    {
        /// <summary>The buffer unless the host asks for another: the state body (about 1 KB) and every discovery config fit.</summary>
        public const int DefaultBufferBytes = 1536;

        /// <summary>Passes tried before a payload whose length changed between them is given up (cannot happen under the module lock).</summary>
        private const int MaxAttempts = 3;

        private const int KindState = 0;
        private const int KindDabbler = 1;
        private const int KindDiagnostics = 2;
        private const int KindConfig = 3;

        private readonly BodyWriter _body;
        private readonly JsonWriter _json;
        private readonly ExactSink _exact = new ExactSink();

        // The payload being built (set by the public methods, read by Write).
        private MeterReading? _reading;
        private long _now;
        private string[]? _keys;
        private int[]? _quantities;
        private ModuleContext? _context;
        private bool _hasWifi;
        private bool _rssiKnown;
        private int _dbm;
        private System.DateTime _bootUtc;
        private int _index;
        private MqttSettings? _settings;
        private MqttTopics? _topics;
        private string? _serial;

        public MqttPayloadBuilder(int bufferBytes)
        {
            _body = new BodyWriter(bufferBytes);
            _json = new JsonWriter(_body);
        }

        /// <summary>The reused buffer's size.</summary>
        public int BufferBytes
        {
            get { return _body.ChunkBytes; }
        }

        /// <summary>Most bytes the buffer held at once since it was made.</summary>
        public int PeakBytes
        {
            get { return _body.PeakBytes; }
        }

        /// <summary>Payloads larger than the buffer, written a second time into their exact array.</summary>
        public int SecondPasses { get; private set; }

        /// <summary>&lt;base&gt;/state (<see cref="MqttPayloads.WriteState"/>).</summary>
        public byte[] State(MeterReading? r, long now)
        {
            _reading = r;
            _now = now;
            return Build(KindState);
        }

        /// <summary>A Dabbler body, or null when none of its values is available (nothing is written then).</summary>
        public byte[]? Dabbler(MeterReading? r, long now, string[] keys, int[] quantities)
        {
            if (!MqttPayloads.AnyAvailable(r, now, quantities))
            {
                return null;
            }

            _reading = r;
            _now = now;
            _keys = keys;
            _quantities = quantities;
            return Build(KindDabbler);
        }

        /// <summary>&lt;base&gt;/diagnostics (<see cref="MqttPayloads.WriteDiagnostics"/>); the signal is read here, once.</summary>
        public byte[] Diagnostics(ModuleContext context, long now, IWifiSignal? wifi, System.DateTime bootUtc)
        {
            int dbm = 0;
            _rssiKnown = wifi != null && wifi.TryGetRssi(out dbm);
            _dbm = dbm;
            _hasWifi = wifi != null;
            _context = context;
            _now = now;
            _bootUtc = bootUtc;
            return Build(KindDiagnostics);
        }

        /// <summary>The discovery config of entity <paramref name="index"/> (<see cref="HaDiscovery.WriteConfig"/>).</summary>
        public byte[] Config(int index, MqttSettings settings, MqttTopics topics, ModuleContext context, string serial)
        {
            _index = index;
            _settings = settings;
            _topics = topics;
            _context = context;
            _serial = serial;
            return Build(KindConfig);
        }

        private byte[] Build(int kind)
        {
            for (int attempt = 0; attempt < MaxAttempts; attempt++)
            {
                _body.Begin(null);
                _json.Reset();
                Write(kind);
                byte[]? whole = _body.FinishWhole();
                if (whole != null)
                {
                    return whole;
                }

                // Larger than the buffer: its length is known now, so the second pass fills an exact array.
                SecondPasses++;
                _exact.Start(new byte[(int)_body.Written]);
                _body.Begin(_exact);
                _json.Reset();
                Write(kind);
                _body.Flush();
                byte[]? exact = _exact.Take();
                if (exact != null)
                {
                    return exact;
                }
            }

            throw new System.InvalidOperationException("an MQTT payload changed length between its passes " + MaxAttempts + " times");
        }

        private void Write(int kind)
        {
            switch (kind)
            {
                case KindState:
                    MqttPayloads.WriteState(_json, _reading, _now);
                    break;
                case KindDabbler:
                    MqttPayloads.WriteDabbler(_json, _reading!, _now, _keys!, _quantities!); // Dabbler checked the reading
                    break;
                case KindDiagnostics:
                    MqttPayloads.WriteDiagnostics(_json, _context!, _now, _hasWifi, _rssiKnown, _dbm, _bootUtc);
                    break;
                default:
                    HaDiscovery.WriteConfig(_json, _index, _settings!, _topics!, _context!, _serial!);
                    break;
            }
        }

        /// <summary>The second pass's sink: copies the chunks into the exact array, counting what would not fit.</summary>
        private sealed class ExactSink : IResponseSink
        {
            private byte[]? _target;
            private int _filled;

            public void Start(byte[] target)
            {
                _target = target;
                _filled = 0;
            }

            /// <summary>The array when the pass filled it exactly; null when the length differed (start over).</summary>
            public byte[]? Take()
            {
                byte[]? t = _target;
                _target = null;
                return t != null && _filled == t.Length ? t : null;
            }

            public void Status(int code)
            {
            }

            public void Header(string name, string value)
            {
            }

            public void Write(byte[] buffer, int offset, int count)
            {
                byte[] t = _target!; // set by Start for the pass that writes here
                int room = t.Length - _filled;
                System.Array.Copy(buffer, offset, t, _filled, count < room ? count : (room < 0 ? 0 : room));
                _filled += count;
            }
        }
    }
}
