using System;
using NesMep.Core.Platform;
using NesMep.Core.Protocol;

namespace NesMep.Core.Link
{
    /// <summary>
    /// The MEP link layer: one request at a time, driven by <see cref="Poll"/> under an injected
    /// clock and byte transport. It frames and signs the request, verifies every reply digest,
    /// learns the sequence number from 0x0C, resends the identical frame when no reply starts within
    /// the response timeout (§3.8), resets the transceiver after silent attempts, and backs off
    /// after 0x0B (§4.4). It knows nothing about tables; the poll scheduler sits above it.
    /// Steady operation allocates nothing. It offers the link-neutral <see cref="ITableService"/> (MepLink.TableService.cs)
    /// to the poller; the MEP-only members below are for MEP tools (raw console, benchmarks, tests).
    /// </summary>
    public sealed partial class MepLink : ITableService
    {
        public const LinkEvent PollIdle = LinkEvent.Idle;
        public const LinkEvent PollCompleted = LinkEvent.Completed;

        /// <summary>The meter sent 00 00 (§3.7).</summary>
        public const LinkEvent PollAlert = LinkEvent.Attention;

        private const int FrameCapacity = 2 + MepCodes.MaxFrameBody;

        /// <summary>A verified reply within this time makes a lone 0x0B look like line damage, not a wrong key.</summary>
        private const int RecentlyVerifiedMs = 60000;

        private readonly IByteTransport _transport;
        private readonly IClock _clock;
        private readonly ITransceiverControl? _transceiver;
        private readonly MepDigest _digest;
        private readonly LinkSettings _settings;
        private readonly ILog _log;
        private readonly MepFrameAssembler _assembler;
        private readonly MepLinkCounters _counters;
        private readonly MepRequest _request = new MepRequest();
        private readonly MepResponse _response = new MepResponse();
        private readonly byte[] _tx = new byte[FrameCapacity];
        private readonly byte[] _previousTx = new byte[FrameCapacity];
        private readonly byte[] _reply = new byte[FrameCapacity];
        private readonly byte[] _rx = new byte[64];
        private int _rxPos;
        private int _rxLen;
        private int _txLength;
        private int _previousTxLength;
        private bool _previousIsSameRequest;
        private bool _firstTransmission;
        private int _replyLength;

        private LinkState _state = LinkState.Idle;
        private uint _nextSequence;
        private bool _sequenceLearned;
        private long _lastSendMs = long.MinValue / 4;
        private long _deadline;
        private long _notBefore;
        private bool _resendPending;
        private long _resendAt;
        private int _silentAttempts;
        private int _resetsThisRequest;
        private int _resetsSinceReply;
        private int _sequenceRetries;
        private int _badReplies;
        private int _consecutiveAuthFailures;
        private int _resetStage;
        private long _resetStageEnd;
        private long _lastVerifiedMs = -1;

        public MepLink(IByteTransport transport, IClock clock, ITransceiverControl? transceiver, MepKey key, LinkSettings settings, ILog? log)
        {
            if (transport == null || clock == null || key == null || settings == null)
            {
                throw new ArgumentNullException(transport == null ? "transport" : clock == null ? "clock" : key == null ? "key" : "settings");
            }

            string? invalid = settings.Validate();
            if (invalid != null)
            {
                throw new ArgumentException(invalid);
            }

            _transport = transport;
            _clock = clock;
            _transceiver = transceiver;
            _digest = new MepDigest(key);
            _settings = settings;
            _log = log ?? NullLog.Instance;
            _assembler = new MepFrameAssembler(true, settings.InterByteGapMs);
            _counters = new MepLinkCounters(_assembler);
        }

        /// <summary>The digest of the link's key, for describing frames (raw console). Use under the module lock.</summary>
        public MepDigest Digest => _digest;

        public LinkState State => _state;

        /// <summary>The common counters and the MEP ones (digests, 0x0B/0x0C, alerts…).</summary>
        public MepLinkCounters Counters => _counters;

        public MepFrameAssembler Assembler => _assembler;

        /// <summary>The request in progress or last completed.</summary>
        public MepRequest Request => _request;

        /// <summary>The framed request bytes last sent (length <see cref="RequestFrameLength"/>).</summary>
        public byte[] RequestFrame => _tx;

        public int RequestFrameLength => _txLength;

        /// <summary>How the last transaction ended.</summary>
        public LinkResult LastResult { get; private set; }

        /// <summary>Response code of the last verified reply (or 0x0B).</summary>
        public byte LastResponseCode { get; private set; }

        /// <summary>Short reason for the last failure, or null.</summary>
        public string? LastError { get; private set; }

        /// <summary>Copy of the last accepted reply frame, parsed into <see cref="Reply"/>.</summary>
        public byte[] ReplyFrame => _reply;

        public int ReplyFrameLength => _replyLength;

        public MepResponse Reply => _response;

        public bool SequenceLearned => _sequenceLearned;

        public uint NextSequence => _nextSequence;

        /// <summary>0x0B replies in a row (0 after any verified reply): the key is probably wrong when this keeps growing.</summary>
        public int ConsecutiveAuthenticationFailures => _consecutiveAuthFailures;

        /// <summary>Clock time of the last reply whose digest verified, or -1.</summary>
        public long LastVerifiedReplyMs => _lastVerifiedMs;

        /// <summary>True when a new request may be submitted now.</summary>
        public bool CanSubmit
        {
            get
            {
                long now = _clock.NowMs;
                return _state == LinkState.Idle && now >= _notBefore && now - _lastSendMs >= _settings.MinRequestGapMs;
            }
        }

        /// <summary>
        /// When <see cref="Poll"/> next has something to do if no byte arrives before (new bytes are handled
        /// whenever they come): the end of a transceiver reset stage, the resend time, the reply timeout
        /// (later while a started reply may still finish), or — with no request outstanding — the time
        /// <see cref="CanSubmit"/> turns true. A pure query: it may be early (then Poll finds nothing to do), never late.
        /// </summary>
        public long NextDueMs()
        {
            switch (_state)
            {
                case LinkState.Resetting:
                    return _resetStageEnd;
                case LinkState.AwaitingReply:
                    if (_resendPending)
                    {
                        return _resendAt;
                    }

                    if (!_assembler.InFrame)
                    {
                        return _deadline;
                    }

                    // Silence counts once the deadline passed and the partial reply expired, or at the hard cap.
                    long expires = _assembler.ExpiresAtMs;
                    long silence = expires > _deadline ? expires : _deadline;
                    long cap = _deadline + MaxFrameTimeMs();
                    return silence < cap ? silence : cap;
                default:
                    return ReadyAtMs();
            }
        }

        /// <summary>True while a request is outstanding or the transceiver is being reset.</summary>
        public bool Busy
        {
            get { return _state == LinkState.AwaitingReply || _state == LinkState.Resetting; }
        }

        /// <summary>Sets the sequence number for the next request (e.g. restored from a previous run).</summary>
        public void SetNextSequence(uint sequence)
        {
            _nextSequence = sequence;
        }

        /// <summary>Frames, signs and sends a request. Only valid when <see cref="CanSubmit"/>.</summary>
        public void Submit(MepRequest request)
        {
            if (_state != LinkState.Idle)
            {
                throw new InvalidOperationException(_state == LinkState.BackingOff
                    ? "the link is backing off after 0x0B; wait until CanSubmit"
                    : "a MEP request is already in progress");
            }

            _request.CopyFrom(request);
            RememberPreviousFrame(false);
            _txLength = MepRequestWriter.Write(_request, _nextSequence, _digest, _tx, 0);
            _nextSequence++;
            _silentAttempts = 0;
            _resetsThisRequest = 0;
            _sequenceRetries = 0;
            _badReplies = 0;
            _resendPending = false;
            LastResult = LinkResult.None;
            LastError = null;
            Send(_clock.NowMs);
            _firstTransmission = true;
        }

        /// <summary>
        /// Advances the link: reads bytes, handles replies and timers. Returns PollCompleted when a
        /// transaction ended (see <see cref="LastResult"/>), PollAlert when the meter sent 00 00,
        /// else PollIdle. Call again until it returns PollIdle.
        /// </summary>
        public LinkEvent Poll()
        {
            long now = _clock.NowMs;
            if (_state == LinkState.Resetting)
            {
                return PollReset(now);
            }

            if (_state == LinkState.BackingOff && now >= _notBefore)
            {
                _state = LinkState.Idle;
            }

            while (true)
            {
                if (_rxPos >= _rxLen)
                {
                    _rxLen = _transport.Read(_rx, 0, _rx.Length);
                    _rxPos = 0;
                    if (_rxLen <= 0)
                    {
                        _rxLen = 0;
                        break;
                    }
                }

                int ev = _assembler.Feed(_rx[_rxPos++], now);
                if (ev == MepFrameAssembler.EventAlert)
                {
                    _counters.Alerts++;
                    return PollAlert;
                }

                if (ev == MepFrameAssembler.EventFrame && OnFrame(now))
                {
                    return PollCompleted;
                }
            }

            _assembler.Expire(now);
            if (_state != LinkState.AwaitingReply)
            {
                return PollIdle;
            }

            if (_resendPending)
            {
                if (now >= _resendAt)
                {
                    _resendPending = false;
                    _counters.Retransmits++;
                    Send(now);
                }

                return PollIdle;
            }

            // A reply that has started may finish; the hard cap stops endless noise from holding the link.
            if (now >= _deadline && (!_assembler.InFrame || now >= _deadline + MaxFrameTimeMs()))
            {
                return OnSilence(now);
            }

            return PollIdle;
        }

        /// <summary>The time a new request may go: after the 0x0B back-off and the minimum gap since the last send.</summary>
        private long ReadyAtMs()
        {
            long gapEnd = _lastSendMs + _settings.MinRequestGapMs;
            return gapEnd > _notBefore ? gapEnd : _notBefore;
        }

        private LinkEvent PollReset(long now)
        {
            // Whatever arrives while the transceiver is switched is garbage.
            while (_transport.Read(_rx, 0, _rx.Length) > 0)
            {
            }

            _rxPos = 0;
            _rxLen = 0;
            if (now < _resetStageEnd)
            {
                return PollIdle;
            }

            if (_resetStage == 0)
            {
                if (_transceiver != null)
                {
                    _transceiver.SetPowered(true);
                }

                _resetStage = 1;
                _resetStageEnd = now + _settings.ResetSettleMs;
                return PollIdle;
            }

            _assembler.Clear();
            _silentAttempts = 0;
            _counters.Retransmits++;
            Send(now);
            return PollIdle;
        }

        private void Send(long now)
        {
            _firstTransmission = false;
            _transport.Write(_tx, 0, _txLength);
            _counters.Requests++;
            _lastSendMs = now;
            _deadline = now + TransmitTimeMs(_txLength) + _settings.ResponseTimeoutMs;
            _state = LinkState.AwaitingReply;
        }

        private bool OnFrame(long now)
        {
            if (_state != LinkState.AwaitingReply || _resendPending)
            {
                _counters.UnsolicitedFrames++;
                return false;
            }

            byte[] frame = _assembler.Buffer;
            int length = _assembler.FrameLength;
            string? error;
            if (!MepResponseParser.TryParse(frame, 0, length, _response, out error))
            {
                _counters.MalformedReplies++;
                return OnBadReply(now, error);
            }

            if (_response.Code == MepCodes.AuthenticationFailure)
            {
                // A 0x0B reply cannot carry a digest we could check (§4.4).
                return OnAuthenticationFailure(now);
            }

            if (!MepResponseParser.DigestValid(_digest, _tx, 0, _txLength, frame, _response))
            {
                if (_previousTxLength == 0 || !MepResponseParser.DigestValid(_digest, _previousTx, 0, _previousTxLength, frame, _response))
                {
                    _counters.IntegrityFailures++;
                    return OnBadReply(now, "reply digest did not verify");
                }

                // A late answer to the frame sent before this one. If it answers the same message (we
                // re-signed it with a fresh number) its data is just as good; otherwise it is stale and
                // must not trigger another resend, or replies and requests stay out of step.
                if (!_previousIsSameRequest || _response.Code == MepCodes.InvalidSequenceNumber)
                {
                    _counters.StaleReplies++;
                    return false;
                }
            }

            _lastVerifiedMs = now;
            _resetsSinceReply = 0;
            _consecutiveAuthFailures = 0;
            if (_response.Code == MepCodes.InvalidSequenceNumber)
            {
                return OnInvalidSequence(now);
            }

            string? mismatch = MepResponseParser.CheckMatchesRequest(_request, _response);
            if (mismatch != null)
            {
                _counters.MismatchedReplies++;
                return OnBadReply(now, mismatch);
            }

            Array.Copy(frame, 0, _reply, 0, length);
            _replyLength = length;
            // Positions in _response refer to the assembler buffer; the copy has the same layout.
            LastResponseCode = _response.Code;
            _state = LinkState.Idle;
            if (_response.Code == MepCodes.Ok)
            {
                _counters.CompletedOk++;
                LastResult = LinkResult.Ok;
                LastError = null;
            }
            else
            {
                _counters.ErrorReplies++;
                LastResult = LinkResult.MeterError;
                LastError = MepCodes.ResponseExplanation(_response.Code);
                if (_log.IsEnabled(LogLevel.Warning))
                {
                    _log.Write(LogLevel.Warning, "meter refused " + MepCodes.RequestName(_request.Code) + " of table 0x" +
                        _request.TableId.ToString("X4") + ": " + LastError);
                }
            }

            return true;
        }

        private bool OnInvalidSequence(long now)
        {
            _counters.SequenceErrors++;
            if (_sequenceLearned && _firstTransmission)
            {
                // Not explained by our own resend: the meter moved its number (IDT bump adds 25, §4.3).
                _counters.SequenceJumps++;
            }

            _sequenceLearned = true;
            _nextSequence = _response.NextSequence;
            _sequenceRetries++;
            if (_sequenceRetries > _settings.MaxSequenceRetries)
            {
                return Abandon("the meter kept answering 0x0C (invalid sequence number)");
            }

            if (_log.IsEnabled(LogLevel.Debug))
            {
                _log.Write(LogLevel.Debug, "0x0C: meter asks for sequence " + _nextSequence.ToString("X8"));
            }

            ResendFresh(now);
            return false;
        }

        private bool OnAuthenticationFailure(long now)
        {
            _counters.AuthenticationFailures++;
            _consecutiveAuthFailures++;
            if (_consecutiveAuthFailures == 1 && _lastVerifiedMs >= 0 && now - _lastVerifiedMs < RecentlyVerifiedMs)
            {
                // The key worked moments ago, and a 0x0B frame carries no digest to check: a single one is
                // most likely a request damaged on the line (or noise shaped like a reply). Resend at once
                // with a fresh number; a second one in a row backs off as usual.
                if (_log.IsEnabled(LogLevel.Warning))
                {
                    _log.Write(LogLevel.Warning, "0x0B right after verified replies: resending once (line damage is the likely cause)");
                }

                _badReplies++;
                ResendFresh(now);
                return false;
            }
            long backoff = _settings.AuthBackoffMinMs;
            for (int i = 1; i < _consecutiveAuthFailures && backoff < _settings.AuthBackoffMaxMs; i++)
            {
                backoff *= 2;
            }

            if (backoff > _settings.AuthBackoffMaxMs)
            {
                backoff = _settings.AuthBackoffMaxMs;
            }

            _notBefore = now + backoff;
            _state = LinkState.BackingOff;
            LastResult = LinkResult.AuthenticationFailed;
            LastResponseCode = MepCodes.AuthenticationFailure;
            LastError = MepCodes.ResponseExplanation(MepCodes.AuthenticationFailure);
            if (_log.IsEnabled(LogLevel.Warning))
            {
                _log.Write(LogLevel.Warning, LastError + " Retrying in " + backoff + " ms (" + _consecutiveAuthFailures + " in a row).");
            }

            return true;
        }

        private bool OnBadReply(long now, string reason)
        {
            _badReplies++;
            LastError = reason;
            if (_log.IsEnabled(LogLevel.Warning))
            {
                _log.Write(LogLevel.Warning, "rejected reply to " + MepCodes.RequestName(_request.Code) + " of table 0x" +
                    _request.TableId.ToString("X4") + ": " + reason);
            }

            if (_badReplies > _settings.MaxBadReplies)
            {
                return Abandon("too many rejected replies: " + reason);
            }

            // The meter has probably consumed our number; a fresh one avoids a 0x0C round trip.
            ResendFresh(now);
            return false;
        }

        private LinkEvent OnSilence(long now)
        {
            _counters.Timeouts++;
            _silentAttempts++;
            if (_silentAttempts >= _settings.SilentAttemptsBeforeReset && _resetsThisRequest >= _settings.MaxResetsPerRequest)
            {
                return Abandon("no reply after " + _resetsThisRequest + " transceiver resets") ? PollCompleted : PollIdle;
            }

            if (_silentAttempts >= _settings.SilentAttemptsBeforeReset)
            {
                _resetsThisRequest++;
                _counters.TransceiverResets++;
                _resetsSinceReply++;
                // A dead line resets every few seconds; log the 1st, 2nd, 4th, 8th … so the log stays readable.
                if ((_resetsSinceReply & (_resetsSinceReply - 1)) == 0 && _log.IsEnabled(LogLevel.Warning))
                {
                    _log.Write(LogLevel.Warning, "no reply to " + _silentAttempts + " transmissions: resetting the transceiver (" +
                        _resetsSinceReply + " reset(s) since the last reply)");
                }

                if (_transceiver != null)
                {
                    _transceiver.SetPowered(false);
                }

                _state = LinkState.Resetting;
                _resetStage = 0;
                _resetStageEnd = now + _settings.ResetOffMs;
                return PollIdle;
            }

            // §3.8: resend the identical bytes (same sequence number and digest).
            _counters.Retransmits++;
            Send(now);
            return PollIdle;
        }

        private bool Abandon(string reason)
        {
            _counters.Abandoned++;
            LastResult = LinkResult.Abandoned;
            LastError = reason;
            _state = LinkState.Idle;
            _resendPending = false;
            if (_log.IsEnabled(LogLevel.Warning))
            {
                _log.Write(LogLevel.Warning, "gave up " + MepCodes.RequestName(_request.Code) + " of table 0x" +
                    _request.TableId.ToString("X4") + ": " + reason);
            }

            return true;
        }

        /// <summary>Re-signs the same message with the next sequence number and schedules it.</summary>
        private void ResendFresh(long now)
        {
            RememberPreviousFrame(true);
            MepRequestWriter.Resequence(_tx, 0, _txLength, _nextSequence, _digest);
            _nextSequence++;
            ScheduleResend(now);
        }

        private void RememberPreviousFrame(bool sameRequest)
        {
            if (_txLength > 0)
            {
                Array.Copy(_tx, _previousTx, _txLength);
            }

            _previousTxLength = _txLength;
            _previousIsSameRequest = sameRequest;
        }

        private void ScheduleResend(long now)
        {
            _resendPending = true;
            long earliest = _lastSendMs + _settings.MinRequestGapMs;
            _resendAt = earliest > now ? earliest : now;
        }

        private int TransmitTimeMs(int bytes)
        {
            // 10 bits per byte (8N1); rounded up.
            return (bytes * 10 * 1000 + _settings.BaudRate - 1) / _settings.BaudRate;
        }

        private int MaxFrameTimeMs()
        {
            // A full 478-byte frame plus the meter's 25 ms pause per 117 bytes, plus a gap timeout.
            return TransmitTimeMs(FrameCapacity) + 5 * 25 + _settings.InterByteGapMs;
        }
    }
}
