using NesMep.Core.Protocol;

namespace NesMep.Simulator;

/// <summary>
/// BT07 procedure calls (§3.6): the PSN check, the MBK's rights, each procedure's effect on the
/// tables, and the result posted to BT08 or ET59 (at once or after
/// <see cref="SimulatorOptions.ProcedureResultDelayMs"/>). Not thread-safe: the simulator holds its lock.
/// </summary>
internal sealed class ProcedureRunner
{
    private readonly MeterTables _tables;
    private readonly SimulatorOptions _options;
    private readonly SimulatorStats _stats;
    private readonly List<PendingResult> _pendingResults = new();
    private readonly CappedLog<ProcedureCall> _log;
    private bool _idtBumpPending;

    public ProcedureRunner(MeterTables tables, SimulatorOptions options, SimulatorStats stats)
    {
        _tables = tables;
        _options = options;
        _stats = stats;
        _log = new CappedLog<ProcedureCall>(options);
    }

    /// <summary>Last procedure sequence number written to BT07, or -1.</summary>
    public int LastPsn { get; private set; } = -1;

    /// <summary>Every procedure call (a snapshot copy).</summary>
    public ProcedureCall[] Log => _log.ToArray();

    /// <summary>BT07 write = procedure call (§3.6): PSN check, MBK rights, run, post the result.</summary>
    public Outcome Call(MepRequest req, AccessLevel access, long nowMs)
    {
        if ((req.Code == MepCodes.PartialWrite && req.Offset != 0) || req.Count < 3)
        {
            return Outcome.Code(MepCodes.TableOperationNotPossible);
        }

        byte[] d = req.Data!;
        int o = req.DataOffset;
        int procedure = (d[o] | (d[o + 1] << 8)) & 0x0FFF;
        byte psn = d[o + 2];
        if (psn == LastPsn)
        {
            return Outcome.Code(MepCodes.OperationNotPossible); // repeated PSN (§3.6)
        }

        LastPsn = psn;
        _tables.Write(MeterTableIds.BT07, 0, d, o, req.Count);
        var parameters = new byte[req.Count - 3];
        Array.Copy(d, o + 3, parameters, 0, parameters.Length);
        byte result = Run(procedure, parameters, access, out byte[]? resultData);
        int table = _tables.ProcedureResultTable;
        if (_options.ProcedureResultDelayMs > 0)
        {
            _pendingResults.Add(new PendingResult(nowMs + _options.ProcedureResultDelayMs, procedure, psn, result, resultData));
        }
        else
        {
            table = _tables.PostProcedureResult(procedure, psn, result, resultData);
        }

        _stats.ProcedureCalls++;
        _log.Add(new ProcedureCall(nowMs, procedure, psn, parameters, access, result, table));
        return Outcome.Code(MepCodes.Ok);
    }

    /// <summary>Posts the delayed results that are due by <paramref name="now"/>.</summary>
    public void PostDueResults(long now)
    {
        for (int i = 0; i < _pendingResults.Count; i++)
        {
            PendingResult r = _pendingResults[i];
            if (r.DueMs <= now)
            {
                _tables.PostProcedureResult(r.Procedure, r.Psn, r.Result, r.Data);
                _pendingResults.RemoveAt(i--);
            }
        }
    }

    /// <summary>Whether a procedure asked for an IDT bump (applied after the reply, §4.3); clears the request.</summary>
    public bool TakeIdtBump()
    {
        bool bump = _idtBumpPending;
        _idtBumpPending = false;
        return bump;
    }

    private byte Run(int procedure, byte[] p, AccessLevel access, out byte[]? data)
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
                    _tables.AlertFlags &= 0xEF; // bit 4
                }
                else if (p[0] == ProcedureIds.Ep39ScheduledReadWithAlarms)
                {
                    _tables.AlertFlags &= 0xFE; // bit 0
                }

                return ProcedureIds.ResultCompleted;
            case ProcedureIds.EP61:
                // Transaction lock: 0 unlock, 1 lock.
                return p.Length >= 1 && p[0] <= 1 ? ProcedureIds.ResultCompleted : ProcedureIds.ResultInvalidParameter;
            default:
                if (ProcedureIds.BumpsIdtVersion(procedure))
                {
                    _idtBumpPending = true;
                    return ProcedureIds.ResultCompleted;
                }

                return ProcedureIds.ResultUnrecognized;
        }
    }
}
