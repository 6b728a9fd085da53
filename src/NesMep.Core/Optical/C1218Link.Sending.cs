using System;
using NesMep.Core.Link;
using NesMep.Core.Platform;

namespace NesMep.Core.Optical
{
    /// <summary>Packets out of <see cref="C1218Link"/>: one service request per packet, ACK and NAK bytes.</summary>
    public sealed partial class C1218Link
    {
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
                    length = C1218Services.WriteTableRequest(_current, _request, 0);
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
            _counters.Requests++;
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
