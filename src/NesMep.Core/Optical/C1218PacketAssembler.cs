using System;

namespace NesMep.Core.Optical
{
    /// <summary>
    /// Cuts C12.18 packets, ACKs and NAKs out of a byte stream (reference §13.1). Outside a packet a
    /// 0x06 or 0x15 is an ACK or NAK and 0xEE starts a packet; anything else is noise. A header whose
    /// length does not fit the buffer is a false start: the 0xEE is dropped and the bytes after it are
    /// searched again, so noise in front of a packet does not swallow it. A packet whose CRC fails is
    /// reported (the receiver answers NAK) and never handed on. Silence longer than the inter-character
    /// gap drops a partial packet. No allocation after construction.
    /// </summary>
    public sealed class C1218PacketAssembler
    {
        public const int EventNone = 0;
        public const int EventPacket = 1;
        public const int EventBadCrc = 2;
        public const int EventAck = 3;
        public const int EventNak = 4;

        private readonly byte[] _buffer;
        private int _count;
        private long _lastByteMs;

        /// <param name="maxPacketData">Largest data length accepted (the negotiated packet size less 8).</param>
        /// <param name="gapTimeoutMs">Silence that ends a partial packet.</param>
        public C1218PacketAssembler(int maxPacketData, int gapTimeoutMs)
        {
            if (maxPacketData < 1 || maxPacketData > C1218Codes.MaxPacketData)
            {
                throw new ArgumentOutOfRangeException("maxPacketData");
            }

            _buffer = new byte[maxPacketData + C1218Codes.Overhead];
            MaxPacketData = maxPacketData;
            GapTimeoutMs = gapTimeoutMs;
        }

        public int MaxPacketData { get; private set; }

        public int GapTimeoutMs { get; set; }

        /// <summary>Holds the last complete packet at offset 0 (valid until the next Feed).</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        public int PacketLength { get; private set; }

        public bool InPacket
        {
            get { return _count > 0; }
        }

        /// <summary>When <see cref="Expire"/> drops the partial packet, or long.MaxValue when none.</summary>
        public long ExpiresAtMs
        {
            get { return _count > 0 ? _lastByteMs + GapTimeoutMs + 1 : long.MaxValue; }
        }

        public int NoiseBytes { get; private set; }

        public int BadCrcPackets { get; private set; }

        public int TruncatedPackets { get; private set; }

        /// <summary>Lowers the accepted data length (after Negotiate); never above the buffer.</summary>
        public void Limit(int maxPacketData)
        {
            int capacity = _buffer.Length - C1218Codes.Overhead;
            MaxPacketData = maxPacketData < 1 ? 1 : maxPacketData > capacity ? capacity : maxPacketData;
        }

        /// <summary>Feeds one byte; returns one of the Event constants.</summary>
        public int Feed(byte value, long nowMs)
        {
            Expire(nowMs);
            _lastByteMs = nowMs;
            if (_count == 0)
            {
                switch (value)
                {
                    case C1218Codes.Start:
                        _buffer[_count++] = value;
                        return EventNone;
                    case C1218Codes.Ack:
                        return EventAck;
                    case C1218Codes.Nak:
                        return EventNak;
                    default:
                        NoiseBytes++;
                        return EventNone;
                }
            }

            _buffer[_count++] = value;
            return Check();
        }

        /// <summary>Drops a partial packet once the line has been quiet for the gap; true when one was dropped.</summary>
        public bool Expire(long nowMs)
        {
            if (_count > 0 && nowMs - _lastByteMs > GapTimeoutMs)
            {
                TruncatedPackets++;
                _count = 0;
                return true;
            }

            return false;
        }

        public void Clear()
        {
            _count = 0;
        }

        private int Check()
        {
            while (_count > 0)
            {
                if (_count < C1218Codes.HeaderLength)
                {
                    return EventNone;
                }

                int length = (_buffer[4] << 8) | _buffer[5];
                if (length > MaxPacketData)
                {
                    // A false start: drop the 0xEE and look for another one in what was buffered.
                    Resync();
                    continue;
                }

                int total = C1218Codes.HeaderLength + length + C1218Codes.CrcLength;
                if (_count < total)
                {
                    return EventNone;
                }

                _count = 0;
                PacketLength = total;
                int crc = Crc16X25.Compute(_buffer, 0, total - C1218Codes.CrcLength);
                if ((_buffer[total - 2] | (_buffer[total - 1] << 8)) != crc)
                {
                    BadCrcPackets++;
                    return EventBadCrc;
                }

                return EventPacket;
            }

            return EventNone;
        }

        private void Resync()
        {
            int next = 1;
            while (next < _count && _buffer[next] != C1218Codes.Start)
            {
                next++;
            }

            NoiseBytes += next;
            _count -= next;
            Array.Copy(_buffer, next, _buffer, 0, _count);
        }
    }
}
