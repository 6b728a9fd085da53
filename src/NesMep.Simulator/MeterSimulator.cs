using NesMep.Core.Platform;
using NesMep.Core.Protocol;

namespace NesMep.Simulator;

/// <summary>
/// The meter side of the MEP port (reference §14): frames requests with the 50 ms gap rule,
/// authenticates with MAK then MBK, enforces the 8-step sequence window, serves the tables of
/// <see cref="MeterTables"/>, runs BT07 procedures and ET52 transactions, emits alert sequences,
/// and times every byte it sends (9600 8N1, 25 ms pause per 117 bytes, one request per 100 ms).
/// Pure logic under an injected <see cref="IClock"/>: no threads, nothing happens between calls;
/// each call first catches the model up to the clock. Public members are thread-safe (one lock),
/// so a <see cref="SimulatorPump"/> and the host can share an instance.
/// </summary>
public sealed class MeterSimulator : IMeterPort
{
    private const long Never = long.MinValue / 4;

    private readonly object _gate = new();
    private readonly IClock _clock;
    private readonly MepDigest _makDigest;
    private readonly MepDigest? _mbkDigest;
    private readonly MepFrameAssembler _assembler;
    private readonly SerialTransmitter _tx = new();
    private readonly Queue<PendingFrame> _pending = new();
    private readonly CappedLog<RequestRecord> _requestLog;
    private readonly MepRequest _request = new();
    private readonly ProcedureRunner _procedures;
    private readonly RequestExecutor _requests;
    private readonly UnsolicitedOutput _unsolicited;
    private bool _enabled;
    private uint _lastSequence;
    private long _lastDueMs = Never;
    private RegisterKeeper? _keeper;
    private long _lastClientByteMs = Never;
    private bool _opticalHoldsUart;

    public MeterSimulator(IClock clock, SimulatorOptions? options = null, Random? loadRandom = null, Random? faultRandom = null)
    {
        _clock = clock;
        Options = options ?? new SimulatorOptions();
        Profile = Options.Profile;
        _makDigest = new MepDigest(Options.Mak);
        _mbkDigest = Options.Mbk == null ? null : new MepDigest(Options.Mbk);
        _assembler = new MepFrameAssembler(false, Options.RequestGapTimeoutMs);
        _tx.BaudRate = Options.BaudRate;
        _tx.SegmentBytes = Options.SegmentBytes;
        _tx.SegmentPauseUs = Options.SegmentPauseMs * 1000;
        Faults = new FaultInjector(Options.Faults, faultRandom);
        Load = new HouseholdLoad(Options.Household, Profile.Tiers, clock.NowMs, clock.UtcNow, loadRandom);
        Tables = new MeterTables(Profile, Load, clock);
        _requestLog = new CappedLog<RequestRecord>(Options);
        _procedures = new ProcedureRunner(Tables, Options, Stats);
        _requests = new RequestExecutor(Tables, Faults, _procedures, Stats);
        _enabled = Options.StartEnabled;
        LastSequenceUnlocked = Options.InitialSequence;
        _unsolicited = new UnsolicitedOutput(_tx, Faults, Tables, Options, Stats, clock.NowMs);
    }

    public SimulatorOptions Options { get; }

    public MeterProfile Profile { get; }

    public MeterTables Tables { get; }

    public HouseholdLoad Load { get; }

    public FaultInjector Faults { get; }

    public SimulatorStats Stats { get; } = new();

    public IClock Clock => _clock;

    /// <summary>ENABLE line / transceiver power (§2.1): off = the meter cannot send or receive.</summary>
    public bool Enabled
    {
        get { lock (_gate) { return _enabled; } }
    }

    /// <summary>Last accepted sequence number; the next valid request carries last+1..last+8 (§4.3).</summary>
    public uint LastSequence
    {
        get { lock (_gate) { return _lastSequence; } }
        set { lock (_gate) { LastSequenceUnlocked = value; } }
    }

    /// <summary>Last procedure sequence number written to BT07, or -1.</summary>
    public int LastPsn
    {
        get { lock (_gate) { return _procedures.LastPsn; } }
    }

    /// <summary>Current line speed (changes after a MAK write of the MEP baud code in ET13, §2.2).</summary>
    public int BaudRate
    {
        get { lock (_gate) { return _tx.BaudRate; } }
        set { lock (_gate) { _tx.BaudRate = value; } }
    }

    /// <summary>The MEP entry's alert flags in ET13.</summary>
    public byte AlertFlags
    {
        get { lock (_gate) { return Tables.AlertFlags; } }
    }

    /// <summary>Bytes queued on the TX line (including ones not yet due).</summary>
    public int PendingOutputBytes
    {
        get { lock (_gate) { return _tx.Pending; } }
    }

    /// <summary>Clock time (ms, rounded up) at which the next queued byte arrives, or null.</summary>
    public long? NextOutputAtMs
    {
        get
        {
            lock (_gate)
            {
                long? us = _tx.NextAtUs;
                return us == null ? null : (us.Value + 999) / 1000;
            }
        }
    }

    /// <summary>
    /// Clock time (ms) at which the next received request is answered (its reply bytes are queued then), or null.
    /// A host that sleeps until bytes arrive ticks the meter at this time.
    /// </summary>
    public long? NextRequestDueAtMs
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count > 0 ? _pending.Peek().DueMs : null;
            }
        }
    }

    /// <summary>
    /// Clock time (ms, rounded up) at which a client's UART would signal received bytes next: the first byte
    /// after a quiet line, every <paramref name="chunk"/>th byte, the end of a burst (see SerialTransmitter).
    /// </summary>
    public long? NextReceiveEventAtMs(int chunk)
    {
        lock (_gate)
        {
            long? us = _tx.NextReceiveEventAtUs(chunk);
            return us == null ? null : (us.Value + 999) / 1000;
        }
    }

    /// <summary>Requests received and waiting for the throttle.</summary>
    public int QueuedRequests
    {
        get { lock (_gate) { return _pending.Count; } }
    }

    /// <summary>Every BT07 procedure call (a snapshot copy).</summary>
    public IReadOnlyList<ProcedureCall> ProcedureLog
    {
        get { lock (_gate) { return _procedures.Log; } }
    }

    /// <summary>Every processed request (a snapshot copy).</summary>
    public IReadOnlyList<RequestRecord> RequestLog
    {
        get { lock (_gate) { return _requestLog.ToArray(); } }
    }

    private uint LastSequenceUnlocked
    {
        set
        {
            _lastSequence = value;
            Tables.MepSequence = value;
        }
    }

    // ---- the line ---------------------------------------------------------------------------

    /// <summary>Bytes from the client arrive at the meter's RXD at the current clock time.</summary>
    public void ReceiveFromClient(byte[] data, int offset, int count)
    {
        lock (_gate)
        {
            long now = _clock.NowMs;
            Service(now);
            if (count > 0)
            {
                _lastClientByteMs = now;
            }

            for (int i = 0; i < count; i++)
            {
                Stats.BytesReceived++;
                if (!_enabled || Faults.LockedUp || _opticalHoldsUart)
                {
                    Stats.BytesIgnored++;
                    continue;
                }

                if (Faults.LinkCut)
                {
                    Stats.BytesIgnored++;
                    Faults.CountCutBytes(1);
                    continue;
                }

                int ev = _assembler.Feed(data[offset + i], now);
                Stats.RequestsTruncated = _assembler.TruncatedFrames;
                if (ev == MepFrameAssembler.EventFrame)
                {
                    var frame = new byte[_assembler.FrameLength];
                    Array.Copy(_assembler.Buffer, frame, frame.Length);
                    OnFrame(frame, now);
                }
            }

            Service(now);
        }
    }

    /// <summary>Copies bytes whose arrival time (end of stop bit) is not after the clock; 0 when none.</summary>
    public int ReadForClient(byte[] buffer, int offset, int count)
    {
        lock (_gate)
        {
            long now = _clock.NowMs;
            Service(now);
            if (!_enabled)
            {
                return 0;
            }

            if (Faults.LockedUp)
            {
                _tx.Clear(now * 1000);
                return 0;
            }

            if (Faults.LinkCut)
            {
                int cut = _tx.Discard(now * 1000);
                if (cut > 0)
                {
                    Faults.CountCutBytes(cut);
                }

                return 0;
            }

            int n = _tx.Read(buffer, offset, count, now * 1000);
            Stats.BytesDelivered += n;
            return n;
        }
    }

    /// <summary>
    /// The ENABLE line (transceiver power). Off: nothing is sent or received, queued bytes and
    /// waiting requests are dropped, and a transceiver lock-up is cleared (§2.4 power cycle).
    /// </summary>
    public void SetEnabled(bool on)
    {
        lock (_gate)
        {
            long now = _clock.NowMs;
            Service(now);
            if (!on)
            {
                _enabled = false;
                _tx.Clear(now * 1000);
                _pending.Clear();
                _assembler.Clear();
                Faults.ClearLockUp();
            }
            else if (!_enabled)
            {
                _enabled = true;
                _tx.Clear(now * 1000);
            }
        }
    }

    /// <summary>Advances the model to the clock: due requests, procedure results, energy, alerts, noise.</summary>
    public void Tick()
    {
        lock (_gate)
        {
            Service(_clock.NowMs);
        }
    }

    /// <summary>
    /// An optical session took (true) or gave back (false) the UART this meter shares between MEP and the
    /// optical port (Gen 2/3, §2.1): meanwhile MEP requests go unanswered.
    /// </summary>
    public void SetOpticalSession(bool active)
    {
        lock (_gate)
        {
            Service(_clock.NowMs);
            _opticalHoldsUart = active;
            if (active)
            {
                _assembler.Clear();
            }
        }
    }

    // ---- meter-side controls ----------------------------------------------------------------

    /// <summary>Sets alert flags of the MEP entry in ET13 (offset 4·66+8); alerts start at once (§3.7).</summary>
    public void RaiseAlert(byte flags)
    {
        lock (_gate)
        {
            long now = _clock.NowMs;
            Service(now);
            _unsolicited.RaiseAlert(flags, now);
        }
    }

    /// <summary>Clears alert flags (what the client's EP39 call does for bits 0 and 4).</summary>
    public void ClearAlert(byte flags)
    {
        lock (_gate)
        {
            Tables.AlertFlags &= (byte)~flags;
        }
    }

    /// <summary>Reconfiguration: IDT version + 1 and sequence + 25, so the next request gets 0x0C (§4.3).</summary>
    public void BumpIdtVersion()
    {
        lock (_gate)
        {
            BumpIdtUnlocked();
        }
    }

    /// <summary>Current image of a table (for tests and the host), after catching up with the clock.</summary>
    public byte[]? ReadTable(int tableId)
    {
        lock (_gate)
        {
            Service(_clock.NowMs);
            return Tables.Read(tableId);
        }
    }

    /// <summary>
    /// Continues the energy registers from <paramref name="store"/> (plus the base load for the time
    /// away) and keeps it saved ahead of them, so a restart never serves lower registers. Call once,
    /// before serving; throws when the store is unreadable or holds another profile's layout.
    /// </summary>
    public RegisterKeeper KeepRegisters(IRegisterStore store)
    {
        lock (_gate)
        {
            if (_keeper != null)
            {
                throw new InvalidOperationException("the registers are already kept");
            }

            Service(_clock.NowMs);
            var keeper = new RegisterKeeper(Load, () => Load.UtcNow, store);
            keeper.Restore();
            Load.SecondElapsed += keeper.OnSecond;
            _keeper = keeper;
            return keeper;
        }
    }

    /// <summary>Clean stop: saves the exact register values (no-op without <see cref="KeepRegisters"/>).</summary>
    public void SaveRegisters()
    {
        lock (_gate)
        {
            Service(_clock.NowMs);
            _keeper?.SaveExact();
        }
    }

    // ---- internals --------------------------------------------------------------------------

    private void Service(long now)
    {
        Faults.ClearLockUpIfIdle(now, _lastClientByteMs);
        if (_assembler.Expire(now))
        {
            Stats.RequestsTruncated = _assembler.TruncatedFrames;
        }

        while (_pending.Count > 0 && _pending.Peek().DueMs <= now)
        {
            PendingFrame p = _pending.Dequeue();
            Load.AdvanceTo(p.DueMs);
            Process(p);
        }

        _procedures.PostDueResults(now);
        Load.AdvanceTo(now);
        _unsolicited.Emit(now, _enabled, _pending.Count > 0 || _assembler.InFrame);
    }

    private void OnFrame(byte[] frame, long now)
    {
        Stats.FramesReceived++;
        _unsolicited.FrameReceived(now);
        if (Faults.LockUpOnArrival(now))
        {
            Faults.CountIgnoredWhileLocked();
            _tx.Clear(now * 1000);
            return;
        }

        if (_pending.Count >= Options.MaxQueuedRequests)
        {
            Stats.FramesDroppedBusy++;
            return;
        }

        // One request per 100 ms (§3.8): an early one waits until the throttle allows it.
        long due = Math.Max(now, _lastDueMs + Options.ThrottleMs);
        _lastDueMs = due;
        _pending.Enqueue(new PendingFrame(frame, now, due));
    }

    private void Process(PendingFrame p)
    {
        Stats.RequestsProcessed++;
        byte[] frame = p.Frame;
        int len = frame.Length;
        string faults = "";
        int jump = Faults.TakeSequenceJump();
        if (jump != 0)
        {
            LastSequenceUnlocked = _lastSequence + (uint)jump;
            faults = "seq+" + jump;
        }

        // Authenticate first, then the sequence window (the 0x0C reply is signed, §4.3).
        AccessLevel access = Authenticate(frame);
        uint seq = ByteOrder.ReadUInt32BE(frame, len - MepCodes.RequestTrailer);
        byte code = frame[2];
        int tableId = code is MepCodes.FullRead or MepCodes.PartialRead or MepCodes.FullWrite or MepCodes.PartialWrite
            ? ByteOrder.ReadUInt16BE(frame, 3)
            : -1;
        byte[] reply;
        int replyLength;
        if (access == AccessLevel.None)
        {
            Stats.AuthenticationFailures++;
            reply = new byte[2 + MepCodes.MinResponseBody];
            replyLength = MepResponseWriter.WriteAuthenticationFailure(reply, 0);
        }
        else
        {
            MepDigest digest = DigestFor(access);
            uint ahead = seq - _lastSequence;
            if (ahead < 1 || ahead > 8)
            {
                Stats.SequenceErrors++;
                reply = new byte[2 + 1 + 4 + MepDigest.Size];
                replyLength = MepResponseWriter.WriteInvalidSequence(_lastSequence + 1, frame, 0, len, digest, reply, 0);
            }
            else
            {
                LastSequenceUnlocked = seq;
                Outcome outcome = MepRequestParser.TryParse(frame, 0, len, _request, out _, out _)
                    ? _requests.Dispatch(_request, access, false, p.DueMs)
                    : Outcome.Code(MepCodes.UnrecognizedRequest);
                if (outcome.IsRead)
                {
                    reply = new byte[2 + 3 + outcome.Count + MepDigest.Size];
                    replyLength = MepResponseWriter.WriteReadReply(frame, 0, len, outcome.Data!, 0, outcome.Count, digest, reply, 0);
                }
                else
                {
                    reply = new byte[2 + MepCodes.MinResponseBody];
                    replyLength = MepResponseWriter.WriteCode(outcome.ResponseCode, frame, 0, len, digest, reply, 0);
                }
            }
        }

        byte responseCode = reply[2];
        Stats.CountResponse(responseCode);
        ReplyPlan plan = Faults.PlanReply();
        string planText = plan.Describe();
        if (planText.Length > 0)
        {
            faults = faults.Length > 0 ? faults + "," + planText : planText;
        }

        _requestLog.Add(new RequestRecord(p.ArrivedMs, p.DueMs, code, tableId, seq, access, responseCode, replyLength, faults));
        if (!plan.Drop)
        {
            var lost = new bool[replyLength];
            Faults.MangleBytes(reply, replyLength, lost, plan);
            long startUs = (p.DueMs + Options.ReplyLatencyMs + plan.DelayMs) * 1000;
            _tx.Send(reply, replyLength, startUs, true, lost);
            if (plan.Duplicate)
            {
                _tx.Send(reply, replyLength, _tx.FreeAtUs + (Options.DuplicateGapMs * 1000L), true, lost);
            }
        }

        // Effects that apply after the reply: a new baud rate (§2.2) and an IDT bump (§4.3).
        int baud = _requests.TakePendingBaud();
        if (baud > 0)
        {
            _tx.BaudRate = baud;
        }

        if (_procedures.TakeIdtBump())
        {
            BumpIdtUnlocked();
        }
    }

    private AccessLevel Authenticate(byte[] frame)
    {
        // MAK first, then MBK: the first that verifies sets the access level (§4.1).
        if (MepRequestParser.DigestValid(_makDigest, frame, 0, frame.Length))
        {
            return AccessLevel.Advanced;
        }

        if (_mbkDigest != null && MepRequestParser.DigestValid(_mbkDigest, frame, 0, frame.Length))
        {
            return AccessLevel.Basic;
        }

        return AccessLevel.None;
    }

    private MepDigest DigestFor(AccessLevel access) => access == AccessLevel.Basic && _mbkDigest != null ? _mbkDigest : _makDigest;

    private void BumpIdtUnlocked()
    {
        Tables.IdtVersion++;
        LastSequenceUnlocked = _lastSequence + 25;
        Stats.IdtBumps++;
    }

    /// <summary>ET13 baud code → bits per second (§2.2); 0 for reserved codes.</summary>
    public static int BaudFromCode(int code)
    {
        int[] rates = { 9600, 300, 600, 1200, 2400, 4800, 9600, 14400, 19200, 28800, 38400, 57600, 115200 };
        return code >= 0 && code < rates.Length ? rates[code] : 0;
    }
}
