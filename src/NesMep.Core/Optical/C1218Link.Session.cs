using System;
using NesMep.Core.Link;
using NesMep.Core.Platform;

namespace NesMep.Core.Optical
{
    /// <summary>The C12.18 session steps of <see cref="C1218Link"/>: what each reply leads to, timers, failure and a fresh session.</summary>
    public sealed partial class C1218Link
    {
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
            if (KeyState == C1218KeyState.Refused)
            {
                _counters.AuthenticationFailures++;
                _consecutiveRefusals++;
            }
            else
            {
                _consecutiveRefusals = 0;
            }

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

            if (_current.IsWrite)
            {
                _counters.CompletedOk++;
                return Finish(LinkResult.Ok, null);
            }

            string? bad = C1218Services.CheckReadReply(_reply, 0, _replyLength);
            if (bad == null && _current.Operation == TableOperation.PartialRead && _replyLength - C1218Services.ReadReplyOverhead != _current.Count)
            {
                bad = "partial read reply has " + (_replyLength - C1218Services.ReadReplyOverhead) + " bytes, asked for " + _current.Count;
            }

            if (bad != null)
            {
                _counters.ChecksumFailures++;
                _counters.IntegrityFailures++;
                _badReplies++;
                if (_log.IsEnabled(LogLevel.Warning))
                {
                    _log.Write(LogLevel.Warning, "optical: rejected reply to table 0x" + _current.TableId.ToString("X4") + ": " + bad);
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
                        _counters.Retransmits++;
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
            _counters.TransceiverResets++;
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
    }
}
