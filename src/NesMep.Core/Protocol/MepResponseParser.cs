using System.Diagnostics.CodeAnalysis;

namespace NesMep.Core.Protocol
{
    /// <summary>
    /// Client-side reading of response frames: structure, digest (over request body ‖ response
    /// body, §4.2) and whether the reply fits the request it answers.
    /// </summary>
    public static class MepResponseParser
    {
        /// <summary>Parses the structure only. On failure returns false with a reason.</summary>
        public static bool TryParse(byte[] frame, int offset, int length, MepResponse into, [NotNullWhen(false)] out string? error)
        {
            error = null;
            into.Clear();
            if (length < 2)
            {
                error = "frame shorter than its length field";
                return false;
            }

            int declared = ByteOrder.ReadUInt16BE(frame, offset);
            if (declared > MepCodes.MaxFrameBody)
            {
                error = "length field exceeds the 476-byte MEP limit";
                return false;
            }

            if (declared != length - 2)
            {
                error = "length field does not match the frame size";
                return false;
            }

            if (declared < MepCodes.MinResponseBody)
            {
                error = "response shorter than code + digest";
                return false;
            }

            int p = offset + 2;
            into.Code = frame[p];
            into.BodyOffset = p;
            into.BodyLength = declared - MepDigest.Size;
            into.DigestOffset = offset + length - MepDigest.Size;
            int payload = into.BodyLength - 1;
            switch (into.Code)
            {
                case MepCodes.Ok:
                    if (payload == 0)
                    {
                        return true; // write acknowledged
                    }

                    if (payload < 2)
                    {
                        error = "read reply too short for its count field";
                        return false;
                    }

                    int count = ByteOrder.ReadUInt16BE(frame, p + 1);
                    if (count != payload - 2)
                    {
                        error = "read reply count " + count + " does not match the " + (payload - 2) + " data bytes";
                        return false;
                    }

                    into.HasReadData = true;
                    into.DataOffset = p + 3;
                    into.DataCount = count;
                    return true;
                case MepCodes.InvalidSequenceNumber:
                    if (payload != 4)
                    {
                        error = "0x0C reply must carry exactly a 4-byte sequence number";
                        return false;
                    }

                    into.NextSequence = ByteOrder.ReadUInt32BE(frame, p + 1);
                    return true;
                default:
                    if (payload != 0)
                    {
                        error = "error reply 0x" + Hex.Format(frame, p, 1) + " carries unexpected data";
                        return false;
                    }

                    return true;
            }
        }

        /// <summary>Verifies the response digest against the request that was sent.</summary>
        public static bool DigestValid(MepDigest digest, byte[] request, int requestOffset, int requestLength, byte[] response, MepResponse parsed)
        {
            digest.Reset();
            digest.Append(request, requestOffset + 2, requestLength - 2 - MepDigest.Size);
            digest.Append(response, parsed.BodyOffset, parsed.BodyLength);
            return digest.FinishAndCompare(response, parsed.DigestOffset);
        }

        /// <summary>
        /// Null when a successful reply fits the request (read reply for a read, with the count
        /// asked for; bare acknowledgement for a write), else the mismatch.
        /// </summary>
        public static string? CheckMatchesRequest(MepRequest request, MepResponse response)
        {
            if (response.Code != MepCodes.Ok)
            {
                return null;
            }

            if (request.IsRead)
            {
                if (!response.HasReadData)
                {
                    return "read answered without data";
                }

                if (request.Code == MepCodes.PartialRead && response.DataCount != request.Count)
                {
                    return "partial read of " + request.Count + " bytes answered with " + response.DataCount;
                }

                if (request.Code == MepCodes.FullRead && response.DataCount > request.FullReadLimit)
                {
                    return "full read answered with more than its max length";
                }

                return null;
            }

            return response.HasReadData ? "write answered with read data" : null;
        }
    }
}
