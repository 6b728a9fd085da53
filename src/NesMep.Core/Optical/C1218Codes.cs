namespace NesMep.Core.Optical
{
    /// <summary>
    /// ANSI C12.18 packet bytes, service codes and response codes (reference §13.1, §13.2).
    /// </summary>
    public static class C1218Codes
    {
        public const byte Start = 0xEE;
        public const byte Ack = 0x06;
        public const byte Nak = 0x15;

        /// <summary>Control byte bits: multi-packet message, first packet of one, toggle (flips per new packet).</summary>
        public const byte MultiPacketBit = 0x80;
        public const byte FirstPacketBit = 0x40;
        public const byte ToggleBit = 0x20;

        /// <summary>0xEE, identity, control, sequence, 2-byte length.</summary>
        public const int HeaderLength = 6;
        public const int CrcLength = 2;
        public const int Overhead = HeaderLength + CrcLength;

        /// <summary>Largest data length a packet may announce (termineter's limit, §13.1); longer ones are noise.</summary>
        public const int MaxPacketData = 8183;

        /// <summary>Smallest packet size a meter may negotiate (C12.18 default packet size, 64 bytes).</summary>
        public const int MinPacketSize = 64;

        public const byte Identify = 0x20;
        public const byte Terminate = 0x21;
        public const byte FullRead = 0x30;
        public const byte PartialRead = 0x3F;
        public const byte FullWrite = 0x40;
        public const byte PartialWrite = 0x4F;
        public const byte Logon = 0x50;
        public const byte Security = 0x51;
        public const byte Logoff = 0x52;
        public const byte Negotiate = 0x60;
        public const byte Wait = 0x70;

        /// <summary>Negotiate with one baud code (0x61) and the baud codes (§13.2).</summary>
        public const byte NegotiateOneBaud = 0x61;
        public const byte Baud9600 = 6;

        public const byte Ok = 0x00;
        public const byte Error = 0x01;
        public const byte ServiceNotSupported = 0x02;
        public const byte InsufficientSecurity = 0x03;
        public const byte OperationNotPossible = 0x04;
        public const byte InappropriateAction = 0x05;
        public const byte Busy = 0x06;
        public const byte DataNotReady = 0x07;
        public const byte DataLocked = 0x08;
        public const byte Renegotiate = 0x09;
        public const byte InvalidServiceSequenceState = 0x0A;

        /// <summary>Length of the Security service password (§13.2: zero-padded to 20 bytes).</summary>
        public const int PasswordLength = 20;

        /// <summary>Length of the Logon user name (§13.2: space-padded to 10 bytes).</summary>
        public const int UserNameLength = 10;

        /// <summary>Baud rate of a C12.18 baud code (§13.2), 0 for codes outside 1..10.</summary>
        public static int BaudRate(int code)
        {
            switch (code)
            {
                case 1: return 300;
                case 2: return 600;
                case 3: return 1200;
                case 4: return 2400;
                case 5: return 4800;
                case 6: return 9600;
                case 7: return 14400;
                case 8: return 19200;
                case 9: return 28800;
                case 10: return 57600;
                default: return 0;
            }
        }

        /// <summary>Short stable name of a service code (logs, JSON).</summary>
        public static string ServiceName(int code)
        {
            switch (code)
            {
                case Identify: return "identify";
                case Terminate: return "terminate";
                case FullRead: return "full_read";
                case PartialRead: return "partial_read";
                case FullWrite: return "full_write";
                case PartialWrite: return "partial_write";
                case Logon: return "logon";
                case Security: return "security";
                case Logoff: return "logoff";
                case Wait: return "wait";
                default:
                    return code >= Negotiate && code <= 0x6B ? "negotiate" : "unknown";
            }
        }

        /// <summary>The C12.18 abbreviation of a response code (ok, err, sns, isc, onp, iar, bsy, dnr, dlk, rno, isss).</summary>
        public static string ResponseName(int code)
        {
            switch (code)
            {
                case Ok: return "ok";
                case Error: return "err";
                case ServiceNotSupported: return "sns";
                case InsufficientSecurity: return "isc";
                case OperationNotPossible: return "onp";
                case InappropriateAction: return "iar";
                case Busy: return "bsy";
                case DataNotReady: return "dnr";
                case DataLocked: return "dlk";
                case Renegotiate: return "rno";
                case InvalidServiceSequenceState: return "isss";
                default: return "unknown";
            }
        }

        /// <summary>A sentence a user can act on (status page, logs).</summary>
        public static string ResponseExplanation(int code)
        {
            switch (code)
            {
                case Ok: return "The meter accepted the request (ok).";
                case Error: return "The meter rejected the request without a reason (err).";
                case ServiceNotSupported: return "The meter does not support this service (sns).";
                case InsufficientSecurity:
                    return "Insufficient security clearance (isc): the table needs the optical key (MK, PK or RK) or is hardware-locked.";
                case OperationNotPossible: return "Operation not possible (onp): the table does not exist or the request does not fit it.";
                case InappropriateAction: return "Inappropriate action requested (iar), e.g. a table this meter does not have.";
                case Busy: return "The meter is busy (bsy); the request is retried later.";
                case DataNotReady: return "Data not ready (dnr); the request is retried later.";
                case DataLocked: return "Data locked (dlk): another session holds the table.";
                case Renegotiate: return "The meter asks to renegotiate (rno); a fresh session follows.";
                case InvalidServiceSequenceState:
                    return "Invalid service sequence state (isss): the session is not in the state the service needs; a fresh session follows.";
                default: return "The meter answered an unknown response code.";
            }
        }
    }
}
