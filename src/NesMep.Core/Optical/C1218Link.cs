using System;
using NesMep.Core.Link;
using NesMep.Core.Platform;

namespace NesMep.Core.Optical
{
    /// <summary>
    /// The client side of the optical port (ANSI C12.18, reference §13): one table read at a time,
    /// driven by <see cref="Poll"/> under an injected clock and byte transport, like the MEP link. A read
    /// opens a session when none is open (Identify → Negotiate → Logon → Security), every packet waits
    /// for its ACK and is resent on NAK or silence with the same toggle bit (which is also how the first
    /// frame NAKed by a shared-UART meter switching over is handled, §13.1), replies are ACKed or NAKed
    /// by CRC, multi-packet replies are joined, the 1-byte data checksum of read replies is verified,
    /// an idle session is kept open with Wait, and any failure ends the session so the next read starts
    /// a fresh one. Without a key (or with a refused one) the session carries on without Security and
    /// the tables the meter gives without a key still read. Steady operation allocates nothing.
    /// </summary>
    public sealed partial class C1218Link
    {
        private const int Idle = 0;
        private const int AwaitAck = 1;
        private const int AwaitResponse = 2;
        private const int ResendPending = 3;

        /// <summary>Largest table write carried (a BT07 procedure call is 7 bytes).</summary>
        public const int MaxWriteData = 64;

        /// <summary>Largest request data: a partial write (8 + data + checksum); reads, Security, Logon are shorter.</summary>
        private const int RequestCapacity = 9 + MaxWriteData;

        private readonly IByteTransport _transport;
        private readonly IClock _clock;
        private readonly C1218LinkSettings _settings;
        private readonly ILog _log;
        private readonly byte[]? _password;
        private readonly C1218PacketAssembler _assembler;
        private readonly C1218Counters _counters;
        private readonly byte[] _request = new byte[RequestCapacity];
        private readonly byte[] _tx = new byte[RequestCapacity + C1218Codes.Overhead];
        private readonly byte[] _reply;
        private readonly byte[] _rx = new byte[64];
        private readonly byte[] _one = new byte[1];
        private int _txLength;
        private int _replyLength;

        private C1218Phase _phase = C1218Phase.Closed;
        private int _exchange = Idle;
        private bool _toggle;
        private bool _peerKnown;
        private bool _peerToggle;
        private int _peerCrc;
        private int _remaining = -1;
        private int _resends;
        private int _naks;
        private int _badReplies;
        private int _sessionAttempts;
        private long _deadline;
        private long _resendAt;
        private long _lastTrafficMs;
        private long _notBefore;
        private int _packetSize;
        private int _packets;

        private bool _readPending;
        private readonly TableRequest _current = new TableRequest();
        private int _consecutiveRefusals;
        private long _lastVerifiedMs = -1;
        private bool _closeRequested;

        /// <param name="transport">Bytes to and from the IR head.</param>
        /// <param name="clock">Time for every timeout.</param>
        /// <param name="password">The optical key (20 bytes, §13.2), or null: then only no-key tables are read.</param>
        /// <param name="settings">Timing and retry knobs.</param>
        /// <param name="log">Warnings (never the key); null for none.</param>
        public C1218Link(IByteTransport transport, IClock clock, byte[]? password, C1218LinkSettings settings, ILog? log)
        {
            if (transport == null || clock == null || settings == null)
            {
                throw new ArgumentNullException(transport == null ? "transport" : clock == null ? "clock" : "settings");
            }

            string? invalid = settings.Validate();
            if (invalid != null)
            {
                throw new ArgumentException(invalid);
            }

            if (password != null && password.Length != C1218Codes.PasswordLength)
            {
                throw new ArgumentException("the optical key must be " + C1218Codes.PasswordLength + " bytes");
            }

            _transport = transport;
            _clock = clock;
            _settings = settings;
            _log = log ?? NullLog.Instance;
            if (password != null)
            {
                _password = new byte[C1218Codes.PasswordLength];
                Array.Copy(password, _password, C1218Codes.PasswordLength);
            }

            _assembler = new C1218PacketAssembler(settings.PacketSize - C1218Codes.Overhead, settings.InterByteGapMs);
            _counters = new C1218Counters(_assembler);
            _reply = new byte[(settings.PacketSize - C1218Codes.Overhead) * settings.MaxPackets];
            ResetNegotiation();
        }

        public C1218Counters Counters => _counters;

        public C1218PacketAssembler Assembler => _assembler;

        public C1218Phase Phase => _phase;

        public C1218KeyState KeyState { get; private set; }

        /// <summary>Packet size and packets per message in force (after Negotiate, else the C12.18 defaults).</summary>
        public int PacketSize => _packetSize;

        public int PacketsPerMessage => _packets;

        /// <summary>How the last read ended.</summary>
        public LinkResult LastResult { get; private set; }

        /// <summary>C12.18 response code of the last read reply (see <see cref="C1218Codes.ResponseName"/>).</summary>
        public byte LastResponseCode { get; private set; }

        /// <summary>Short reason for the last failure, or null.</summary>
        public string? LastError { get; private set; }

        /// <summary>The last complete reply message (service data of all its packets joined).</summary>
        public byte[] Reply => _reply;

        public int ReplyLength => _replyLength;

        /// <summary>Table data of the last ok read: <see cref="Reply"/> from this offset, <see cref="DataCount"/> bytes.</summary>
        public int DataOffset => C1218Services.ReadReplyDataOffset;

        public int DataCount { get; private set; }

        /// <summary>A read is outstanding (session setup included).</summary>
        public bool Busy => _readPending || _exchange != Idle;

        /// <summary>True when a read may be submitted now.</summary>
        public bool CanSubmit => !_readPending && !_closeRequested;

        public bool SessionOpen => _phase >= C1218Phase.Open && _phase <= C1218Phase.Waiting;

        /// <summary>Why tables beyond BT00, BT01 and ET03 are missing, or null when the key was accepted (or not yet tried).</summary>
        public string? KeyProblem
        {
            get
            {
                switch (KeyState)
                {
                    case C1218KeyState.NoKey:
                        return "no optical key is set: the meter gives only BT00, BT01 and ET03 without one; ask the utility for the optical key (MK, PK or RK)";
                    case C1218KeyState.Refused:
                        return "the meter refused the optical key: only BT00, BT01 and ET03 can be read; check the key (MK, PK or RK, 20 characters or 40 hex digits)";
                    default:
                        return null;
                }
            }
        }

        public void SubmitFullRead(int tableId)
        {
            Start(_current.SetFullRead(tableId));
        }

        public void SubmitPartialRead(int tableId, int offset, int count)
        {
            Start(_current.SetPartialRead(tableId, offset, count));
        }

        /// <summary>The most table data one read reply can carry with the packet size and count in force.</summary>
        public int MaxReadData => ((_packetSize - C1218Codes.Overhead) * _packets) - C1218Services.ReadReplyOverhead;

        /// <summary>Ends the session politely (Logoff, Terminate) once no read is outstanding.</summary>
        public void Close()
        {
            _closeRequested = true;
        }

        /// <summary>The time <see cref="Poll"/> next has something to do if no byte arrives before (may be early, never late).</summary>
        public long NextDueMs()
        {
            switch (_exchange)
            {
                case ResendPending:
                    return _resendAt;
                case AwaitAck:
                case AwaitResponse:
                    long expires = _assembler.ExpiresAtMs;
                    return expires > _deadline && expires != long.MaxValue ? expires : _deadline;
                default:
                    if (_readPending || _closeRequested)
                    {
                        return _notBefore;
                    }

                    return _phase == C1218Phase.Open ? _lastTrafficMs + _settings.KeepAliveAfterMs : long.MaxValue;
            }
        }

        /// <summary>Advances the link. Returns Completed when a request ended (see <see cref="LastResult"/>), else Idle (never Attention).</summary>
        public LinkEvent Poll()
        {
            long now = _clock.NowMs;
            while (true)
            {
                int n = _transport.Read(_rx, 0, _rx.Length);
                if (n <= 0)
                {
                    break;
                }

                for (int i = 0; i < n; i++)
                {
                    if (OnByte(_rx[i], now))
                    {
                        // Bytes after a completed read belong to nobody; the next Poll sees the rest.
                        ConsumeRest(i + 1, n, now);
                        return LinkEvent.Completed;
                    }
                }
            }

            _assembler.Expire(now);
            return OnTimers(now) ? LinkEvent.Completed : LinkEvent.Idle;
        }

        private void ConsumeRest(int from, int n, long now)
        {
            for (int i = from; i < n; i++)
            {
                OnByte(_rx[i], now);
            }
        }

        /// <summary>Starts the request held in <see cref="_current"/>.</summary>
        private void Start(TableRequest request)
        {
            if (!CanSubmit)
            {
                throw new InvalidOperationException("an optical request is already in progress");
            }

            string? invalid = Check(request);
            if (invalid != null)
            {
                throw new ArgumentException(invalid);
            }

            _readPending = true;
            _badReplies = 0;
            _sessionAttempts = 0;
            LastResult = LinkResult.None;
            LastError = null;
            DataCount = 0;
            if (_exchange == Idle)
            {
                Advance(_clock.NowMs);
            }
        }

        // ---- receiving -------------------------------------------------------------------------

        private bool OnByte(byte b, long now)
        {
            switch (_assembler.Feed(b, now))
            {
                case C1218PacketAssembler.EventAck:
                    if (_exchange == AwaitAck)
                    {
                        _exchange = AwaitResponse;
                        _deadline = now + _settings.ResponseTimeoutMs;
                    }

                    return false;
                case C1218PacketAssembler.EventNak:
                    if (_exchange == AwaitAck)
                    {
                        _counters.NaksReceived++;
                        return Resend(now, "the meter kept answering NAK");
                    }

                    return false;
                case C1218PacketAssembler.EventBadCrc:
                    return OnBadPacket(now);
                case C1218PacketAssembler.EventPacket:
                    return OnPacket(now);
                default:
                    return false;
            }
        }

        private bool OnBadPacket(long now)
        {
            if (_exchange != AwaitAck && _exchange != AwaitResponse)
            {
                return false;
            }

            // §13.1: a bad CRC is answered NAK and the meter sends the packet again.
            _counters.NaksSent++;
            _counters.IntegrityFailures++;
            SendByte(C1218Codes.Nak);
            _naks++;
            if (_naks > _settings.MaxNaksPerReply)
            {
                return Fail(now, "replies kept arriving damaged (CRC)");
            }

            _exchange = AwaitResponse;
            _deadline = now + _settings.ResponseTimeoutMs;
            return false;
        }

        private bool OnPacket(long now)
        {
            byte[] p = _assembler.Buffer;
            bool toggle = C1218Packet.Toggle(p, 0);
            int crc = C1218Packet.Crc(p, 0);
            SendByte(C1218Codes.Ack);
            _lastVerifiedMs = now;
            if (_exchange != AwaitAck && _exchange != AwaitResponse)
            {
                _counters.UnsolicitedFrames++;
                return false;
            }

            if (_peerKnown && toggle == _peerToggle && crc == _peerCrc)
            {
                // The meter missed our ACK and sent the same packet again.
                _counters.DuplicatePackets++;
                return false;
            }

            _peerKnown = true;
            _peerToggle = toggle;
            _peerCrc = crc;
            _exchange = AwaitResponse; // a reply is also the ACK we may have missed
            int length = C1218Packet.DataLength(p, 0);
            int sequence = C1218Packet.Sequence(p, 0);
            if (_remaining >= 0 && sequence != _remaining - 1)
            {
                return Fail(now, "multi-packet reply out of order");
            }

            if (_replyLength + length > _reply.Length)
            {
                return Fail(now, "reply longer than the negotiated packets");
            }

            Array.Copy(p, C1218Codes.HeaderLength, _reply, _replyLength, length);
            _replyLength += length;
            _remaining = sequence;
            _deadline = now + _settings.ResponseTimeoutMs;
            if (sequence > 0)
            {
                return false;
            }

            _exchange = Idle;
            _lastTrafficMs = now;
            if (_replyLength == 0)
            {
                return Fail(now, "empty reply");
            }

            return OnResponse(now);
        }
    }
}
