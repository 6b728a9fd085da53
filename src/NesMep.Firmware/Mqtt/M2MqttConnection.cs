using System;
using System.Collections;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Exceptions;
using nanoFramework.M2Mqtt.Messages;
using NesMep.Core.Mqtt;
using MqttSettings = NesMep.Core.Mqtt.MqttSettings;
using NesMep.Core.Storage;

namespace NesMep.Firmware.Mqtt
{
    /// <summary>
    /// The core's <see cref="IMqttConnection"/> over nanoFramework.M2Mqtt. Upstream facts it respects
    /// (nano/facades/nanoFramework.M2Mqtt): Connect blocks (socket, TLS, up to 30 s for CONNACK) and then starts the
    /// client's own threads; Publish only enqueues, and the queue is unbounded unless MqttSettings.InflightQueueSize is
    /// set. So every member the core calls (under the meter lock) returns at once: StartConnect, Disconnect and Abort
    /// only record what is wanted, and <see cref="RunPending"/> does the blocking part on the MQTT thread, outside the
    /// lock. At most <see cref="InflightCap"/> messages are queued in the client; QoS 1 ones count as pending until
    /// their PUBACK. TLS uses the CA certificate file on I:\ named by mqtt.ca_file; the caller starts a TLS connection
    /// only while the wall clock is valid (certificate dates).
    /// </summary>
    internal sealed class M2MqttConnection : IMqttConnection
    {
        /// <summary>Messages the M2Mqtt client may hold at once (its own queue; the core's outbox holds the rest).</summary>
        public const int InflightCap = 4;

        /// <summary>Received messages kept until the supervisor takes them (Home Assistant's status and our commands are few).</summary>
        public const int ReceiveQueueCap = 8;

        private const int NoWork = 0;
        private const int WantConnect = 1;
        private const int WantDisconnect = 2;
        private const int WantAbort = 3;

        private readonly MqttSettings _settings;
        private readonly string _willTopic;
        private readonly string _willPayload;
        private readonly string? _caPath;
        private readonly IFileSystem _fs;
        private readonly AutoResetEvent _activity;
        private readonly object _sync = new object();
        private readonly ArrayList _received = new ArrayList();
        private MqttClient? _client;
        private int _state = MqttConnectionState.Idle;
        private int _work = NoWork;
        private int _pending;
        private int _attempt;
        private MqttErrorKind _errorKind = MqttErrorKind.None;
        private string _errorText = "";

        /// <param name="caPath">The CA certificate file (PEM or DER) for TLS, or null for the firmware's built-in trust (none: TLS then fails by name).</param>
        /// <param name="activity">Set on every event the supervisor should look at (CONNACK, PUBACK, a message, a close).</param>
        public M2MqttConnection(MqttSettings settings, string willTopic, string willPayload, string? caPath, IFileSystem fs, AutoResetEvent activity)
        {
            _settings = settings;
            _willTopic = willTopic;
            _willPayload = willPayload;
            _caPath = caPath;
            _fs = fs;
            _activity = activity;
        }

        public int State
        {
            get { return _state; }
        }

        public MqttErrorKind ErrorKind
        {
            get { return _errorKind; }
        }

        public string ErrorText
        {
            get { return _errorText; }
        }

        public int Pending
        {
            get { return _pending; }
        }

        /// <summary>True when <see cref="RunPending"/> has blocking work to do (the MQTT thread checks after each step).</summary>
        public bool HasWork
        {
            get { return _work != NoWork; }
        }

        public void StartConnect()
        {
            lock (_sync)
            {
                _attempt++;
                _state = MqttConnectionState.Connecting;
                _errorKind = MqttErrorKind.None;
                _work = WantConnect;
            }
        }

        public bool TryPublish(string topic, byte[] payload, int qos, bool retain)
        {
            MqttClient? client = _client;
            if (_state != MqttConnectionState.Connected || client == null || _pending >= InflightCap)
            {
                return false;
            }

            try
            {
                client.Publish(topic, payload, null, null, (MqttQoSLevel)qos, retain);
            }
            catch (MqttClientException)
            {
                return false; // the client's queue is full (InflightQueueSize): try again after an acknowledgement
            }
            catch (Exception e)
            {
                Fail(MqttErrorKind.ConnectionLost, "publish to " + Broker() + " failed: " + e.Message);
                return false;
            }

            if (qos > 0)
            {
                Interlocked.Increment(ref _pending);
            }

            return true;
        }

        public void Subscribe(string[] filters)
        {
            MqttClient? client = _client;
            if (client == null || filters.Length == 0)
            {
                return;
            }

            MqttQoSLevel[] levels = new MqttQoSLevel[filters.Length];
            for (int i = 0; i < levels.Length; i++)
            {
                levels[i] = MqttQoSLevel.AtLeastOnce;
            }

            try
            {
                client.Subscribe(filters, levels);
            }
            catch (Exception e)
            {
                Fail(MqttErrorKind.ConnectionLost, "subscribe at " + Broker() + " failed: " + e.Message);
            }
        }

        public bool TryReceive(out string topic, out byte[] payload)
        {
            lock (_received)
            {
                if (_received.Count == 0)
                {
                    topic = "";
                    payload = new byte[0];
                    return false;
                }

                MqttMsgPublishEventArgs e = (MqttMsgPublishEventArgs)_received[0]!;
                _received.RemoveAt(0);
                topic = e.Topic;
                payload = e.Message;
                return true;
            }
        }

        public void Disconnect()
        {
            lock (_sync)
            {
                _state = MqttConnectionState.Idle;
                _work = WantDisconnect;
            }
        }

        public void Abort()
        {
            lock (_sync)
            {
                _state = MqttConnectionState.Idle;
                _work = WantAbort;
            }
        }

        /// <summary>
        /// The blocking part, on the MQTT thread and never under the meter lock: closes the old client as asked, and
        /// connects when asked (up to M2Mqtt's connect timeout). An Abort or a new StartConnect that arrives meanwhile
        /// wins: the finished attempt is closed instead of reported.
        /// </summary>
        public void RunPending()
        {
            int work;
            int attempt;
            lock (_sync)
            {
                work = _work;
                attempt = _attempt;
                _work = NoWork;
            }

            if (work == NoWork)
            {
                return;
            }

            Close(work == WantDisconnect);
            if (work == WantConnect)
            {
                Connect(attempt);
            }
        }

        private void Connect(int attempt)
        {
            MqttClient client;
            MqttReasonCode code;
            try
            {
                MqttSettings s = _settings;
                X509Certificate? ca = null;
                if (s.Tls && _caPath != null)
                {
                    ca = new X509Certificate(_fs.ReadAll(_caPath));
                }

                nanoFramework.M2Mqtt.MqttSettings.Instance.InflightQueueSize = InflightCap;
                client = s.Tls
                    ? new MqttClient(s.Host, s.EffectivePort, true, ca!, null!, MqttSslProtocols.TLSv1_2)
                    : new MqttClient(s.Host, s.EffectivePort, false, null!, null!, MqttSslProtocols.None);
                client.ProtocolVersion = MqttProtocolVersion.Version_3_1_1;
                client.MqttMsgPublishReceived += OnMessage;
                client.MqttMsgPublished += OnPublished;
                client.ConnectionClosed += OnClosed;
                code = client.Connect(s.ClientId, s.User.Length == 0 ? null! : s.User, s.User.Length == 0 ? null! : s.Password,
                    true, MqttQoSLevel.AtLeastOnce, true, _willTopic, _willPayload, true, (ushort)s.KeepAliveS);
            }
            catch (MqttConnectionException e)
            {
                Report(attempt, null, NamesTls(e) ? MqttErrorKind.TlsFailure : MqttErrorKind.Unreachable, "cannot connect to " + Broker() + ": " + e.Message);
                return;
            }
            catch (System.IO.IOException e)
            {
                Report(attempt, null, MqttErrorKind.Configuration, "cannot read the CA certificate " + _caPath + ": " + e.Message);
                return;
            }
            catch (Exception e)
            {
                Report(attempt, null, MqttErrorKind.Timeout, "no CONNACK from " + Broker() + ": " + e.GetType().Name + " " + e.Message);
                return;
            }

            if (code != MqttReasonCode.Success)
            {
                Report(attempt, client, Refusal((int)code), Broker() + " refused the connection (CONNACK " + (int)code + ")");
                return;
            }

            lock (_sync)
            {
                if (attempt != _attempt || _state != MqttConnectionState.Connecting)
                {
                    Dispose(client, false); // aborted or superseded while it connected
                    return;
                }

                _client = client;
                _pending = 0;
                _state = MqttConnectionState.Connected;
            }

            _activity.Set();
        }

        /// <summary>An exception text that names TLS or a certificate (M2Mqtt wraps both socket and TLS failures alike).</summary>
        private static bool NamesTls(Exception e)
        {
            string text = (e.Message + " " + (e.InnerException == null ? "" : e.InnerException.Message)).ToLower();
            return text.IndexOf("ssl") >= 0 || text.IndexOf("tls") >= 0 || text.IndexOf("cert") >= 0;
        }

        /// <summary>MQTT 3.1.1 CONNACK return codes 1..5 (§3.2.2.3).</summary>
        private static MqttErrorKind Refusal(int code)
        {
            switch (code)
            {
                case 1:
                    return MqttErrorKind.UnacceptableProtocol;
                case 2:
                    return MqttErrorKind.IdentifierRejected;
                case 3:
                    return MqttErrorKind.ServerUnavailable;
                case 4:
                    return MqttErrorKind.BadCredentials;
                case 5:
                    return MqttErrorKind.NotAuthorized;
                default:
                    return MqttErrorKind.ProtocolError;
            }
        }

        private void Report(int attempt, MqttClient? client, MqttErrorKind kind, string text)
        {
            if (client != null)
            {
                Dispose(client, false);
            }

            lock (_sync)
            {
                if (attempt == _attempt && _state == MqttConnectionState.Connecting)
                {
                    _errorKind = kind;
                    _errorText = text;
                    _state = MqttConnectionState.Closed;
                }
            }

            _activity.Set();
        }

        private void Fail(MqttErrorKind kind, string text)
        {
            lock (_sync)
            {
                if (_state == MqttConnectionState.Connected)
                {
                    _errorKind = kind;
                    _errorText = text;
                    _state = MqttConnectionState.Closed;
                    _work = WantAbort;
                }
            }

            _activity.Set();
        }

        private void Close(bool graceful)
        {
            MqttClient? client;
            lock (_sync)
            {
                client = _client;
                _client = null;
            }

            if (client != null)
            {
                Dispose(client, graceful);
            }
        }

        private void Dispose(MqttClient client, bool graceful)
        {
            client.MqttMsgPublishReceived -= OnMessage;
            client.MqttMsgPublished -= OnPublished;
            client.ConnectionClosed -= OnClosed;
            try
            {
                if (graceful && client.IsConnected)
                {
                    client.Disconnect(); // DISCONNECT: the broker discards the will
                }
                else
                {
                    client.Close(); // no DISCONNECT: the broker publishes the will
                }
            }
            catch (Exception)
            {
                // Already broken: nothing more to close.
            }

            client.Dispose();
        }

        private void OnMessage(object sender, MqttMsgPublishEventArgs e)
        {
            lock (_received)
            {
                if (_received.Count >= ReceiveQueueCap)
                {
                    _received.RemoveAt(0); // the oldest goes: a flood must not grow the heap
                }

                _received.Add(e);
            }

            _activity.Set();
        }

        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            if (Interlocked.Decrement(ref _pending) < 0)
            {
                Interlocked.Exchange(ref _pending, 0);
            }

            _activity.Set();
        }

        private void OnClosed(object sender, EventArgs e)
        {
            lock (_sync)
            {
                if (sender != _client)
                {
                    return;
                }
            }

            Fail(MqttErrorKind.ConnectionLost, "connection to " + Broker() + " lost");
        }

        private string Broker()
        {
            return "broker " + _settings.Host + ":" + _settings.EffectivePort;
        }
    }
}
