using NesMep.Core.Protocol;

namespace NesMep.Simulator;

/// <summary>
/// Executes one authenticated, in-sequence request against the <see cref="MeterTables"/>: full and
/// partial reads (with the oversize rules of §3.2), writes with the keys' rights (§4.1), a BT07
/// write as a procedure call, an ET52 write as a transaction, and an ET13 baud code change (§2.2).
/// Not thread-safe: the simulator holds its lock.
/// </summary>
internal sealed class RequestExecutor
{
    private readonly MeterTables _tables;
    private readonly FaultInjector _faults;
    private readonly ProcedureRunner _procedures;
    private readonly TransactionExecutor _transactions;
    private int _pendingBaud;

    public RequestExecutor(MeterTables tables, FaultInjector faults, ProcedureRunner procedures, SimulatorStats stats)
    {
        _tables = tables;
        _faults = faults;
        _procedures = procedures;
        _transactions = new TransactionExecutor(tables, stats, this);
    }

    /// <summary>The line speed a write of ET13 asked for (applied after the reply, §2.2), or 0; clears it.</summary>
    public int TakePendingBaud()
    {
        int baud = _pendingBaud;
        _pendingBaud = 0;
        return baud;
    }

    /// <summary>Executes one parsed request (also used for the commands inside an ET52 transaction).</summary>
    public Outcome Dispatch(MepRequest req, AccessLevel access, bool inTransaction, long nowMs)
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
        byte[]? image = _tables.Read(req.TableId);
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

        OversizeFullReadMode mode = inTransaction ? OversizeFullReadMode.Error05 : _faults.Options.OversizeFullReadMode;
        _faults.CountOversize(mode);
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
        byte[]? image = _tables.Read(req.TableId);
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
        if (!_tables.Exists(id))
        {
            return Outcome.Code(access == AccessLevel.Basic ? MepCodes.NoPermission : MepCodes.TableOperationNotPossible);
        }

        if (!MeterTables.IsWritable(id, access) || (inTransaction && id == MeterTableIds.ET52))
        {
            return Outcome.Code(MepCodes.NoPermission);
        }

        if (id == MeterTableIds.BT07)
        {
            return _procedures.Call(req, access, nowMs);
        }

        int offset = req.Code == MepCodes.PartialWrite ? req.Offset : 0;
        int oldBaudCode = _tables.Storage(MeterTableIds.ET13)![MeterTables.BaudCodeOffset];
        if (!_tables.Write(id, offset, req.Data!, req.DataOffset, req.Count))
        {
            return Outcome.Code(MepCodes.TableOperationNotPossible);
        }

        if (id == MeterTableIds.ET13)
        {
            int newCode = _tables.Storage(MeterTableIds.ET13)![MeterTables.BaudCodeOffset];
            int rate = MeterSimulator.BaudFromCode(newCode);
            if (newCode != oldBaudCode && rate > 0)
            {
                _pendingBaud = rate;
            }
        }

        if (id == MeterTableIds.ET52)
        {
            _transactions.Execute(access, offset + req.Count, nowMs);
        }

        return Outcome.Code(MepCodes.Ok);
    }
}
