namespace NesMep.Core.Network
{
    /// <summary>
    /// The access point's DNS server: every A query is answered with the module's own address, so whatever name a
    /// phone looks up (its captive-portal probe, a bookmark, any site) leads to the module's web UI. Other types get
    /// an empty NOERROR answer (no AAAA, so phones fall back to IPv4); NXDOMAIN is never sent, since a phone that is
    /// told its probe name does not exist decides the network is offline instead of opening the portal.
    /// </summary>
    public sealed class CaptiveDnsResponder : IDatagramResponder
    {
        /// <summary>Short, so names cached while on the access point expire soon after the phone moves to a real network.</summary>
        public const int TtlSeconds = 10;

        private readonly byte[] _address;
        private readonly DnsReader _reader = new DnsReader();
        private readonly DnsWriter _writer = new DnsWriter();

        /// <summary>Answers with <paramref name="address"/> (4 bytes, by default <see cref="AccessPoint.Address"/>).</summary>
        public CaptiveDnsResponder(byte[] address)
        {
            if (address == null || address.Length != 4)
            {
                throw new System.ArgumentException("an IPv4 address of 4 bytes");
            }

            _address = (byte[])address.Clone();
        }

        /// <summary>What the last request was found to be (<see cref="DnsParse.Ok"/> when it was answered normally).</summary>
        public DnsParse LastResult;

        public int Respond(byte[] request, int length, int sourcePort, byte[] response, out ReplyTarget target)
        {
            target = ReplyTarget.None;
            DnsReader r = _reader;
            LastResult = r.ReadHeader(request, length);
            if (LastResult != DnsParse.Ok || r.IsResponse)
            {
                return 0; // no id to echo, or a response (answering those could start a loop between two servers)
            }

            DnsWriter w = _writer;
            w.Start(response);
            int flags = Dns.FlagResponse | Dns.FlagAuthoritative | Dns.FlagRecursionAvailable
                        | (r.Flags & (Dns.OpcodeMask | Dns.FlagRecursionDesired));
            if (r.Opcode != 0)
            {
                w.Header(r.Id, flags | Dns.RcodeNotImplemented, 0, 0, 0, 0);
                return Finish(w, out target);
            }

            if (r.QuestionCount != 1)
            {
                LastResult = DnsParse.NotOneQuestion;
            }
            else
            {
                LastResult = r.ReadQuestion();
            }

            if (LastResult != DnsParse.Ok)
            {
                w.Header(r.Id, flags | Dns.RcodeFormatError, 0, 0, 0, 0);
                return Finish(w, out target);
            }

            bool answer = (r.Type == Dns.TypeA || r.Type == Dns.TypeAny) && (r.Class == Dns.ClassIn || r.Class == Dns.ClassAny);
            w.Header(r.Id, flags, 1, answer ? 1 : 0, 0, 0);

            // A single question cannot hold a valid compression pointer, so its bytes are echoed as they came
            // (keeping the asker's letter case, which some resolvers check).
            w.Bytes(request, Dns.HeaderLength, r.Position - Dns.HeaderLength);
            if (answer)
            {
                w.Pointer(Dns.HeaderLength);
                w.RecordTail(Dns.TypeA, Dns.ClassIn, TtlSeconds);
                w.BeginData();
                w.Bytes(_address, 0, 4);
                w.EndData();
            }

            return Finish(w, out target);
        }

        private static int Finish(DnsWriter w, out ReplyTarget target)
        {
            target = w.Overflow ? ReplyTarget.None : ReplyTarget.Sender;
            return w.Overflow ? 0 : w.Length;
        }
    }
}
