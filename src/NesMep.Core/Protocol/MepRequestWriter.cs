using System;

namespace NesMep.Core.Protocol
{
    /// <summary>
    /// Builds request frames (client side): length, message, sequence number, digest
    /// (protocol reference §3.2, §16). Writes into a caller buffer; no allocation.
    /// </summary>
    public static class MepRequestWriter
    {
        /// <summary>Null when the request can be framed, else the reason.</summary>
        public static string? Validate(MepRequest request)
        {
            if (request.TableId < 0 || request.TableId > 0xFFFF)
            {
                return "table id must be 0..65535";
            }

            switch (request.Code)
            {
                case MepCodes.FullRead:
                    if ((request.MaxLength < 0 && request.MaxLength != MepRequest.NoMaxLength) || request.MaxLength > 0xFFFF)
                    {
                        return "full-read max length must be 0..65535 (or absent)";
                    }

                    break;
                case MepCodes.PartialRead:
                    if (request.Offset < 0 || request.Offset > 0xFFFFFF)
                    {
                        return "offset must be 0..16777215";
                    }

                    if (request.Count < 1 || request.Count > MepCodes.MaxReadData)
                    {
                        return "partial-read count must be 1.." + MepCodes.MaxReadData + " so the reply fits the 476-byte MEP limit";
                    }

                    break;
                case MepCodes.FullWrite:
                case MepCodes.PartialWrite:
                    if (request.Offset < 0 || request.Offset > 0xFFFFFF)
                    {
                        return "offset must be 0..16777215";
                    }

                    if (request.Count < 0 || request.Data == null || request.DataOffset < 0 ||
                        request.DataOffset + request.Count > request.Data.Length)
                    {
                        return "write data missing or shorter than its count";
                    }

                    break;
                default:
                    return "unsupported request code 0x" + Hex.Format(new byte[] { request.Code });
            }

            if (request.MessageLength + MepCodes.RequestTrailer > MepCodes.MaxFrameBody)
            {
                return "request exceeds the 476-byte MEP frame limit";
            }

            return null;
        }

        /// <summary>
        /// Writes the whole frame at buffer[offset] and returns its length. Throws ArgumentException
        /// for a request <see cref="Validate"/> rejects (a programming error at this depth).
        /// </summary>
        public static int Write(MepRequest request, uint sequence, MepDigest digest, byte[] buffer, int offset)
        {
            string? error = Validate(request);
            if (error != null)
            {
                throw new ArgumentException(error);
            }

            int p = offset + 2;
            buffer[p++] = request.Code;
            ByteOrder.WriteUInt16BE(buffer, p, request.TableId);
            p += 2;
            switch (request.Code)
            {
                case MepCodes.FullRead:
                    if (request.MaxLength != MepRequest.NoMaxLength)
                    {
                        ByteOrder.WriteUInt16BE(buffer, p, request.MaxLength);
                        p += 2;
                    }

                    break;
                case MepCodes.PartialRead:
                    ByteOrder.WriteUInt24BE(buffer, p, request.Offset);
                    p += 3;
                    ByteOrder.WriteUInt16BE(buffer, p, request.Count);
                    p += 2;
                    break;
                case MepCodes.FullWrite:
                    ByteOrder.WriteUInt16BE(buffer, p, request.Count);
                    p += 2;
                    Array.Copy(request.Data!, request.DataOffset, buffer, p, request.Count); // Validate refused a write without data
                    p += request.Count;
                    break;
                default:
                    ByteOrder.WriteUInt24BE(buffer, p, request.Offset);
                    p += 3;
                    ByteOrder.WriteUInt16BE(buffer, p, request.Count);
                    p += 2;
                    Array.Copy(request.Data!, request.DataOffset, buffer, p, request.Count); // Validate refused a write without data
                    p += request.Count;
                    break;
            }

            ByteOrder.WriteUInt32BE(buffer, p, sequence);
            p += 4;
            int bodyLength = p - (offset + 2);
            digest.Compute(buffer, offset + 2, bodyLength, buffer, p);
            p += MepDigest.Size;
            ByteOrder.WriteUInt16BE(buffer, offset, p - offset - 2);
            return p - offset;
        }

        /// <summary>
        /// Re-signs an already framed request with a new sequence number in place (after a 0x0C the
        /// same message is sent again with the number the meter asked for).
        /// </summary>
        public static void Resequence(byte[] frame, int offset, int length, uint sequence, MepDigest digest)
        {
            int seqAt = offset + length - MepCodes.RequestTrailer;
            ByteOrder.WriteUInt32BE(frame, seqAt, sequence);
            digest.Compute(frame, offset + 2, length - 2 - MepDigest.Size, frame, offset + length - MepDigest.Size);
        }
    }
}
