using System;

namespace NesMep.Core.Protocol
{
    /// <summary>
    /// Builds response frames (server side: the simulator and tests). The digest covers the
    /// answered request's body followed by the response body (§4.2).
    /// </summary>
    public static class MepResponseWriter
    {
        /// <summary>Read reply: 00 + BE count + data. Returns the frame length.</summary>
        public static int WriteReadReply(byte[] request, int requestOffset, int requestLength,
            byte[] data, int dataOffset, int count, MepDigest digest, byte[] buffer, int offset)
        {
            int p = offset + 2;
            buffer[p++] = MepCodes.Ok;
            ByteOrder.WriteUInt16BE(buffer, p, count);
            p += 2;
            if (count > 0)
            {
                Array.Copy(data, dataOffset, buffer, p, count);
                p += count;
            }

            return Finish(request, requestOffset, requestLength, digest, buffer, offset, p);
        }

        /// <summary>A bare response code (write acknowledgement or an error code).</summary>
        public static int WriteCode(byte code, byte[] request, int requestOffset, int requestLength,
            MepDigest digest, byte[] buffer, int offset)
        {
            int p = offset + 2;
            buffer[p++] = code;
            return Finish(request, requestOffset, requestLength, digest, buffer, offset, p);
        }

        /// <summary>0x0C carrying the sequence number the client must use next (signed, §4.3).</summary>
        public static int WriteInvalidSequence(uint nextSequence, byte[] request, int requestOffset, int requestLength,
            MepDigest digest, byte[] buffer, int offset)
        {
            int p = offset + 2;
            buffer[p++] = MepCodes.InvalidSequenceNumber;
            ByteOrder.WriteUInt32BE(buffer, p, nextSequence);
            p += 4;
            return Finish(request, requestOffset, requestLength, digest, buffer, offset, p);
        }

        /// <summary>
        /// 0x0B: the server could not verify the request with any key, so it cannot sign; the digest
        /// bytes are zero (their content is undefined by the guide, §4.4).
        /// </summary>
        public static int WriteAuthenticationFailure(byte[] buffer, int offset)
        {
            int p = offset + 2;
            buffer[p++] = MepCodes.AuthenticationFailure;
            for (int i = 0; i < MepDigest.Size; i++)
            {
                buffer[p++] = 0;
            }

            ByteOrder.WriteUInt16BE(buffer, offset, p - offset - 2);
            return p - offset;
        }

        private static int Finish(byte[] request, int requestOffset, int requestLength, MepDigest digest, byte[] buffer, int offset, int p)
        {
            int bodyStart = offset + 2;
            digest.Reset();
            digest.Append(request, requestOffset + 2, requestLength - 2 - MepDigest.Size);
            digest.Append(buffer, bodyStart, p - bodyStart);
            digest.Finish(buffer, p);
            p += MepDigest.Size;
            ByteOrder.WriteUInt16BE(buffer, offset, p - offset - 2);
            return p - offset;
        }
    }
}
