using BenchmarkDotNet.Attributes;
using NesMep.Core.Protocol;

namespace NesMep.Benchmarks;

/// <summary>MEP digest over a 12-byte request body and a 12 + 141-byte request ‖ response.</summary>
[MemoryDiagnoser]
public class DigestBenchmarks
{
    private readonly MepDigest _digest = new(MepKey.Parse("0123456789ABCDEFGHIJ"));
    private readonly byte[] _request = new byte[12];
    private readonly byte[] _response = new byte[141];
    private readonly byte[] _dest = new byte[MepDigest.Size];

    [GlobalSetup]
    public void Setup()
    {
        _request[0] = MepCodes.PartialRead;
        _request[2] = 0x1C;
        _request[6] = 0x80;
        for (int i = 0; i < _response.Length; i++)
        {
            _response[i] = (byte)(i * 7);
        }
    }

    [Benchmark(Baseline = true)]
    public byte RequestBody12()
    {
        _digest.Compute(_request, 0, _request.Length, _dest, 0);
        return _dest[0];
    }

    [Benchmark]
    public byte RequestAndResponse153()
    {
        _digest.Reset();
        _digest.Append(_request, 0, _request.Length);
        _digest.Append(_response, 0, _response.Length);
        _digest.Finish(_dest, 0);
        return _dest[0];
    }
}

/// <summary>Client request build + response parse + digest check; and the meter side of the same exchange.</summary>
[MemoryDiagnoser]
public class FrameRoundTripBenchmarks
{
    private const uint Sequence = 0x1234;
    private readonly MepDigest _client = new(MepKey.Parse("0123456789ABCDEFGHIJ"));
    private readonly MepDigest _meter = new(MepKey.Parse("0123456789ABCDEFGHIJ"));
    private readonly MepRequest _request = new MepRequest().SetPartialRead(0x1C, 0, 128);
    private readonly MepRequest _parsed = new();
    private readonly MepResponse _response = new();
    private readonly byte[] _tx = new byte[478];
    private readonly byte[] _rx = new byte[478];
    private readonly byte[] _data = new byte[128];
    private int _txLength;
    private int _rxLength;

    [GlobalSetup]
    public void Setup()
    {
        _txLength = MepRequestWriter.Write(_request, Sequence, _client, _tx, 0);
        _rxLength = MepResponseWriter.WriteReadReply(_tx, 0, _txLength, _data, 0, _data.Length, _meter, _rx, 0);
    }

    [Benchmark(Baseline = true)]
    public bool ClientWriteParseVerify()
    {
        int n = MepRequestWriter.Write(_request, Sequence, _client, _tx, 0);
        return MepResponseParser.TryParse(_rx, 0, _rxLength, _response, out _) &&
               MepResponseParser.DigestValid(_client, _tx, 0, n, _rx, _response);
    }

    [Benchmark]
    public int MeterParseVerifyReply()
    {
        if (!MepRequestParser.DigestValid(_meter, _tx, 0, _txLength) ||
            !MepRequestParser.TryParse(_tx, 0, _txLength, _parsed, out _, out _))
        {
            return -1;
        }

        return MepResponseWriter.WriteReadReply(_tx, 0, _txLength, _data, 0, _parsed.Count, _meter, _rx, 0);
    }
}

/// <summary>
/// One steady poll cycle (PollSettings.PowerIntervalMs of virtual time in 1 ms Poll() steps) of the
/// core against the allocation-free fake meter. The allocation column includes the fake meter (0 by design).
/// </summary>
[MemoryDiagnoser]
public class PollCycleBenchmarks
{
    private PollHarness _harness = null!;

    [GlobalSetup]
    public void Setup()
    {
        _harness = new PollHarness();
        if (_harness.WarmUp(60_000, 60) < 0)
        {
            throw new InvalidOperationException("poller did not reach Polling");
        }
    }

    [Benchmark]
    public void SteadyPollCycle() => _harness.Cycle();
}
