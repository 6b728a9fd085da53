using NesMep.Core.Link;
using NesMep.Core.Platform;
using NesMep.Core.Protocol;
using NesMep.Core.Tables;

namespace NesMep.Core.Polling
{
    /// <summary>
    /// The alert chain (protocol reference §3.6–3.7): on a 00 00 alert, read the MEP entry's flags in ET13,
    /// then, only when a flag asks for it, call EP39 through BT07 and read its result from ET59 or BT08
    /// (ET50 bit 1). A repeated procedure sequence number (0x04) is retried with the next one, at most 3 times.
    /// </summary>
    internal sealed class AlertProcedures
    {
        private const int MepEntryIndex = 4;
        private const int DefaultEt13EntrySize = 66;
        private const int Ep39 = 2048 + 39;
        private const int Ep39ScheduledReadWithAlarms = 4;
        private const int Ep39ClearDeltaDataAlert = 12;
        private const int MaxPsnRetries = 3;

        private readonly PollContext _c;
        private readonly ProcedureSequence _psn = new ProcedureSequence();
        private readonly byte[] _procedureData = new byte[16];
        private int _pendingEp39Type = -1;
        private int _psnRetries;
        private long _lastAlertHandledMs = long.MinValue / 4;

        public AlertProcedures(PollContext context)
        {
            _c = context;
        }

        public readonly PollItem Flags = new PollItem(PollKind.AlertFlags, "alert-flags");

        public readonly PollItem Procedure = new PollItem(PollKind.Procedure, "procedure");

        public readonly PollItem Result = new PollItem(PollKind.ProcedureResult, "procedure-result");

        public int AlertsHandled { get; private set; }

        /// <summary>True for the kinds this class reads and writes.</summary>
        public static bool Owns(int kind)
        {
            return kind == PollKind.AlertFlags || kind == PollKind.Procedure || kind == PollKind.ProcedureResult;
        }

        /// <summary>The earliest due time of an enabled step of the alert chain, or <see cref="long.MaxValue"/>.</summary>
        public long NextDueMs()
        {
            return PollItem.EarliestDue(PollItem.EarliestDue(PollItem.EarliestDue(long.MaxValue, Flags), Procedure), Result);
        }

        /// <summary>Alert handling and procedure results go before every other read: the one that is due, or null.</summary>
        public PollItem? Due(long now)
        {
            if (Flags.Enabled && Flags.DueMs <= now)
            {
                return Flags;
            }

            if (Procedure.Enabled && Procedure.DueMs <= now)
            {
                return Procedure;
            }

            return Result.Enabled && Result.DueMs <= now ? Result : null;
        }

        /// <summary>The link saw an alert: start the chain unless one runs or the hold-off has not passed.</summary>
        public void OnAlert(long now)
        {
            PollSettings settings = _c.Settings;
            if (!settings.HandleAlerts || _c.Phase != PollPhase.Polling || Flags.Enabled || Procedure.Enabled ||
                Result.Enabled || now - _lastAlertHandledMs < settings.AlertHoldoffMs)
            {
                return;
            }

            _lastAlertHandledMs = now;
            AlertsHandled++;
            int flagsOffset = Et13AlertFlags.AlertFlagsOffset(EntrySize(), MepEntryIndex);
            Flags.Request.SetPartialRead(TableIds.ET13, flagsOffset, 1);
            Flags.Enabled = true;
            Flags.DueMs = now;
        }

        /// <summary>Applies a verified reply of one of the chain's items; returns null or the decode error.</summary>
        public string? Apply(PollItem item, byte[] frame, int offset, int count, int tableOffset, long now)
        {
            MeterTableState tables = _c.Tables;
            string? error = null;
            item.Enabled = false;
            switch (item.Kind)
            {
                case PollKind.AlertFlags:
                    if (tables.AlertFlags.TryDecode(frame, offset, count, tableOffset, EntrySize(), MepEntryIndex, out error))
                    {
                        ActOnFlags(now);
                    }

                    return error;
                case PollKind.Procedure:
                    Result.Request.SetFullRead(tables.MepFlags.IsKnown && tables.MepFlags.Et59Response ? TableIds.ET59 : TableIds.BT08);
                    Result.Enabled = true;
                    Result.DueMs = now + 1000; // results "may take up to 1 second" (§3.6)
                    return null;
                default:
                    if (tables.ProcedureResult.TryDecode(frame, offset, count, out error) && _c.Logs(LogLevel.Info))
                    {
                        _c.Log.Write(LogLevel.Info, "procedure " + ProcedureResponse.ProcedureName(tables.ProcedureResult.ProcedureNumber) +
                            " result: " + ProcedureResponse.ResultName(tables.ProcedureResult.ResultCode));
                    }

                    return error;
            }
        }

        /// <summary>
        /// §3.6: a repeated procedure sequence number is refused with 0x04; the call is then made again with the
        /// next one, at most 3 times per call (item.Failures counts over the module's life). True when retried.
        /// </summary>
        public bool RetryWithNextSequence(PollItem item, bool refused, long now)
        {
            if (item.Kind != PollKind.Procedure || !refused || _c.Link.LastResponseCode != TableResponseCodes.OperationNotPossible ||
                _psnRetries >= MaxPsnRetries)
            {
                return false;
            }

            _psnRetries++;
            Build(_pendingEp39Type);
            item.DueMs = now;
            return true;
        }

        private int EntrySize()
        {
            MeterTableState tables = _c.Tables;
            return tables.MfgDimensions.IsKnown && tables.MfgDimensions.Et13EntrySize > 0
                ? tables.MfgDimensions.Et13EntrySize
                : DefaultEt13EntrySize;
        }

        private void ActOnFlags(long now)
        {
            Et13AlertFlags flags = _c.Tables.AlertFlags;
            if (flags.MBusChange && _c.Logs(LogLevel.Info))
            {
                _c.Log.Write(LogLevel.Info, "alert: M-Bus change (not handled: no M-Bus devices are managed here)");
            }

            if (flags.OnDemandRequest && _c.Logs(LogLevel.Info))
            {
                _c.Log.Write(LogLevel.Info, "alert: on-demand request in ET15 (not supported by a read-only client)");
            }

            // §3.7: act on what the flags say, not unconditionally.
            int type = flags.DeltaDataAlert ? Ep39ClearDeltaDataAlert : flags.ScheduledRead ? Ep39ScheduledReadWithAlarms : -1;
            if (type < 0)
            {
                return;
            }

            _psnRetries = 0;
            Build(type);
            Procedure.Enabled = true;
            Procedure.DueMs = now;
        }

        private void Build(int ep39Type)
        {
            _pendingEp39Type = ep39Type;
            int psn = _psn.Next();
            ByteOrder.WriteUInt16LE(_procedureData, 0, Ep39);
            _procedureData[2] = (byte)psn;
            _procedureData[3] = (byte)ep39Type;
            _procedureData[4] = 0x01; // status "success" (EP39 layout only known from the Dabbler firmware, §5.16)
            _procedureData[5] = 0x00; // no data bytes
            _procedureData[6] = 0x00;
            Procedure.Request.SetFullWrite(TableIds.BT07, _procedureData, 0, 7);
        }
    }
}
