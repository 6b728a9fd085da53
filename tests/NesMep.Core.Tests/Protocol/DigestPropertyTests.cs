using FsCheck;
using FsCheck.Fluent;
using NesMep.Core.Protocol;
using Xunit;

namespace NesMep.Core.Tests.Protocol;

/// <summary>Property tests with random keys and messages (FsCheck).</summary>
public class DigestPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static Gen<byte[]> Bytes(int min, int max) =>
        from n in Gen.Choose(min, max)
        from b in Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), n)
        select b;

    private static Gen<MepRequest> Requests() =>
        Gen.OneOf(
            from t in Gen.Choose(0, 0xFFFF) from m in Gen.Choose(0, 0xFFFF) select new MepRequest().SetFullRead(t, m),
            from t in Gen.Choose(0, 0xFFFF) from o in Gen.Choose(0, 0xFFFFFF) from c in Gen.Choose(1, MepCodes.MaxReadData)
            select new MepRequest().SetPartialRead(t, o, c),
            from t in Gen.Choose(0, 0xFFFF) from d in Bytes(0, 200) select new MepRequest().SetFullWrite(t, d, 0, d.Length),
            from t in Gen.Choose(0, 0xFFFF) from o in Gen.Choose(0, 0xFFFFFF) from d in Bytes(1, 200)
            select new MepRequest().SetPartialWrite(t, o, d, 0, d.Length));

    [Fact]
    public void A_request_built_by_the_client_parses_and_verifies_on_the_meter_side()
    {
        Prop.ForAll(Arb.From(Bytes(16, 16)), Arb.From(Requests()), Arb.From(Gen.Choose(int.MinValue, int.MaxValue)), (key, request, seq) =>
        {
            MepKey k = MepKey.FromBytes(key);
            byte[] frame = new byte[478];
            int length = MepRequestWriter.Write(request, (uint)seq, new MepDigest(k), frame, 0);
            var parsed = new MepRequest();
            bool ok = MepRequestParser.TryParse(frame, 0, length, parsed, out uint s, out _) &&
                      MepRequestParser.DigestValid(new MepDigest(k), frame, 0, length);
            return ok && s == (uint)seq && parsed.Code == request.Code && parsed.TableId == request.TableId;
        }).Check(Runs);
    }

    [Fact]
    public void Any_single_changed_byte_of_a_request_is_rejected()
    {
        Gen<(int Position, int Flip)> change = from p in Gen.Choose(0, 10_000) from f in Gen.Choose(1, 255) select (p, f);
        Prop.ForAll(Arb.From(Bytes(16, 16)), Arb.From(Requests()), Arb.From(change),
            (key, request, c) =>
            {
                int position = c.Position;
                int flip = c.Flip;
                var digest = new MepDigest(MepKey.FromBytes(key));
                byte[] frame = new byte[478];
                int length = MepRequestWriter.Write(request, 42, digest, frame, 0);
                int at = 2 + position % (length - 2); // body or digest; the length field is checked by parsing
                frame[at] ^= (byte)flip;
                return !MepRequestParser.DigestValid(digest, frame, 0, length);
            }).Check(Runs);
    }

    [Fact]
    public void A_reply_built_by_the_meter_verifies_on_the_client_and_any_changed_byte_is_rejected()
    {
        Gen<(int Position, int Flip)> change = from p in Gen.Choose(0, 10_000) from f in Gen.Choose(1, 255) select (p, f);
        Prop.ForAll(Arb.From(Bytes(16, 16)), Arb.From(Bytes(1, 300)), Arb.From(change),
            (key, data, c) =>
            {
                int position = c.Position;
                int flip = c.Flip;
                var digest = new MepDigest(MepKey.FromBytes(key));
                byte[] request = new byte[64];
                int requestLength = MepRequestWriter.Write(new MepRequest().SetPartialRead(0x1C, 0, data.Length), 7, digest, request, 0);
                byte[] reply = new byte[478];
                int replyLength = MepResponseWriter.WriteReadReply(request, 0, requestLength, data, 0, data.Length, digest, reply, 0);
                var parsed = new MepResponse();
                bool good = MepResponseParser.TryParse(reply, 0, replyLength, parsed, out _) &&
                            MepResponseParser.DigestValid(digest, request, 0, requestLength, reply, parsed);
                int at = 2 + position % (replyLength - 2);
                reply[at] ^= (byte)flip;
                bool tampered = MepResponseParser.TryParse(reply, 0, replyLength, parsed, out _) &&
                                MepResponseParser.DigestValid(digest, request, 0, requestLength, reply, parsed);
                return good && !tampered;
            }).Check(Runs);
    }

    [Fact]
    public void Streaming_the_digest_in_pieces_equals_one_pass()
    {
        Prop.ForAll(Arb.From(Bytes(16, 16)), Arb.From(Bytes(0, 600)), Arb.From(Gen.Choose(0, 600)), (key, message, split) =>
        {
            var d = new MepDigest(MepKey.FromBytes(key));
            byte[] one = new byte[8];
            byte[] two = new byte[8];
            d.Compute(message, 0, message.Length, one, 0);
            int cut = Math.Min(split, message.Length);
            d.Reset();
            d.Append(message, 0, cut);
            d.Append(message, cut, message.Length - cut);
            d.Finish(two, 0);
            return one.AsSpan().SequenceEqual(two);
        }).Check(Runs);
    }
}
