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
public sealed class MeterSimulator
{
    private const long Never = long.MinValue / 4;

    private readonly object _gate = new();
    private readonly IClock _clock;
    private readonly MepDigest _makDigest;
    private readonly MepDigest? _mbkDigest;
    private readonly MepFrameAssembler _assembler;
    private readonly SerialTransmitter _tx = new();
    private readonly Queue<PendingFrame> _pending = new();
    private readonly List<PendingResult> _pendingResults = new();
    private readonly List<ProcedureCall> _procedureLog = new();
    private readonly List<RequestRecord> _requestLog = new();
    private readonly MepRequest _request = new();
    private bool _enabled;
    private uint _lastSequence;
    private int _lastPsn = -1;
    private long _lastDueMs = Never;
    private long _lastFrameMs = Never;
    private long _lastAlertMs = Never;
    private long _alertRaisedMs = Never;
    private long _nextNoiseCheckMs;
    private int _pendingBaud;
    private bool _pendingIdtBump;
    private RegisterKeeper? _keeper;
    private long _lastClientByteMs = Never;

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
        _enabled = Options.StartEnabled;
        LastSequenceUnlocked = Options.InitialSequence;
        _nextNoiseCheckMs = clock.NowMs + 1000;
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
        get { lock (_gate) { return _lastPsn; } }
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

    /// <summary>Requests received and waiting for the throttle.</summary>
    public int QueuedRequests
    {
        get { lock (_gate) { return _pending.Count; } }
    }

    /// <summary>Every BT07 procedure call (a snapshot copy).</summary>
    public IReadOnlyList<ProcedureCall> ProcedureLog
    {
        get { lock (_gate) { return _procedureLog.ToArray(); } }
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
                if (!_enabled || Faults.LockedUp)
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

    // ---- meter-side controls ----------------------------------------------------------------

    /// <summary>Sets alert flags of the MEP entry in ET13 (offset 4·66+8); alerts start at once (§3.7).</summary>
    public void RaiseAlert(byte flags)
    {
        lock (_gate)
        {
            long now = _clock.NowMs;
            Service(now);
            if (Tables.AlertFlags == 0 && flags != 0)
            {
                _alertRaisedMs = now;
            }

            Tables.AlertFlags |= flags;
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

        for (int i = 0; i < _pendingResults.Count; i++)
        {
            PendingResult r = _pendingResults[i];
            if (r.DueMs <= now)
            {
                Tables.PostProcedureResult(r.Procedure, r.Psn, r.Result, r.Data);
                _pendingResults.RemoveAt(i--);
            }
        }

        Load.AdvanceTo(now);
        EmitInjectedNoise(now);
        EmitAlerts(now);
        EmitIdleNoise(now);
    }

    private void OnFrame(byte[] frame, long now)
    {
        Stats.FramesReceived++;
        _lastFrameMs = now; // alert hold-off counts from every received frame (§3.7)
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
                    ? Dispatch(_request, access, false, p.DueMs)
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

        AddCapped(_requestLog, new RequestRecord(p.ArrivedMs, p.DueMs, code, tableId, seq, access, responseCode, replyLength, faults));
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
        if (_pendingBaud > 0)
        {
            _tx.BaudRate = _pendingBaud;
            _pendingBaud = 0;
        }

        if (_pendingIdtBump)
        {
            _pendingIdtBump = false;
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

    /// <summary>Executes one parsed request (also used for the commands inside an ET52 transaction).</summary>
    private Outcome Dispatch(MepRequest req, AccessLevel access, bool inTransaction, long nowMs)
    {
        switch (req.Code)
        {
            case MepCodes.FullRead:
                return FullRead(req, inTransaction);
            case MepCodes.PartialRead:
                return PartialRead(req);
            case MepCodes.FullWrite:
            case MepCodes.PartialWrite:
                return Write(req, access, inTransaction, nowMs);
            default:
                return Outcome.Code(MepCodes.UnrecognizedRequest);
        }
    }

    private Outcome FullRead(MepRequest req, bool inTransaction)
    {
        byte[]? image = Tables.Read(req.TableId);
        if (image == null)
        {
            return Outcome.Code(MepCodes.TableOperationNotPossible);
        }

        // The 2-byte length argument acts as the maximum reply size (§3.2); the frame limit caps it too.
        int limit = Math.Min(req.FullReadLimit, MepCodes.MaxReadData);
        if (image.Length <= limit)
        {
            return Outcome.Read(image, image.Length);
        }

        if (req.MaxLength == MepRequest.NoMaxLength)
        {
            // No length argument: real meters answered such BT01/BT52 reads with the table (issue 14);
            // one that does not fit is cut at the frame limit. The meter's own answer, not a fault.
            return Outcome.Read(image, limit);
        }

        OversizeFullReadMode mode = inTransaction ? OversizeFullReadMode.Error05 : Faults.Options.OversizeFullReadMode;
        Faults.CountOversize(mode);
        switch (mode)
        {
            case OversizeFullReadMode.Truncate:
                return Outcome.Read(image, limit);
            case OversizeFullReadMode.SendOversize:
                return Outcome.Read(image, image.Length);
            default:
                return Outcome.Code(MepCodes.TableOperationNotPossible);
        }
    }

    private Outcome PartialRead(MepRequest req)
    {
        byte[]? image = Tables.Read(req.TableId);
        if (image == null || req.Count > MepCodes.MaxReadData)
        {
            return Outcome.Code(MepCodes.TableOperationNotPossible);
        }

        // Bytes past the end of the table read as zeros, without error (§5.0, OPT-PG).
        var data = new byte[req.Count];
        if (req.Offset < image.Length)
        {
            Array.Copy(image, req.Offset, data, 0, Math.Min(req.Count, image.Length - req.Offset));
        }

        return Outcome.Read(data, data.Length);
    }

    private Outcome Write(MepRequest req, AccessLevel access, bool inTransaction, long nowMs)
    {
        int id = req.TableId;
        if (!Tables.Exists(id))
        {
            return Outcome.Code(access == AccessLevel.Basic ? MepCodes.NoPermission : MepCodes.TableOperationNotPossible);
        }

        if (!MeterTables.IsWritable(id, access) || (inTransaction && id == MeterTableIds.ET52))
        {
            return Outcome.Code(MepCodes.NoPermission);
        }

        if (id == MeterTableIds.BT07)
        {
            return CallProcedure(req, access, nowMs);
        }

        int offset = req.Code == MepCodes.PartialWrite ? req.Offset : 0;
        int oldBaudCode = Tables.Storage(MeterTableIds.ET13)![MeterTables.BaudCodeOffset];
        if (!Tables.Write(id, offset, req.Data!, req.DataOffset, req.Count))
        {
            return Outcome.Code(MepCodes.TableOperationNotPossible);
        }

        if (id == MeterTableIds.ET13)
        {
            int newCode = Tables.Storage(MeterTableIds.ET13)![MeterTables.BaudCodeOffset];
            int rate = BaudFromCode(newCode);
            if (newCode != oldBaudCode && rate > 0)
            {
                _pendingBaud = rate;
            }
        }

        if (id == MeterTableIds.ET52)
        {
            ExecuteTransaction(access, offset + req.Count, nowMs);
        }

        return Outcome.Code(MepCodes.Ok);
    }

    /// <summary>BT07 write = procedure call (§3.6): PSN check, MBK rights, run, post the result.</summary>
    private Outcome CallProcedure(MepRequest req, AccessLevel access, long nowMs)
    {
        if ((req.Code == MepCodes.PartialWrite && req.Offset != 0) || req.Count < 3)
        {
            return Outcome.Code(MepCodes.TableOperationNotPossible);
        }

        byte[] d = req.Data!;
        int o = req.DataOffset;
        int procedure = (d[o] | (d[o + 1] << 8)) & 0x0FFF;
        byte psn = d[o + 2];
        if (psn == _lastPsn)
        {
            return Outcome.Code(MepCodes.OperationNotPossible); // repeated PSN (§3.6)
        }

        _lastPsn = psn;
        Tables.Write(MeterTableIds.BT07, 0, d, o, req.Count);
        var parameters = new byte[req.Count - 3];
        Array.Copy(d, o + 3, parameters, 0, parameters.Length);
        byte result = RunProcedure(procedure, parameters, access, out byte[]? resultData);
        int table = Tables.ProcedureResultTable;
        if (Options.ProcedureResultDelayMs > 0)
        {
            _pendingResults.Add(new PendingResult(nowMs + Options.ProcedureResultDelayMs, procedure, psn, result, resultData));
        }
        else
        {
            table = Tables.PostProcedureResult(procedure, psn, result, resultData);
        }

        Stats.ProcedureCalls++;
        AddCapped(_procedureLog, new ProcedureCall(nowMs, procedure, psn, parameters, access, result, table));
        return Outcome.Code(MepCodes.Ok);
    }

    private byte RunProcedure(int procedure, byte[] p, AccessLevel access, out byte[]? data)
    {
        data = null;
        if (access == AccessLevel.Basic && !ProcedureIds.AllowedWithBasicKey(procedure))
        {
            return ProcedureIds.ResultNoAuthorization;
        }

        switch (procedure)
        {
            case ProcedureIds.EP16:
                // Change clock by delta: parameters are undocumented (§5.16); accept and record only.
                return ProcedureIds.ResultCompleted;
            case ProcedureIds.EP17:
                // Remove MEP device: action 0/1, UINT16 handle (§5.16).
                if (p.Length < 3 || p[0] > 1)
                {
                    return ProcedureIds.ResultInvalidParameter;
                }

                return ProcedureIds.ResultCompleted;
            case ProcedureIds.EP39:
                // Post MEP data: the type byte decides which alert condition clears (§3.7).
                if (p.Length < 1)
                {
                    return ProcedureIds.ResultInvalidParameter;
                }

                if (p[0] == ProcedureIds.Ep39ClearDeltaDataAlert)
                {
                    Tables.AlertFlags &= 0xEF; // bit 4
                }
                else if (p[0] == ProcedureIds.Ep39ScheduledReadWithAlarms)
                {
                    Tables.AlertFlags &= 0xFE; // bit 0
                }

                return ProcedureIds.ResultCompleted;
            case ProcedureIds.EP61:
                // Transaction lock: 0 unlock, 1 lock.
                return p.Length >= 1 && p[0] <= 1 ? ProcedureIds.ResultCompleted : ProcedureIds.ResultInvalidParameter;
            default:
                if (ProcedureIds.BumpsIdtVersion(procedure))
                {
                    _pendingIdtBump = true;
                    return ProcedureIds.ResultCompleted;
                }

                return ProcedureIds.ResultUnrecognized;
        }
    }

    /// <summary>
    /// ET52 transaction (§5.15): once the trailing transaction number has been written and matches,
    /// run each embedded request and store the responses in ET53.
    /// </summary>
    private void ExecuteTransaction(AccessLevel access, int writeEnd, long nowMs)
    {
        byte[] img = Tables.Storage(MeterTableIds.ET52)!;
        int size = ByteOrder.ReadUInt16LE(img, 0);
        if (size < 7 || size > img.Length || writeEnd < size || img[2] != 0)
        {
            return;
        }

        int txn = ByteOrder.ReadUInt16LE(img, 3);
        if (ByteOrder.ReadUInt16LE(img, size - 2) != txn)
        {
            return;
        }

        var response = new List<byte> { 0, 0, 1, (byte)txn, (byte)(txn >> 8) };
        var inner = new MepRequest();
        int p = 5;
        while (p + 2 <= size - 2)
        {
            int len = ByteOrder.ReadUInt16LE(img, p);
            p += 2;
            if (len == 0 || p + len > size - 2)
            {
                break;
            }

            // Wrap the command as a frame so the core parser checks its arguments.
            var frame = new byte[2 + len + MepCodes.RequestTrailer];
            ByteOrder.WriteUInt16BE(frame, 0, len + MepCodes.RequestTrailer);
            Array.Copy(img, p, frame, 2, len);
            Outcome o = MepRequestParser.TryParse(frame, 0, frame.Length, inner, out _, out _)
                ? Dispatch(inner, access, true, nowMs)
                : Outcome.Code(MepCodes.UnrecognizedRequest);
            int rlen = o.IsRead ? 3 + o.Count : 1;
            response.Add((byte)rlen);
            response.Add((byte)(rlen >> 8));
            response.Add(o.IsRead ? MepCodes.Ok : o.ResponseCode);
            if (o.IsRead)
            {
                response.Add((byte)(o.Count >> 8));
                response.Add((byte)o.Count);
                for (int i = 0; i < o.Count; i++)
                {
                    response.Add(o.Data![i]);
                }
            }

            p += len;
        }

        response.Add((byte)txn);
        response.Add((byte)(txn >> 8));
        response[0] = (byte)response.Count;
        response[1] = (byte)(response.Count >> 8);
        byte[] bytes = response.ToArray();
        Tables.SetTransactionResponse(bytes, bytes.Length);
        Stats.Transactions++;
    }

    private void BumpIdtUnlocked()
    {
        Tables.IdtVersion++;
        LastSequenceUnlocked = _lastSequence + 25;
        Stats.IdtBumps++;
    }

    /// <summary>Alert <c>00 00</c> every second while flags are set; held off 1 s after a frame, never inside a reply (§3.7).</summary>
    private void EmitAlerts(long now)
    {
        if (!_enabled || Faults.LockedUp || Tables.AlertFlags == 0 || _pending.Count > 0 || _assembler.InFrame)
        {
            return;
        }

        if (Options.AlertsRequireRegistration && (Tables.MepFlags & MeterTables.Et50Registered) == 0)
        {
            return;
        }

        for (int i = 0; i < 8; i++)
        {
            long t = Math.Max(_lastFrameMs + Options.AlertHoldOffMs, _lastAlertMs + Options.AlertIntervalMs);
            t = Math.Max(t, _alertRaisedMs);
            t = Math.Max(t, (_tx.FreeAtUs + 999) / 1000);
            if (t > now)
            {
                return;
            }

            if (now - t >= Options.AlertIntervalMs)
            {
                // Caught up after a long gap between calls: skip the alerts nobody could have heard.
                t += (now - t) / Options.AlertIntervalMs * Options.AlertIntervalMs;
            }

            _tx.Send(new byte[] { 0, 0 }, 2, t * 1000, false);
            _lastAlertMs = t;
            Stats.AlertsSent++;
        }
    }

    private void EmitInjectedNoise(long now)
    {
        while (Faults.TryTakeInjectedNoise(out byte[] burst))
        {
            if (_enabled && !Faults.LockedUp && burst.Length > 0)
            {
                _tx.Send(burst, burst.Length, now * 1000, false);
                Faults.CountNoise(burst.Length);
            }
        }
    }

    /// <summary>Random line noise while the line is idle, drawn once per second of clock time.</summary>
    private void EmitIdleNoise(long now)
    {
        if (now - _nextNoiseCheckMs > 10_000)
        {
            _nextNoiseCheckMs = now - 10_000;
        }

        while (_nextNoiseCheckMs <= now)
        {
            long t = _nextNoiseCheckMs;
            _nextNoiseCheckMs += 1000;
            byte[]? burst = Faults.DrawIdleNoise(out int offsetMs);
            if (burst == null || !_enabled || Faults.LockedUp || _pending.Count > 0 || _assembler.InFrame ||
                !_tx.IdleAt(t * 1000))
            {
                continue;
            }

            _tx.Send(burst, burst.Length, (t + offsetMs) * 1000, false);
            Faults.CountNoise(burst.Length);
        }
    }

    private void AddCapped<T>(List<T> list, T item)
    {
        if (list.Count >= Options.LogCapacity && list.Count > 0)
        {
            list.RemoveRange(0, Math.Max(1, list.Count / 10));
        }

        list.Add(item);
    }

    /// <summary>ET13 baud code → bits per second (§2.2); 0 for reserved codes.</summary>
    public static int BaudFromCode(int code)
    {
        int[] rates = { 9600, 300, 600, 1200, 2400, 4800, 9600, 14400, 19200, 28800, 38400, 57600, 115200 };
        return code >= 0 && code < rates.Length ? rates[code] : 0;
    }

    private sealed record PendingFrame(byte[] Frame, long ArrivedMs, long DueMs);

    private sealed record PendingResult(long DueMs, int Procedure, byte Psn, byte Result, byte[]? Data);

    /// <summary>Result of executing one request: a bare response code or read data.</summary>
    private readonly struct Outcome
    {
        private Outcome(byte code, byte[]? data, int count, bool isRead)
        {
            ResponseCode = code;
            Data = data;
            Count = count;
            IsRead = isRead;
        }

        public byte ResponseCode { get; }

        public byte[]? Data { get; }

        public int Count { get; }

        public bool IsRead { get; }

        public static Outcome Code(byte code) => new(code, null, 0, false);

        public static Outcome Read(byte[] data, int count) => new(MepCodes.Ok, data, count, true);
    }
}
