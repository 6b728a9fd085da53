using NesMep.Core.Protocol;

namespace NesMep.Simulator.Tests.Support;

/// <summary>
/// A minimal MEP client for tests: builds signed request frames, feeds them to the simulator and
/// collects the reply byte by byte under a virtual clock advanced in 1 ms steps.
/// </summary>
public sealed class MeterHarness
{
    public MeterHarness(SimulatorOptions? options = null, VirtualClock? clock = null)
    {
        Clock = clock ?? new VirtualClock();
        Options = options ?? new SimulatorOptions();
        Meter = new MeterSimulator(Clock, Options);
        Key = Options.Mak;
        Digest = new MepDigest(Key);
        NextSequence = Options.InitialSequence + 1;
    }

    public VirtualClock Clock { get; }

    public SimulatorOptions Options { get; }

    public MeterSimulator Meter { get; }

    public MepKey Key { get; private set; }

    public MepDigest Digest { get; private set; }

    public uint NextSequence { get; set; }

    /// <summary>Alert sequences (00 00) seen while waiting for replies, with their times.</summary>
    public List<long> AlertTimes { get; } = new();

    public void UseKey(MepKey key)
    {
        Key = key;
        Digest = new MepDigest(key);
    }

    public byte[] Frame(MepRequest request, uint? sequence = null)
    {
        var buffer = new byte[512];
        int n = MepRequestWriter.Write(request, sequence ?? NextSequence++, Digest, buffer, 0);
        return buffer.AsSpan(0, n).ToArray();
    }

    /// <summary>A frame with any request message (e.g. an unknown request code).</summary>
    public byte[] RawFrame(byte[] message, uint sequence)
    {
        var f = new byte[2 + message.Length + 12];
        ByteOrder.WriteUInt16BE(f, 0, message.Length + 12);
        message.CopyTo(f, 2);
        ByteOrder.WriteUInt32BE(f, 2 + message.Length, sequence);
        Digest.Compute(f, 2, message.Length + 4, f, 6 + message.Length);
        return f;
    }

    public void Send(byte[] frame) => Meter.ReceiveFromClient(frame, 0, frame.Length);

    /// <summary>Sends and waits (virtual time) for the next response frame.</summary>
    public Reply? Exchange(byte[] frame, int timeoutMs = 3000)
    {
        Send(frame);
        return WaitReply(timeoutMs);
    }

    public Reply? Exchange(MepRequest request, int timeoutMs = 3000) => Exchange(Frame(request), timeoutMs);

    /// <summary>Advances the clock 1 ms at a time until a complete frame arrived (alerts are recorded and skipped).</summary>
    public Reply? WaitReply(int timeoutMs = 3000)
    {
        var assembler = new MepFrameAssembler(true, 100);
        var times = new List<long>();
        var one = new byte[1];
        long end = Clock.NowMs + timeoutMs;
        while (Clock.NowMs <= end)
        {
            while (Meter.ReadForClient(one, 0, 1) == 1)
            {
                times.Add(Clock.NowMs);
                int ev = assembler.Feed(one[0], Clock.NowMs);
                if (ev == MepFrameAssembler.EventAlert)
                {
                    AlertTimes.Add(Clock.NowMs);
                    times.Clear();
                }
                else if (ev == MepFrameAssembler.EventFrame)
                {
                    int n = assembler.FrameLength;
                    long[] t = times.Skip(times.Count - n).ToArray();
                    return new Reply(assembler.Buffer.AsSpan(0, n).ToArray(), t);
                }
                else if (!assembler.InFrame)
                {
                    times.Clear();
                }
            }

            Clock.Advance(1);
        }

        return null;
    }

    /// <summary>Collects every byte (value, time) the meter sends during the next <paramref name="ms"/>.</summary>
    public List<(long At, byte Value)> Collect(long ms, int stepMs = 1)
    {
        var got = new List<(long, byte)>();
        var buf = new byte[256];
        long end = Clock.NowMs + ms;
        while (Clock.NowMs < end)
        {
            Clock.Advance(stepMs);
            int n;
            while ((n = Meter.ReadForClient(buf, 0, buf.Length)) > 0)
            {
                for (int i = 0; i < n; i++)
                {
                    got.Add((Clock.NowMs, buf[i]));
                }
            }
        }

        return got;
    }

    /// <summary>True when the reply's digest verifies against the request it answers (§4.2).</summary>
    public bool DigestValid(byte[] request, Reply reply, MepKey? key = null)
    {
        var parsed = new MepResponse();
        if (!MepResponseParser.TryParse(reply.Frame, 0, reply.Frame.Length, parsed, out _))
        {
            return false;
        }

        return MepResponseParser.DigestValid(new MepDigest(key ?? Key), request, 0, request.Length, reply.Frame, parsed);
    }

    public static MepRequest PartialRead(int table, int offset, int count) => new MepRequest().SetPartialRead(table, offset, count);

    public static MepRequest FullRead(int table, int maxLength = 512) => new MepRequest().SetFullRead(table, maxLength);

    public static MepRequest PartialWrite(int table, int offset, params byte[] data) =>
        new MepRequest().SetPartialWrite(table, offset, data, 0, data.Length);

    public static MepRequest FullWrite(int table, params byte[] data) => new MepRequest().SetFullWrite(table, data, 0, data.Length);

    /// <summary>BT07 full write: procedure number LSB first, PSN, parameters (§3.6).</summary>
    public static MepRequest Procedure(int procedure, byte psn, params byte[] parameters)
    {
        var d = new byte[3 + parameters.Length];
        d[0] = (byte)procedure;
        d[1] = (byte)(procedure >> 8);
        d[2] = psn;
        parameters.CopyTo(d, 3);
        return FullWrite(MeterTableIds.BT07, d);
    }

    public static byte[] Hex(string text) => NesMep.Core.Protocol.Hex.Parse(text);
}
