namespace NesMep.Core.Network
{
    /// <summary>
    /// Multicast DNS (RFC 6762) and DNS-SD (RFC 6763) for the module: answers <c>&lt;hostname&gt;.local</c> A
    /// queries with its address and advertises the web server as <c>_http._tcp</c> (PTR, SRV, TXT <c>path=/</c>,
    /// and the <c>_services._dns-sd._udp</c> enumeration). Questions about other names, responses and malformed
    /// packets get no reply at all. Not done: probing for name conflicts, known-answer suppression, NSEC for
    /// types we lack (a peer asking AAAA simply gets no answer), the 20–120 ms random reply delay.
    /// </summary>
    public sealed class MdnsResponder : IDatagramResponder
    {
        /// <summary>TTL of records that carry the host name (A, SRV): RFC 6762 §10 recommends 120 s.</summary>
        public const int HostTtlSeconds = 120;

        /// <summary>TTL of the other records (PTR, TXT): 75 minutes per RFC 6762 §10.</summary>
        public const int OtherTtlSeconds = 4500;

        /// <summary>Cap for replies to legacy unicast queries (RFC 6762 §6.7: no more than ten seconds).</summary>
        public const int LegacyTtlSeconds = 10;

        // The records this responder owns, as bits of a set.
        private const int RecordA = 1;
        private const int RecordServicePtr = 2;
        private const int RecordSrv = 4;
        private const int RecordTxt = 8;
        private const int RecordEnumPtr = 16;
        private const int AllRecords = 31;

        private static readonly byte[] TxtPath = new byte[] { 6, (byte)'p', (byte)'a', (byte)'t', (byte)'h', (byte)'=', (byte)'/' };

        private readonly byte[] _hostName;
        private readonly byte[] _serviceName;
        private readonly byte[] _instanceName;
        private readonly byte[] _enumName;
        private readonly byte[] _address;
        private readonly int _httpPort;
        private readonly DnsReader _reader = new DnsReader();
        private readonly DnsWriter _writer = new DnsWriter();

        /// <summary>What the last request was found to be (<see cref="DnsParse.NoMoreQuestions"/> after a normal read).</summary>
        public DnsParse LastResult;

        /// <param name="hostname">One label, validated by the settings (default <c>esp32-mep</c>); also the service instance name.</param>
        /// <param name="address">The module's IPv4 address, 4 bytes.</param>
        /// <param name="httpPort">The web server's port for the SRV record.</param>
        public MdnsResponder(string hostname, byte[] address, int httpPort)
        {
            if (address == null || address.Length != 4)
            {
                throw new System.ArgumentException("an IPv4 address of 4 bytes");
            }

            if (httpPort < 1 || httpPort > 0xFFFF)
            {
                throw new System.ArgumentException("HTTP port must be 1..65535");
            }

            _hostName = DnsName.FromDotted(hostname + ".local");
            _serviceName = DnsName.FromDotted("_http._tcp.local");
            _instanceName = DnsName.FromDotted(hostname + "._http._tcp.local");
            _enumName = DnsName.FromDotted("_services._dns-sd._udp.local");
            _address = (byte[])address.Clone();
            _httpPort = httpPort;
        }

        public int Respond(byte[] request, int length, int sourcePort, byte[] response, out ReplyTarget target)
        {
            target = ReplyTarget.None;
            DnsReader r = _reader;
            LastResult = r.ReadHeader(request, length);

            // RFC 6762 §18: responses are not questions to us; other opcodes and non-zero rcodes are ignored.
            if (LastResult != DnsParse.Ok || r.IsResponse || r.Opcode != 0 || r.Rcode != 0)
            {
                return 0;
            }

            bool legacy = sourcePort != Dns.MdnsPort;
            int answers = 0;
            bool allUnicast = true;
            while ((LastResult = r.ReadQuestion()) == DnsParse.Ok)
            {
                if (r.Class != Dns.ClassIn && r.Class != Dns.ClassAny)
                {
                    continue;
                }

                int matched = Match(r);
                if (matched != 0)
                {
                    answers |= matched;
                    allUnicast &= r.UnicastResponse;
                }
            }

            if (LastResult != DnsParse.NoMoreQuestions || answers == 0)
            {
                return 0;
            }

            DnsWriter w = _writer;
            w.Start(response);
            if (legacy)
            {
                // §6.7: a one-shot resolver (dig -p 5353) gets its id and questions back, as from a unicast DNS server.
                w.Header(r.Id, Dns.FlagResponse | Dns.FlagAuthoritative, r.QuestionCount, 0, 0, 0);
                w.Bytes(request, Dns.HeaderLength, r.Position - Dns.HeaderLength);
            }
            else
            {
                w.Header(0, Dns.FlagResponse | Dns.FlagAuthoritative, 0, 0, 0, 0);
            }

            int additional = Implied(answers) & ~answers;
            w.SetCounts(WriteRecords(w, answers, legacy), WriteRecords(w, additional, legacy));
            if (w.Overflow)
            {
                return 0;
            }

            target = legacy || allUnicast ? ReplyTarget.Sender : ReplyTarget.Multicast;
            return w.Length;
        }

        /// <summary>
        /// The unsolicited announcement of every record (RFC 6762 §8.3), for the adapter to multicast on start and
        /// again a second later. Returns its length in <paramref name="response"/>, 0 if it does not fit.
        /// </summary>
        public int Announce(byte[] response)
        {
            DnsWriter w = _writer;
            w.Start(response);
            w.Header(0, Dns.FlagResponse | Dns.FlagAuthoritative, 0, 0, 0, 0);
            w.SetCounts(WriteRecords(w, AllRecords, false), 0);
            return w.Overflow ? 0 : w.Length;
        }

        /// <summary>The records that answer the reader's current question (a set of Record* bits).</summary>
        private int Match(DnsReader r)
        {
            int type = r.Type;
            bool any = type == Dns.TypeAny;
            if (r.NameIs(_hostName))
            {
                return type == Dns.TypeA || any ? RecordA : 0;
            }

            if (r.NameIs(_serviceName))
            {
                return type == Dns.TypePtr || any ? RecordServicePtr : 0;
            }

            if (r.NameIs(_instanceName))
            {
                return (type == Dns.TypeSrv || any ? RecordSrv : 0) | (type == Dns.TypeTxt || any ? RecordTxt : 0);
            }

            if (r.NameIs(_enumName))
            {
                return type == Dns.TypePtr || any ? RecordEnumPtr : 0;
            }

            return 0;
        }

        /// <summary>Records worth sending along (RFC 6763 §12): the instance's SRV/TXT with its PTR, the address with the SRV.</summary>
        private static int Implied(int records)
        {
            if ((records & RecordServicePtr) != 0)
            {
                records |= RecordSrv | RecordTxt;
            }

            if ((records & RecordSrv) != 0)
            {
                records |= RecordA;
            }

            return records;
        }

        private int WriteRecords(DnsWriter w, int records, bool legacy)
        {
            // Unique records carry the cache-flush bit, except in legacy unicast replies (§6.7, §10.2).
            int unique = legacy ? Dns.ClassIn : Dns.ClassIn | Dns.CacheFlushBit;
            int count = 0;
            count += Pointer(w, records & RecordServicePtr, _serviceName, _instanceName, legacy);
            count += Pointer(w, records & RecordEnumPtr, _enumName, _serviceName, legacy);
            if ((records & RecordSrv) != 0)
            {
                w.RecordHead(_instanceName, Dns.TypeSrv, unique, Ttl(HostTtlSeconds, legacy));
                w.BeginData();
                w.U16(0); // priority
                w.U16(0); // weight
                w.U16(_httpPort);
                w.Name(_hostName);
                w.EndData();
                count++;
            }

            if ((records & RecordTxt) != 0)
            {
                w.RecordHead(_instanceName, Dns.TypeTxt, unique, Ttl(OtherTtlSeconds, legacy));
                w.BeginData();
                w.Bytes(TxtPath, 0, TxtPath.Length);
                w.EndData();
                count++;
            }

            if ((records & RecordA) != 0)
            {
                w.RecordHead(_hostName, Dns.TypeA, unique, Ttl(HostTtlSeconds, legacy));
                w.BeginData();
                w.Bytes(_address, 0, 4);
                w.EndData();
                count++;
            }

            return count;
        }

        /// <summary>A shared PTR record <paramref name="owner"/> → <paramref name="target"/> when <paramref name="wanted"/> is non-zero; returns the count written.</summary>
        private static int Pointer(DnsWriter w, int wanted, byte[] owner, byte[] target, bool legacy)
        {
            if (wanted == 0)
            {
                return 0;
            }

            w.RecordHead(owner, Dns.TypePtr, Dns.ClassIn, Ttl(OtherTtlSeconds, legacy));
            w.BeginData();
            w.Name(target);
            w.EndData();
            return 1;
        }

        private static int Ttl(int seconds, bool legacy)
        {
            return legacy && seconds > LegacyTtlSeconds ? LegacyTtlSeconds : seconds;
        }
    }
}
