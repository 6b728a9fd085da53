using NesMep.Core.Link;
using NesMep.Core.Model;
using NesMep.Core.Platform;
using NesMep.Core.Polling;
using NesMep.Core.Protocol;
using NesMep.Simulator;

namespace NesMep.Benchmarks;

/// <summary>
/// The client's side of a <see cref="SimulatedLine"/> with byte counters: every byte the client
/// writes and every byte that reaches it ("line bytes, both directions").
/// </summary>
public sealed class CountingLine : IByteTransport, ITransceiverControl
{
    private readonly SimulatedLine _line;

    public CountingLine(SimulatedLine line)
    {
        _line = line;
    }

    public long TxBytes { get; private set; }

    public long RxBytes { get; private set; }

    public long LineBytes => TxBytes + RxBytes;

    public int PowerChanges => _line.PowerChanges;

    /// <summary>Request transmissions per table id (from the request frames the client wrote).</summary>
    public SortedDictionary<int, long> RequestsByTable { get; } = new();

    public string DescribeRequestsByTable() =>
        string.Join(", ", RequestsByTable.OrderByDescending(kv => kv.Value).Select(kv => $"{Core.Tables.TableIds.Name(kv.Key)} {kv.Value:N0}"));

    public int Read(byte[] buffer, int offset, int count)
    {
        int n = _line.Read(buffer, offset, count);
        RxBytes += n;
        return n;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        TxBytes += count;
        if (count >= 5)
        {
            int table = (buffer[offset + 3] << 8) | buffer[offset + 4]; // LL LL code TT TT ...
            RequestsByTable[table] = RequestsByTable.GetValueOrDefault(table) + 1;
        }

        _line.Write(buffer, offset, count);
    }

    public void SetPowered(bool on) => _line.SetPowered(on);
}

/// <summary>A MEP client under test: polled every virtual millisecond, publishing into a <see cref="MeterReading"/>.</summary>
public interface IBenchClient
{
    string Name { get; }

    MepLink Link { get; }

    MeterReading Reading { get; }

    /// <summary>True once the client publishes steadily (configuration done).</summary>
    bool Steady { get; }

    void Poll();
}

/// <summary>Our client: <see cref="MeterPoller"/> over <see cref="MepLink"/> with every setting at its default.</summary>
public sealed class OurClient : IBenchClient
{
    public OurClient(IByteTransport transport, ITransceiverControl transceiver, IClock clock, MepKey key, ILog? log = null)
    {
        Link = new MepLink(transport, clock, transceiver, key, new LinkSettings(), log ?? NullLog.Instance);
        Reading = new MeterReading(new QualitySettings());
        Poller = new MeterPoller(Link, clock, new PollSettings(), Reading, log ?? NullLog.Instance);
    }

    public string Name => "NesMep (defaults)";

    public MepLink Link { get; }

    public MeterReading Reading { get; }

    public MeterPoller Poller { get; }

    public bool Steady => Poller.Phase == PollPhase.Polling;

    public void Poll() => Poller.Poll();
}

/// <summary>
/// A client scheduled like the Dabbler firmware (protocol reference §6.2, §2.4): BT52 first, then BT21
/// once (Dabbler reads it among its configuration tables; it is what the core decoders need), then,
/// whenever nothing is outstanding and ≥ 2 s have passed since the last transmission, a BT23 partial
/// read (offset 0, 13 bytes) followed by a full BT28 read (max length 0x0200). A failed entry is sent
/// again. Link timing like Dabbler: 10 s response timeout, and on the first timeout a transceiver power
/// cycle (off 1 s, on, settle 2 s) before the identical frame is retransmitted. Unlike the real firmware
/// it runs on <see cref="MepLink"/>, so reply digests ARE verified and 0x0C is handled by the link;
/// only the schedule, timeouts and recovery are Dabbler's. BT23/BT28 are decoded with the core
/// decoders (default BT22/BT27 order, as Dabbler hard-codes) into a <see cref="MeterReading"/>, so
/// freshness is measured exactly as for our client.
/// </summary>
public sealed class DabblerLikeClient : IBenchClient
{
    public const int CycleMs = 2000;

    private readonly IClock _clock;
    private readonly MepRequest _bt52 = new MepRequest().SetFullRead(Core.Tables.TableIds.BT52, MepRequest.DefaultFullReadMaxLength);
    private readonly MepRequest _bt21 = new MepRequest().SetFullRead(Core.Tables.TableIds.BT21, MepRequest.DefaultFullReadMaxLength);
    private readonly MepRequest _bt23 = new MepRequest().SetPartialRead(Core.Tables.TableIds.BT23, 0, 13);
    private readonly MepRequest _bt28 = new MepRequest().SetFullRead(Core.Tables.TableIds.BT28, MepRequest.DefaultFullReadMaxLength);
    private readonly Core.Tables.Bt21Dimensions _dims = new();
    private readonly Core.Tables.Bt23Registers _registers = new();
    private readonly Core.Tables.Bt28PresentValues _present = new();
    private MepRequest? _next;
    private MepRequest? _current;
    private bool _configured;
    private long _lastSubmitMs = long.MinValue / 4;

    public DabblerLikeClient(IByteTransport transport, ITransceiverControl transceiver, IClock clock, MepKey key)
    {
        _clock = clock;
        Link = new MepLink(transport, clock, transceiver, key, Settings(), NullLog.Instance);
        Reading = new MeterReading(new QualitySettings());
        _next = _bt52;
    }

    public string Name => "Dabbler-like";

    public MepLink Link { get; }

    public MeterReading Reading { get; }

    public bool Steady => _configured;

    public int DecodeErrors { get; private set; }

    /// <summary>Dabbler's link timing on top of MepLink (reference §2.4, §6.2).</summary>
    public static LinkSettings Settings() => new()
    {
        ResponseTimeoutMs = 10000,
        SilentAttemptsBeforeReset = 1,
        ResetOffMs = 1000,
        ResetSettleMs = 2000,
    };

    public void Poll()
    {
        while (true)
        {
            LinkEvent ev = Link.Poll();
            if (ev == MepLink.PollIdle)
            {
                break;
            }

            if (ev == MepLink.PollCompleted)
            {
                OnCompleted();
            }

            // Alerts (00 00) are not acted on here; the link counts them.
        }

        long now = _clock.NowMs;
        if (!Link.CanSubmit)
        {
            return;
        }

        if (_next == null && _configured && now - _lastSubmitMs >= CycleMs)
        {
            _next = _bt23;
        }

        if (_next != null)
        {
            _current = _next;
            _next = null;
            _lastSubmitMs = now;
            Link.Submit(_current);
        }
    }

    private void OnCompleted()
    {
        MepRequest? done = _current;
        _current = null;
        if (done == null)
        {
            return;
        }

        if (Link.LastResult != LinkResult.Ok)
        {
            _next = done; // Dabbler keeps the queue entry and sends it again
            return;
        }

        long now = _clock.NowMs;
        byte[] frame = Link.ReplyFrame;
        int offset = Link.Reply.DataOffset;
        int count = Link.Reply.DataCount;
        string? error;
        if (done == _bt52)
        {
            _next = _bt21;
        }
        else if (done == _bt21)
        {
            if (_dims.TryDecode(frame, offset, count, out error))
            {
                _configured = true;
            }
            else
            {
                DecodeErrors++;
                _next = _bt21;
            }
        }
        else if (done == _bt23)
        {
            if (Core.Tables.Bt23Registers.TryDecode(frame, offset, count, 0, _dims, null, _registers, out error))
            {
                // Dabbler publishes Fwd and Rev active energy only.
                if (_registers.TryGetBySource(0, out int fwd))
                {
                    Reading.OfferEnergy(Quantity.EnergyImportWh, fwd, now);
                }

                if (_registers.TryGetBySource(1, out int rev))
                {
                    Reading.OfferEnergy(Quantity.EnergyExportWh, rev, now);
                }
            }
            else
            {
                DecodeErrors++;
            }

            _next = _bt28;
        }
        else if (done == _bt28)
        {
            if (Core.Tables.Bt28PresentValues.TryDecode(frame, offset, count, 0, _dims, null, _present, out error))
            {
                for (int q = 0; q < Quantity.Count; q++)
                {
                    if (!Quantity.IsEnergy(q) && _present.TryGetBySource(Quantity.SourceId(q), out int value))
                    {
                        Reading.Set(q, value, now);
                    }
                }
            }
            else
            {
                DecodeErrors++;
            }
        }
    }
}

/// <summary>
/// Simulated Gen 3 meter (with solar) behind a counting line, a virtual clock, and the truth the
/// invariant checks need: the household's per-second values, recorded as the model steps.
/// </summary>
public sealed class SimRig
{
    public const int TruthRing = 64; // seconds of per-second truth kept (checks look back ≤ 10 s)

    public readonly BenchClock Clock = new();
    public readonly MeterSimulator Meter;
    public readonly CountingLine Line;
    public readonly IBenchClient Client;

    // Truth ring: model time of each one-second step and the values valid from then on.
    private readonly long[] _truthMs = new long[TruthRing];
    private readonly int[] _truthFwdW = new int[TruthRing];
    private readonly int[] _truthRevW = new int[TruthRing];
    private readonly long[] _truthImportWh = new long[TruthRing];
    private readonly long[] _truthExportWh = new long[TruthRing];
    private int _truthCount;

    public SimRig(bool dabbler, bool realisticFaults, int seed, MeterProfile? profile = null, ILog? log = null)
    {
        var options = new SimulatorOptions { Profile = profile ?? MeterProfile.Gen3Basic() };
        options.Household.Solar = true;
        options.Household.Seed = seed;
        options.Faults.Seed = seed * 31 + 7;
        if (realisticFaults)
        {
            options.Faults.ApplyRealistic();
        }

        Meter = new MeterSimulator(Clock, options);
        Line = new CountingLine(new SimulatedLine(Meter));
        MepKey key = MepKey.DefaultMak(); // the simulator's default MAK (16 × 0x01)
        Client = dabbler
            ? new DabblerLikeClient(Line, Line, Clock, key)
            : new OurClient(Line, Line, Clock, key, log);
        RecordTruth(Meter.Load.TimeMs);
        Meter.Load.SecondElapsed += RecordTruth;
    }

    public static string DescribeRealisticFaults()
    {
        FaultOptions f = new FaultOptions().ApplyRealistic();
        return $"byte loss {f.ByteLossRate}/B, corruption {f.ByteCorruptionRate}/B, drop {f.DropReplyRate}, late({f.LateReplyDelayMs} ms) {f.LateReplyRate}, " +
               $"dup {f.DuplicateReplyRate}, lock-up {f.LockUpRate}, seq jump {f.SequenceJumpRate} per request; noise {f.NoiseRatePerSecond}/idle s";
    }

    public long NowMs => Clock.NowMs;

    /// <summary>True energy register (whole Wh, as BT23 would show it now).</summary>
    public long TrueImportWh => Meter.Tables.SummationValue(0, 0);

    public long TrueExportWh => Meter.Tables.SummationValue(1, 0);

    private void RecordTruth(long ms)
    {
        int i = _truthCount % TruthRing;
        _truthMs[i] = ms;
        _truthFwdW[i] = Meter.Load.Measurements.FwdW;
        _truthRevW[i] = Meter.Load.Measurements.RevW;
        _truthImportWh[i] = Meter.Load.Energy.Total(EnergyKind.FwdActiveWh);
        _truthExportWh[i] = Meter.Load.Energy.Total(EnergyKind.RevActiveWh);
        _truthCount++;
    }

    /// <summary>
    /// True when the meter's total import (export) power was <paramref name="value"/> at some moment in
    /// [<paramref name="fromMs"/>, <paramref name="toMs"/>]. The model holds values constant between
    /// its one-second steps, so a step whose interval overlaps the window counts.
    /// </summary>
    public bool PowerWasAt(bool import, int value, long fromMs, long toMs)
    {
        int n = Math.Min(_truthCount, TruthRing);
        for (int k = 0; k < n; k++)
        {
            int i = (_truthCount - 1 - k) % TruthRing;
            long start = _truthMs[i];
            long end = k == 0 ? long.MaxValue : _truthMs[(_truthCount - k) % TruthRing];
            if (start > toMs || end <= fromMs)
            {
                if (end <= fromMs)
                {
                    break;
                }

                continue;
            }

            if ((import ? _truthFwdW[i] : _truthRevW[i]) == value)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True register at the last model step at or before <paramref name="ms"/> (a lower bound of the register then), or -1.</summary>
    public long EnergyAtOrBefore(bool import, long ms)
    {
        int n = Math.Min(_truthCount, TruthRing);
        for (int k = 0; k < n; k++)
        {
            int i = (_truthCount - 1 - k) % TruthRing;
            if (_truthMs[i] <= ms)
            {
                return import ? _truthImportWh[i] : _truthExportWh[i];
            }
        }

        return -1;
    }
}

/// <summary>Counts the core's warnings by kind (digits and hex stripped), to say why the link gave up or rejected.</summary>
public sealed class TallyLog : ILog
{
    private readonly Dictionary<string, int> _counts = new();

    public bool IsEnabled(LogLevel level) => level >= LogLevel.Warning;

    public void Write(LogLevel level, string message)
    {
        string key = System.Text.RegularExpressions.Regex.Replace(message, "0x[0-9A-Fa-f]+|[0-9]+", "#");
        _counts[key] = _counts.GetValueOrDefault(key) + 1;
    }

    public IEnumerable<KeyValuePair<string, int>> Top(string contains, int n) =>
        _counts.Where(kv => kv.Key.Contains(contains)).OrderByDescending(kv => kv.Value).Take(n);
}
