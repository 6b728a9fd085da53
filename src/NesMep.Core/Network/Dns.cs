namespace NesMep.Core.Network
{
    /// <summary>
    /// The DNS wire constants both responders use (RFC 1035, RFC 2782 SRV, RFC 6762 mDNS).
    /// </summary>
    public static class Dns
    {
        public const int HeaderLength = 12;

        /// <summary>Longest name in wire form, length bytes and the final zero included (RFC 1035 §2.3.4).</summary>
        public const int MaxNameLength = 255;

        public const int MaxLabelLength = 63;

        /// <summary>The classic UDP payload limit; a response buffer of this size fits every answer the responders write.</summary>
        public const int MaxUdpPayload = 512;

        public const int TypeA = 1;
        public const int TypePtr = 12;
        public const int TypeTxt = 16;
        public const int TypeAaaa = 28;
        public const int TypeSrv = 33;
        public const int TypeAny = 255;

        public const int ClassIn = 1;
        public const int ClassAny = 255;

        /// <summary>Top bit of QCLASS in an mDNS question: the asker prefers a unicast reply (RFC 6762 §5.4).</summary>
        public const int UnicastResponseBit = 0x8000;

        /// <summary>Top bit of the class of a unique mDNS record: caches replace what they hold (RFC 6762 §10.2).</summary>
        public const int CacheFlushBit = 0x8000;

        // Header flag bits.
        public const int FlagResponse = 0x8000;
        public const int OpcodeMask = 0x7800;
        public const int FlagAuthoritative = 0x0400;
        public const int FlagTruncated = 0x0200;
        public const int FlagRecursionDesired = 0x0100;
        public const int FlagRecursionAvailable = 0x0080;
        public const int RcodeMask = 0x000F;

        public const int RcodeNoError = 0;
        public const int RcodeFormatError = 1;
        public const int RcodeNotImplemented = 4;

        public const int DnsPort = 53;
        public const int MdnsPort = 5353;

        /// <summary>The mDNS IPv4 group 224.0.0.251.</summary>
        public static byte[] MdnsGroup()
        {
            return new byte[] { 224, 0, 0, 251 };
        }
    }
}
