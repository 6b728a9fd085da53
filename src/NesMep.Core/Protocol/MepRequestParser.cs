using System.Diagnostics.CodeAnalysis;

namespace NesMep.Core.Protocol
{
    /// <summary>
    /// Reads a request frame (server side, and the CLI's frame inspector): checks the length
    /// field and the arguments of each request code. The digest is checked separately because
    /// the server tries more than one key (§4.1).
    /// </summary>
    public static class MepRequestParser
    {
        /// <summary>
        /// Parses frame[offset..offset+length). On success fills <paramref name="into"/> (write data
        /// refers into the frame) and the sequence number; on failure returns false and a reason.
        /// Unknown request codes parse successfully with only Code set (the server answers 0x01).
        /// </summary>
        public static bool TryParse(byte[] frame, int offset, int length, MepRequest into, out uint sequence, [NotNullWhen(false)] out string? error)
        {
            sequence = 0;
            error = null;
            if (length < 2)
            {
                error = "frame shorter than its 2-byte length field";
                return false;
            }

            int declared = ByteOrder.ReadUInt16BE(frame, offset);
            if (declared > MepCodes.MaxFrameBody)
            {
                error = "length field " + declared + " exceeds the 476-byte MEP limit";
                return false;
            }

            if (declared != length - 2)
            {
                error = "length field says " + declared + " bytes follow but " + (length - 2) + " do";
                return false;
            }

            if (declared < MepCodes.MinRequestBody)
            {
                error = "request body of " + declared + " bytes is shorter than code + sequence + digest (13)";
                return false;
            }

            int p = offset + 2;
            int messageLength = declared - MepCodes.RequestTrailer;
            int end = p + messageLength;
            into.Code = frame[p];
            into.TableId = 0;
            into.Offset = 0;
            into.Count = 0;
            into.MaxLength = 0;
            into.Data = null;
            into.DataOffset = 0;
            switch (into.Code)
            {
                case MepCodes.FullRead:
                    if (messageLength != 5 && messageLength != 3)
                    {
                        error = "full read needs table id and max length (5 message bytes) or table id alone (3), got " + messageLength;
                        return false;
                    }

                    into.TableId = ByteOrder.ReadUInt16BE(frame, p + 1);
                    into.MaxLength = messageLength == 5 ? ByteOrder.ReadUInt16BE(frame, p + 3) : MepRequest.NoMaxLength;
                    break;
                case MepCodes.PartialRead:
                    if (messageLength != 8)
                    {
                        error = "partial read needs table id, offset and count (8 message bytes), got " + messageLength;
                        return false;
                    }

                    into.TableId = ByteOrder.ReadUInt16BE(frame, p + 1);
                    into.Offset = ByteOrder.ReadUInt24BE(frame, p + 3);
                    into.Count = ByteOrder.ReadUInt16BE(frame, p + 6);
                    break;
                case MepCodes.FullWrite:
                    if (messageLength < 5)
                    {
                        error = "full write needs table id and count";
                        return false;
                    }

                    into.TableId = ByteOrder.ReadUInt16BE(frame, p + 1);
                    into.Count = ByteOrder.ReadUInt16BE(frame, p + 3);
                    if (into.Count != messageLength - 5)
                    {
                        error = "full write count " + into.Count + " does not match the " + (messageLength - 5) + " data bytes";
                        return false;
                    }

                    into.Data = frame;
                    into.DataOffset = p + 5;
                    break;
                case MepCodes.PartialWrite:
                    if (messageLength < 8)
                    {
                        error = "partial write needs table id, offset and count";
                        return false;
                    }

                    into.TableId = ByteOrder.ReadUInt16BE(frame, p + 1);
                    into.Offset = ByteOrder.ReadUInt24BE(frame, p + 3);
                    into.Count = ByteOrder.ReadUInt16BE(frame, p + 6);
                    if (into.Count != messageLength - 8)
                    {
                        error = "partial write count " + into.Count + " does not match the " + (messageLength - 8) + " data bytes";
                        return false;
                    }

                    into.Data = frame;
                    into.DataOffset = p + 8;
                    break;
            }

            sequence = ByteOrder.ReadUInt32BE(frame, end);
            return true;
        }

        /// <summary>True when the request frame's digest verifies with this key.</summary>
        public static bool DigestValid(MepDigest digest, byte[] frame, int offset, int length)
        {
            if (length < 2 + MepCodes.MinRequestBody)
            {
                return false;
            }

            digest.Reset();
            digest.Append(frame, offset + 2, length - 2 - MepDigest.Size);
            return digest.FinishAndCompare(frame, offset + length - MepDigest.Size);
        }
    }
}
