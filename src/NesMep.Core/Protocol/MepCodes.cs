namespace NesMep.Core.Protocol
{
    /// <summary>MEP request and response codes and size limits (protocol reference §3.2, §3.3).</summary>
    public static class MepCodes
    {
        public const byte FullRead = 0x30;
        public const byte PartialRead = 0x3F;
        public const byte FullWrite = 0x40;
        public const byte PartialWrite = 0x4F;

        public const byte Ok = 0x00;
        public const byte UnrecognizedRequest = 0x01;
        public const byte UnsupportedRequest = 0x02;
        public const byte NoPermission = 0x03;
        public const byte OperationNotPossible = 0x04;
        public const byte TableOperationNotPossible = 0x05;
        public const byte InvalidServiceSequenceState = 0x0A;
        public const byte AuthenticationFailure = 0x0B;
        public const byte InvalidSequenceNumber = 0x0C;

        /// <summary>Largest request or response excluding the 2-byte length field (§3.1).</summary>
        public const int MaxFrameBody = 476;

        /// <summary>Sequence number (4) + digest (8) that close every request.</summary>
        public const int RequestTrailer = 12;

        /// <summary>Smallest response body: response code + digest.</summary>
        public const int MinResponseBody = 1 + MepDigest.Size;

        /// <summary>Smallest request body: request code + sequence + digest.</summary>
        public const int MinRequestBody = 1 + RequestTrailer;

        /// <summary>The most table data one read reply can carry: 476 − code − count − digest.</summary>
        public const int MaxReadData = MaxFrameBody - 1 - 2 - MepDigest.Size;

        public static string RequestName(int code)
        {
            switch (code)
            {
                case FullRead:
                    return "full_read";
                case PartialRead:
                    return "partial_read";
                case FullWrite:
                    return "full_write";
                case PartialWrite:
                    return "partial_write";
                default:
                    return "unknown";
            }
        }

        /// <summary>Short stable name of a response code (used in JSON, logs and counters).</summary>
        public static string ResponseName(int code)
        {
            switch (code)
            {
                case Ok:
                    return "ok";
                case UnrecognizedRequest:
                    return "unrecognized_request";
                case UnsupportedRequest:
                    return "unsupported_request";
                case NoPermission:
                    return "no_permission";
                case OperationNotPossible:
                    return "operation_not_possible";
                case TableOperationNotPossible:
                    return "table_operation_not_possible";
                case InvalidServiceSequenceState:
                    return "invalid_service_sequence_state";
                case AuthenticationFailure:
                    return "authentication_failure";
                case InvalidSequenceNumber:
                    return "invalid_sequence_number";
                default:
                    return "unknown";
            }
        }

        /// <summary>A sentence a user can act on, for the status page and logs.</summary>
        public static string ResponseExplanation(int code)
        {
            switch (code)
            {
                case Ok:
                    return "The meter accepted the request.";
                case UnrecognizedRequest:
                    return "0x01: the meter did not recognise the request.";
                case UnsupportedRequest:
                    return "0x02: the meter does not support this request.";
                case NoPermission:
                    return "0x03: the key has no permission for this table or procedure (the MBK is read-only for most tables).";
                case OperationNotPossible:
                    return "0x04: operation not possible (for BT07: the procedure sequence number repeated).";
                case TableOperationNotPossible:
                    return "0x05: table operation not possible (table missing or read too large).";
                case InvalidServiceSequenceState:
                    return "0x0A: the port expects TLS; RC4-mode frames are refused.";
                case AuthenticationFailure:
                    return "0x0B: the meter could not verify the request digest: wrong MEP key (check it is the MBK and its form) or request bytes corrupted on the line.";
                case InvalidSequenceNumber:
                    return "0x0C: invalid sequence number; the meter sent the number to use next (normal at start and after lost replies).";
                default:
                    return "Unknown response code.";
            }
        }
    }
}
