namespace NesMep.Core.Network
{
    /// <summary>
    /// Reads a DNS message's header and questions from a caller's buffer without allocating: each question's name
    /// is expanded into <see cref="Name"/> (wire form, uncompressed, case kept). Every read is bounds-checked and
    /// returns a <see cref="DnsParse"/>; no packet content makes it throw or loop.
    /// </summary>
    public sealed class DnsReader
    {
        // A name has at most 127 labels in 255 bytes, so a legitimate name needs fewer jumps than this.
        private const int MaxJumps = 128;

        private byte[] _packet = new byte[0];
        private int _length;
        private int _position;
        private int _questionsLeft;

        public int Id;
        public int Flags;
        public int QuestionCount;
        public int AnswerCount;
        public int AuthorityCount;
        public int AdditionalCount;

        /// <summary>The last question's name in wire form: length-prefixed labels and the final zero.</summary>
        public readonly byte[] Name = new byte[Dns.MaxNameLength];

        public int NameLength;

        /// <summary>The last question's QTYPE.</summary>
        public int Type;

        /// <summary>The last question's QCLASS without the mDNS unicast-response bit.</summary>
        public int Class;

        /// <summary>The last question had the mDNS unicast-response (QU) bit set.</summary>
        public bool UnicastResponse;

        /// <summary>Offset just after the last item read (the header, or the last question).</summary>
        public int Position => _position;

        public bool IsResponse => (Flags & Dns.FlagResponse) != 0;

        public int Opcode => (Flags & Dns.OpcodeMask) >> 11;

        public int Rcode => Flags & Dns.RcodeMask;

        /// <summary>Starts on a new packet and reads its 12-byte header.</summary>
        public DnsParse ReadHeader(byte[] packet, int length)
        {
            _packet = packet;
            _length = length < 0 ? 0 : (length > packet.Length ? packet.Length : length);
            _position = 0;
            _questionsLeft = 0;
            NameLength = 0;
            if (_length < Dns.HeaderLength)
            {
                return DnsParse.Truncated;
            }

            Id = U16(0);
            Flags = U16(2);
            QuestionCount = U16(4);
            AnswerCount = U16(6);
            AuthorityCount = U16(8);
            AdditionalCount = U16(10);
            _questionsLeft = QuestionCount;
            _position = Dns.HeaderLength;
            return DnsParse.Ok;
        }

        /// <summary>Reads the next question into <see cref="Name"/>, <see cref="Type"/> and <see cref="Class"/>.</summary>
        public DnsParse ReadQuestion()
        {
            if (_questionsLeft <= 0)
            {
                return DnsParse.NoMoreQuestions;
            }

            int after;
            DnsParse r = ReadName(_position, out after);
            if (r != DnsParse.Ok)
            {
                _questionsLeft = 0;
                return r;
            }

            if (after + 4 > _length)
            {
                _questionsLeft = 0;
                return DnsParse.Truncated;
            }

            Type = U16(after);
            int cls = U16(after + 2);
            UnicastResponse = (cls & Dns.UnicastResponseBit) != 0;
            Class = cls & ~Dns.UnicastResponseBit;
            _position = after + 4;
            _questionsLeft--;
            return DnsParse.Ok;
        }

        /// <summary>The last question's name equals <paramref name="wireName"/> (ASCII letters in any case).</summary>
        public bool NameIs(byte[] wireName)
        {
            return DnsName.EqualsIgnoreCase(Name, NameLength, wireName);
        }

        /// <summary>
        /// Expands the name at <paramref name="start"/>. Each compression pointer must point before everything read
        /// of this name so far, so the walk always moves to strictly smaller offsets and ends.
        /// </summary>
        private DnsParse ReadName(int start, out int after)
        {
            after = -1;
            int p = start;
            int lowest = start;
            int n = 0;
            int jumps = 0;
            while (true)
            {
                if (p >= _length)
                {
                    return DnsParse.Truncated;
                }

                int b = _packet[p];
                int kind = b & 0xC0;
                if (kind == 0xC0)
                {
                    if (p + 1 >= _length)
                    {
                        return DnsParse.Truncated;
                    }

                    int target = ((b & 0x3F) << 8) | _packet[p + 1];
                    if (after < 0)
                    {
                        after = p + 2;
                    }

                    if (target < Dns.HeaderLength || target >= _length)
                    {
                        return DnsParse.BadPointer;
                    }

                    if (target >= lowest || ++jumps > MaxJumps)
                    {
                        return DnsParse.PointerLoop;
                    }

                    lowest = target;
                    p = target;
                    continue;
                }

                if (kind != 0)
                {
                    return DnsParse.BadLabel;
                }

                if (n + b + 1 > Dns.MaxNameLength)
                {
                    return DnsParse.NameTooLong;
                }

                if (b == 0)
                {
                    Name[n++] = 0;
                    NameLength = n;
                    if (after < 0)
                    {
                        after = p + 1;
                    }

                    return DnsParse.Ok;
                }

                if (p + 1 + b > _length)
                {
                    return DnsParse.Truncated;
                }

                System.Array.Copy(_packet, p, Name, n, b + 1);
                n += b + 1;
                p += b + 1;
            }
        }

        private int U16(int o)
        {
            return (_packet[o] << 8) | _packet[o + 1];
        }
    }
}
