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
    public sealed class C1218Link
    {
        public const int PollIdle = 0;
        public const int PollCompleted = 1;

        private const int Idle = 0;
        private const int AwaitAck = 1;
        private const int AwaitResponse = 2;
        private const int ResendPending = 3;

        /// <summary>Largest request data: partial read 8, Security 21, Logon 13.</summary>
        private const int RequestCapacity = 32;

        private readonly IByteTransport _transport;
        private readonly IClock _clock;
        private readonly C1218LinkSettings _settings;
        private readonly ILog _log;
        private readonly byte[]? _password;
        private readonly C1218PacketAssembler _assembler;
        private readonly C1218Counters _counters = new C1218Counters();
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
        private bool _readPartial;
        private int _readTable;
        private int _readOffset;
        private int _readCount;
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
            Submit(tableId, false, 0, 0);
        }

        public void SubmitPartialRead(int tableId, int offset, int count)
        {
            if (offset < 0 || offset > 0xFFFFFF || count < 1 || count > MaxReadData)
            {
                throw new ArgumentOutOfRangeException(offset < 0 || offset > 0xFFFFFF ? "offset" : "count");
            }

            Submit(tableId, true, offset, count);
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

        /// <summary>Advances the link. Returns PollCompleted when a read ended (see <see cref="LastResult"/>), else PollIdle.</summary>
        public int Poll()
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
                        return PollCompleted;
                    }
                }
            }

            _assembler.Expire(now);
            return OnTimers(now) ? PollCompleted : PollIdle;
        }

        private void ConsumeRest(int from, int n, long now)
        {
            for (int i = from; i < n; i++)
            {
                OnByte(_rx[i], now);
            }
        }

        private void Submit(int tableId, bool partial, int offset, int count)
        {
            if (!CanSubmit)
            {
                throw new InvalidOperationException("an optical read is already in progress");
            }

            _readPending = true;
            _readTable = tableId;
            _readPartial = partial;
            _readOffset = offset;
            _readCount = count;
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
            if (_exchange != AwaitAck && _exchange != AwaitResponse)
            {
                _counters.UnexpectedPackets++;
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

        // ---- the session -----------------------------------------------------------------------

        private bool OnResponse(long now)
        {
            byte code = _reply[0];
            switch (_phase)
            {
                case C1218Phase.Identify:
                    if (code != C1218Codes.Ok)
                    {
                        return Fail(now, "Identify refused: " + C1218Codes.ResponseExplanation(code));
                    }

                    return SendService(C1218Phase.Negotiate, now);
                case C1218Phase.Negotiate:
                    OnNegotiated(code);
                    return SendService(C1218Phase.Logon, now);
                case C1218Phase.Logon:
                    if (code != C1218Codes.Ok)
                    {
                        return Fail(now, "Logon refused: " + C1218Codes.ResponseExplanation(code));
                    }

                    if (_password == null)
                    {
                        KeyState = C1218KeyState.NoKey;
                        _phase = C1218Phase.Open;
                        return Advance(now);
                    }

                    return SendService(C1218Phase.Security, now);
                case C1218Phase.Security:
                    OnSecurity(code);
                    _phase = C1218Phase.Open;
                    return Advance(now);
                case C1218Phase.Reading:
                    _phase = C1218Phase.Open;
                    return OnReadReply(code, now);
                case C1218Phase.Waiting:
                    _phase = code == C1218Codes.Ok ? C1218Phase.Open : C1218Phase.Closed;
                    return Advance(now);
                case C1218Phase.Logoff:
                    return SendService(C1218Phase.Terminate, now);
                case C1218Phase.Terminate:
                    EndSession(true);
                    return Advance(now);
                default:
                    return false;
            }
        }

        private void OnNegotiated(byte code)
        {
            if (code != C1218Codes.Ok || _replyLength < 4)
            {
                // sns: the meter keeps the C12.18 defaults (one 64-byte packet).
                if (_log.IsEnabled(LogLevel.Info))
                {
                    _log.Write(LogLevel.Info, "optical: Negotiate answered " + C1218Codes.ResponseName(code) + "; using 64-byte packets");
                }

                return;
            }

            int size = (_reply[1] << 8) | _reply[2];
            int packets = _reply[3];
            _packetSize = size < C1218Codes.MinPacketSize ? C1218Codes.MinPacketSize : size > _settings.PacketSize ? _settings.PacketSize : size;
            _packets = packets < 1 ? 1 : packets > _settings.MaxPackets ? _settings.MaxPackets : packets;
            _assembler.Limit(_packetSize - C1218Codes.Overhead);
        }

        private void OnSecurity(byte code)
        {
            KeyState = code == C1218Codes.Ok ? C1218KeyState.Accepted : C1218KeyState.Refused;
            if (KeyState == C1218KeyState.Refused && _log.IsEnabled(LogLevel.Warning))
            {
                _log.Write(LogLevel.Warning, "optical: Security answered " + C1218Codes.ResponseName(code) + ": " + KeyProblem);
            }
        }

        private bool OnReadReply(byte code, long now)
        {
            LastResponseCode = code;
            if (code != C1218Codes.Ok)
            {
                _counters.ErrorReplies++;
                string why = C1218Codes.ResponseExplanation(code);
                if (code == C1218Codes.InsufficientSecurity && KeyProblem != null)
                {
                    why = why + " (" + KeyProblem + ")";
                }

                if (code == C1218Codes.Renegotiate || code == C1218Codes.InvalidServiceSequenceState)
                {
                    // The meter lost our session (its traffic timeout, a restart): read again in a fresh one.
                    EndSession(false);
                    if (_sessionAttempts < _settings.MaxSessionAttempts)
                    {
                        if (_log.IsEnabled(LogLevel.Info))
                        {
                            _log.Write(LogLevel.Info, "optical: " + C1218Codes.ResponseName(code) + " to a read; starting a fresh session");
                        }

                        return Advance(now);
                    }
                }

                return Finish(LinkResult.MeterError, why);
            }

            string? bad = C1218Services.CheckReadReply(_reply, 0, _replyLength);
            if (bad == null && _readPartial && _replyLength - C1218Services.ReadReplyOverhead != _readCount)
            {
                bad = "partial read reply has " + (_replyLength - C1218Services.ReadReplyOverhead) + " bytes, asked for " + _readCount;
            }

            if (bad != null)
            {
                _counters.ChecksumFailures++;
                _badReplies++;
                if (_log.IsEnabled(LogLevel.Warning))
                {
                    _log.Write(LogLevel.Warning, "optical: rejected reply to table 0x" + _readTable.ToString("X4") + ": " + bad);
                }

                if (_badReplies > _settings.MaxBadReplies)
                {
                    _counters.Abandoned++;
                    return Finish(LinkResult.Abandoned, bad);
                }

                return SendService(C1218Phase.Reading, now);
            }

            DataCount = _replyLength - C1218Services.ReadReplyOverhead;
            _counters.CompletedOk++;
            return Finish(LinkResult.Ok, null);
        }

        private bool Finish(LinkResult result, string? error)
        {
            _readPending = false;
            LastResult = result;
            LastError = error;
            return true;
        }

        /// <summary>Starts whatever comes next when no exchange is outstanding; true when a read ended.</summary>
        private bool Advance(long now)
        {
            if (_exchange != Idle || now < _notBefore)
            {
                return false;
            }

            if (_readPending)
            {
                if (_phase == C1218Phase.Closed)
                {
                    if (_sessionAttempts >= _settings.MaxSessionAttempts)
                    {
                        _counters.Abandoned++;
                        return Finish(LinkResult.Abandoned, LastError ?? "no optical session");
                    }

                    _sessionAttempts++;
                    _counters.Sessions++;
                    return SendService(C1218Phase.Identify, now);
                }

                return _phase == C1218Phase.Open && SendService(C1218Phase.Reading, now);
            }

            if (_closeRequested && _phase == C1218Phase.Open)
            {
                return SendService(C1218Phase.Logoff, now);
            }

            if (_closeRequested && _phase == C1218Phase.Closed)
            {
                _closeRequested = false;
            }

            return false;
        }

        private bool OnTimers(long now)
        {
            switch (_exchange)
            {
                case ResendPending:
                    if (now >= _resendAt)
                    {
                        _counters.Resends++;
                        Transmit(now);
                    }

                    return false;
                case AwaitAck:
                    if (now >= _deadline)
                    {
                        _counters.Timeouts++;
                        return Resend(now, "no ACK from the meter");
                    }

                    return false;
                case AwaitResponse:
                    if (now >= _deadline && !_assembler.InPacket)
                    {
                        _counters.Timeouts++;
                        return Fail(now, "no reply from the meter");
                    }

                    return false;
            }

            if (_phase == C1218Phase.Open && !_readPending && !_closeRequested && now - _lastTrafficMs >= _settings.KeepAliveAfterMs)
            {
                _counters.KeepAlives++;
                return SendService(C1218Phase.Waiting, now);
            }

            return Advance(now);
        }

        /// <summary>Schedules a resend of the same packet (same toggle bit), or fails after the limit.</summary>
        private bool Resend(long now, string reason)
        {
            if (_resends >= _settings.MaxResends)
            {
                return Fail(now, reason);
            }

            _resends++;
            _exchange = ResendPending;
            _resendAt = now + _settings.RetryPauseMs;
            return false;
        }

        /// <summary>Ends the session after an error; the read fails once its session attempts are used up.</summary>
        private bool Fail(long now, string reason)
        {
            bool duringRead = _readPending;
            _counters.SessionFailures++;
            LastError = reason;
            if (_log.IsEnabled(LogLevel.Warning))
            {
                _log.Write(LogLevel.Warning, "optical: " + reason + " during " + C1218Codes.ServiceName(_request[0]) + "; starting a fresh session");
            }

            EndSession(false);
            _notBefore = now + _settings.SessionRetryDelayMs;
            if (duringRead && _sessionAttempts >= _settings.MaxSessionAttempts)
            {
                _counters.Abandoned++;
                return Finish(LinkResult.Abandoned, reason);
            }

            return false;
        }

        private void EndSession(bool terminated)
        {
            _phase = C1218Phase.Closed;
            _exchange = Idle;
            _assembler.Clear();
            ResetNegotiation();
            if (terminated)
            {
                // After Terminate both sides start the toggle over (§13.4).
                _toggle = false;
                _peerKnown = false;
            }
        }

        private void ResetNegotiation()
        {
            _packetSize = C1218Codes.MinPacketSize;
            _packets = 1;
            _assembler.Limit(_settings.PacketSize - C1218Codes.Overhead);
        }

        // ---- sending ---------------------------------------------------------------------------

        private bool SendService(C1218Phase phase, long now)
        {
            int length;
            switch (phase)
            {
                case C1218Phase.Identify:
                    length = C1218Services.WriteCode(C1218Codes.Identify, _request, 0);
                    break;
                case C1218Phase.Negotiate:
                    length = C1218Services.WriteNegotiate(_settings.PacketSize, _settings.MaxPackets, BaudCode(), _request, 0);
                    break;
                case C1218Phase.Logon:
                    length = C1218Services.WriteLogon(_settings.UserId, _settings.UserName, _request, 0);
                    break;
                case C1218Phase.Security:
                    length = C1218Services.WriteSecurity(_password!, _request, 0);
                    break;
                case C1218Phase.Reading:
                    length = _readPartial
                        ? C1218Services.WritePartialRead(_readTable, _readOffset, _readCount, _request, 0)
                        : C1218Services.WriteFullRead(_readTable, _request, 0);
                    break;
                case C1218Phase.Waiting:
                    length = C1218Services.WriteWait(_settings.WaitSeconds, _request, 0);
                    break;
                case C1218Phase.Logoff:
                    length = C1218Services.WriteCode(C1218Codes.Logoff, _request, 0);
                    break;
                default:
                    length = C1218Services.WriteCode(C1218Codes.Terminate, _request, 0);
                    break;
            }

            _phase = phase;
            _txLength = C1218Packet.Write(0, C1218Packet.Control(_toggle, 0, 1), 0, _request, 0, length, _tx, 0);
            _toggle = !_toggle;
            _resends = 0;
            _naks = 0;
            _replyLength = 0;
            _remaining = -1;
            Transmit(now);
            return false;
        }

        /// <summary>Negotiate proposes only the speed in use: the link never changes baud on its own (§2.5).</summary>
        private int BaudCode()
        {
            for (int code = 1; code <= 10; code++)
            {
                if (C1218Codes.BaudRate(code) == _settings.BaudRate)
                {
                    return code;
                }
            }

            return 0;
        }

        private void Transmit(long now)
        {
            _transport.Write(_tx, 0, _txLength);
            _counters.PacketsSent++;
            _exchange = AwaitAck;
            _deadline = now + TransmitTimeMs(_txLength) + _settings.AckTimeoutMs;
            _lastTrafficMs = now;
        }

        private void SendByte(byte b)
        {
            _one[0] = b;
            _transport.Write(_one, 0, 1);
        }

        private int TransmitTimeMs(int bytes)
        {
            return (bytes * 10 * 1000 + _settings.BaudRate - 1) / _settings.BaudRate;
        }
    }
}
