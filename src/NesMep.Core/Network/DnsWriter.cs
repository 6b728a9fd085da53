namespace NesMep.Core.Network
{
    /// <summary>
    /// Writes a DNS message into a caller's buffer. A write that would not fit sets <see cref="Overflow"/> and is
    /// dropped, so callers check once at the end instead of after every field.
    /// </summary>
    public sealed class DnsWriter
    {
        private byte[] _buffer = new byte[0];
        private int _position;
        private int _rdataStart;

        public bool Overflow;

        public int Length => _position;

        public void Start(byte[] buffer)
        {
            _buffer = buffer;
            _position = 0;
            Overflow = false;
        }

        public void Header(int id, int flags, int questions, int answers, int authorities, int additionals)
        {
            U16(id);
            U16(flags);
            U16(questions);
            U16(answers);
            U16(authorities);
            U16(additionals);
        }

        /// <summary>Rewrites the answer and additional counts of the header once the records are known.</summary>
        public void SetCounts(int answers, int additionals)
        {
            if (_buffer.Length >= Dns.HeaderLength)
            {
                Put16(6, answers);
                Put16(10, additionals);
            }
        }

        public void Bytes(byte[] source, int offset, int count)
        {
            if (!Room(count))
            {
                return;
            }

            System.Array.Copy(source, offset, _buffer, _position, count);
            _position += count;
        }

        public void Name(byte[] wireName)
        {
            Bytes(wireName, 0, wireName.Length);
        }

        /// <summary>A compression pointer to a name already in the message (e.g. 12, the first question's name).</summary>
        public void Pointer(int offset)
        {
            U16(0xC000 | offset);
        }

        /// <summary>A resource record's name, type, class and TTL; follow with <see cref="BeginData"/>, the data, <see cref="EndData"/>.</summary>
        public void RecordHead(byte[] name, int type, int cls, int ttlSeconds)
        {
            Name(name);
            RecordTail(type, cls, ttlSeconds);
        }

        public void RecordTail(int type, int cls, int ttlSeconds)
        {
            U16(type);
            U16(cls);
            U16(ttlSeconds >> 16);
            U16(ttlSeconds & 0xFFFF);
        }

        public void BeginData()
        {
            U16(0);
            _rdataStart = _position;
        }

        public void EndData()
        {
            if (!Overflow)
            {
                Put16(_rdataStart - 2, _position - _rdataStart);
            }
        }

        public void U8(int value)
        {
            if (Room(1))
            {
                _buffer[_position++] = (byte)value;
            }
        }

        public void U16(int value)
        {
            if (Room(2))
            {
                Put16(_position, value);
                _position += 2;
            }
        }

        private bool Room(int count)
        {
            if (Overflow || _position + count > _buffer.Length)
            {
                Overflow = true;
                return false;
            }

            return true;
        }

        private void Put16(int at, int value)
        {
            _buffer[at] = (byte)(value >> 8);
            _buffer[at + 1] = (byte)value;
        }
    }
}
