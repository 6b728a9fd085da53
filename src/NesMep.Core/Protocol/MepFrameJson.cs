using NesMep.Core.Json;
using NesMep.Core.Tables;

namespace NesMep.Core.Protocol
{
    /// <summary>
    /// Describes request and response frames as JSON for people: the CLI's frame inspector and the
    /// web UI's raw console share it, so both show the same fields. A reply whose digest does not
    /// verify is described but never decoded, the same rule the link applies.
    /// </summary>
    public static class MepFrameJson
    {
        /// <summary>Writes the request object; returns null, or the reason the frame is malformed.</summary>
        public static string? WriteRequest(byte[] frame, int offset, int length, MepDigest digest, JsonWriter w)
        {
            MepRequest request = new MepRequest();
            uint sequence;
            string? error;
            if (!MepRequestParser.TryParse(frame, offset, length, request, out sequence, out error))
            {
                return "request: " + error;
            }

            w.BeginObject();
            w.Property("length", length - 2);
            w.Property("code", (int)request.Code);
            w.Name("code_hex").HexString(frame, offset + 2, 1);
            w.Property("service", MepCodes.RequestName(request.Code));
            if (request.Code == MepCodes.FullRead || request.Code == MepCodes.PartialRead || request.IsWrite)
            {
                w.Property("table", TableIds.Name(request.TableId));
                w.Property("table_id", request.TableId);
            }

            if (request.Code == MepCodes.FullRead && request.MaxLength == MepRequest.NoMaxLength)
            {
                // §3.2: a missing length is "indeterminate, no error"; say what a meter does with it.
                w.Name("max_length").Null();
                w.Property("max_length_note", "absent: the meter answers with the table, capped at the frame limit of " +
                    MepCodes.MaxReadData + " data bytes");
            }
            else if (request.Code == MepCodes.FullRead)
            {
                w.Property("max_length", request.MaxLength);
            }

            if (request.Code == MepCodes.PartialRead || request.Code == MepCodes.PartialWrite)
            {
                w.Property("offset", request.Offset);
            }

            if (request.Code == MepCodes.PartialRead || request.IsWrite)
            {
                w.Property("count", request.Count);
            }

            if (request.IsWrite)
            {
                w.Name("data").HexString(request.Data!, request.DataOffset, request.Count); // a parsed write carries its data
            }

            w.Property("sequence", sequence);
            w.Name("sequence_hex").HexString(frame, offset + length - MepCodes.RequestTrailer, 4);
            w.Name("digest").HexString(frame, offset + length - MepDigest.Size, MepDigest.Size);
            w.Property("digest_valid", MepRequestParser.DigestValid(digest, frame, offset, length));
            w.EndObject();
            return null;
        }

        /// <summary>
        /// Writes the response object for the given request; returns null, or the reason either
        /// frame is malformed. Read replies of known tables are decoded when the digest verifies;
        /// <paramref name="dims"/>, <paramref name="bt27"/> and <paramref name="bt22"/> may be null.
        /// </summary>
        public static string? WriteResponse(byte[] request, int requestOffset, int requestLength,
            byte[] response, int offset, int length, MepDigest digest,
            Bt21Dimensions? dims, Bt27Selection? bt27, Bt22Selection? bt22, JsonWriter w)
        {
            MepRequest parsedRequest = new MepRequest();
            uint sequence;
            string? error;
            if (!MepRequestParser.TryParse(request, requestOffset, requestLength, parsedRequest, out sequence, out error))
            {
                return "request: " + error;
            }

            MepResponse parsed = new MepResponse();
            if (!MepResponseParser.TryParse(response, offset, length, parsed, out error))
            {
                return "response: " + error;
            }

            bool authFailure = parsed.Code == MepCodes.AuthenticationFailure;
            bool valid = !authFailure && MepResponseParser.DigestValid(digest, request, requestOffset, requestLength, response, parsed);
            w.BeginObject();
            w.Property("length", length - 2);
            w.Property("code", (int)parsed.Code);
            w.Name("code_hex").HexString(response, parsed.BodyOffset, 1);
            w.Property("status", MepCodes.ResponseName(parsed.Code));
            if (parsed.Code != MepCodes.Ok)
            {
                w.Property("explanation", MepCodes.ResponseExplanation(parsed.Code));
            }

            if (parsed.Code == MepCodes.InvalidSequenceNumber)
            {
                w.Property("next_sequence", parsed.NextSequence);
                w.Name("next_sequence_hex").HexString(response, parsed.BodyOffset + 1, 4);
            }

            if (parsed.HasReadData)
            {
                w.Property("data_count", parsed.DataCount);
                w.Name("data").HexString(response, parsed.DataOffset, parsed.DataCount);
            }

            w.Name("digest").HexString(response, parsed.DigestOffset, MepDigest.Size);
            if (authFailure)
            {
                // A 0x0B reply cannot be signed: the meter could not verify our key (§4.4).
                w.Name("digest_valid").Null();
            }
            else
            {
                w.Property("digest_valid", valid);
            }

            string? mismatch = MepResponseParser.CheckMatchesRequest(parsedRequest, parsed);
            if (mismatch != null)
            {
                w.Property("mismatch", mismatch);
            }

            if (parsed.HasReadData && parsedRequest.IsRead && mismatch == null)
            {
                if (!valid)
                {
                    w.Property("decoded_skipped", "the digest did not verify, so the data is not trusted");
                }
                else
                {
                    // Straight into the body (no copy of the decoded table as a string): TryWrite writes the
                    // name and the object only once the window has decoded.
                    int tableOffset = parsedRequest.Code == MepCodes.PartialRead ? parsedRequest.Offset : 0;
                    string? decodeError;
                    if (!TableJson.TryWrite(parsedRequest.TableId, response, parsed.DataOffset, parsed.DataCount, tableOffset,
                        dims, bt27, bt22, w, "decoded", out decodeError))
                    {
                        w.Property("decode_error", decodeError);
                    }
                }
            }

            w.EndObject();
            return null;
        }
    }
}
