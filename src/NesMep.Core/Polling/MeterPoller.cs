using System;
using NesMep.Core.Link;
using NesMep.Core.Model;
using NesMep.Core.Platform;
using NesMep.Core.Protocol;
using NesMep.Core.Tables;

namespace NesMep.Core.Polling
{
    /// <summary>
    /// Decides what to read and when, on top of <see cref="MepLink"/>: BT52 first, then the
    /// configuration tables, then steady partial reads sized from BT21/BT22/BT27 (protocol reference
    /// §4.6, §6.2 and the schedule), periodic BT52, and alert handling through ET13 flags
    /// (§3.7). Decoded values go into <see cref="MeterReading"/>. Call <see cref="Poll"/> often; it
    /// never blocks and steady polling does not allocate.
    /// </summary>
    public sealed class MeterPoller
    {
        private const int MaxRanges = 8;
        private const int MaxConfigDecodeFailures = 3;
        private const int MepEntryIndex = 4;
        private const int DefaultEt13EntrySize = 66;
        private const int Ep39 = 2048 + 39;
        private const int Ep39ScheduledReadWithAlarms = 4;
        private const int Ep39ClearDeltaDataAlert = 12;

        private static readonly int[] EnergySources = new int[] { 0, 1, 2, 3 };

        private readonly MepLink _link;
        private readonly IClock _clock;
        private readonly PollSettings _settings;
        private readonly MeterReading _reading;
        private readonly ILog _log;
        private MeterTableState _tables = new MeterTableState();
        private readonly ProcedureSequence _psn = new ProcedureSequence();
        private readonly PollItem[] _config;
        private readonly PollItem _energy = new PollItem(PollKind.Energy, "energy");
        private readonly PollItem[] _power = new PollItem[MaxRanges];
        private readonly PollItem[] _slow = new PollItem[MaxRanges];
        private readonly PollItem _clockItem = new PollItem(PollKind.Clock, "clock");
        private readonly PollItem _alertFlags = new PollItem(PollKind.AlertFlags, "alert-flags");
        private readonly PollItem _procedure = new PollItem(PollKind.Procedure, "procedure");
        private readonly PollItem _procedureResult = new PollItem(PollKind.ProcedureResult, "procedure-result");
        private readonly ReadRange[] _ranges = new ReadRange[MaxRanges];
        private readonly int[] _fastSources;
        private readonly int[] _slowSources;
        private readonly byte[] _procedureData = new byte[16];

        private PollPhase _phase = PollPhase.Starting;
        private int _configIndex;
        private int _powerCount;
        private int _slowCount;
        private PollItem _current;
        private ManualRead _manual;
        private bool _manualRunning;
        private int _pendingEp39Type = -1;
        private int _psnRetries;
        private long _lastAlertHandledMs = long.MinValue / 4;
        private int _sequenceJumpsSeen;
        private bool _idtCheckPending;
        private PollItem _systemInfo;

        public MeterPoller(MepLink link, IClock clock, PollSettings settings, MeterReading reading, ILog log)
        {
            string invalid = settings.Validate();
            if (invalid != null)
            {
                throw new ArgumentException(invalid);
            }

            _link = link;
            _clock = clock;
            _settings = settings;
            _reading = reading;
            _log = log ?? NullLog.Instance;
            for (int i = 0; i < MaxRanges; i++)
            {
                _ranges[i] = new ReadRange();
                _power[i] = new PollItem(PollKind.Power, "power-" + i);
                _slow[i] = new PollItem(PollKind.Slow, "slow-" + i);
            }

            _clockItem.Request.SetFullRead(TableIds.BT52, MepRequest.DefaultFullReadMaxLength);
            _clockItem.IntervalMs = settings.ClockIntervalMs;
            _clockItem.Enabled = true;
            _config = new PollItem[]
            {
                Config(PollKind.General, "BT00", TableIds.BT00),
                Config(PollKind.Manufacturer, "BT01", TableIds.BT01),
                Config(PollKind.Dimensions, "BT21", TableIds.BT21),
                Config(PollKind.Summations, "BT22", TableIds.BT22),
                Config(PollKind.PresentSelection, "BT27", TableIds.BT27),
                Config(PollKind.Utility, "ET03", TableIds.ET03),
                Config(PollKind.MfgDimensions, "ET11", TableIds.ET11),
                PartialConfig(PollKind.MepFlags, "ET50", TableIds.ET50, 30, 1),
                PartialConfig(PollKind.SystemInfo, "ET04", TableIds.ET04, 0, 133),
            };
            _systemInfo = _config[_config.Length - 1];

            int fast = 0;
            int slow = 0;
            _fastSources = new int[Quantity.Count];
            _slowSources = new int[Quantity.Count];
            for (int q = 0; q < Quantity.Count; q++)
            {
                if (Quantity.IsEnergy(q))
                {
                    continue;
                }

                if (Quantity.IsFast(q))
                {
                    _fastSources[fast++] = Quantity.SourceId(q);
                }
                else
                {
                    _slowSources[slow++] = Quantity.SourceId(q);
                }
            }

            _fastSourceCount = fast;
            _slowSourceCount = slow;
        }

        private readonly int _fastSourceCount;
        private readonly int _slowSourceCount;

        public PollPhase Phase
        {
            get { return _phase; }
        }

        public MeterTableState Tables
        {
            get { return _tables; }
        }

        public MeterReading Reading
        {
            get { return _reading; }
        }

        public MepLink Link
        {
            get { return _link; }
        }

        /// <summary>Number of BT28 reads per power cycle after planning (1 on every meter seen so far).</summary>
        public int PowerReadCount
        {
            get { return _powerCount; }
        }

        public int SlowReadCount
        {
            get { return _slowCount; }
        }

        public PollItem EnergyItem
        {
            get { return _energy; }
        }

        public PollItem PowerItem(int i)
        {
            return _power[i];
        }

        public PollItem SlowItem(int i)
        {
            return _slow[i];
        }

        public int AlertsHandled { get; private set; }

        /// <summary>
        /// Queues a person's read (raw console). Returns false when one is already waiting or the
        /// request is not a read.
        /// </summary>
        public bool TryQueueManual(ManualRead read)
        {
            if (_manual != null || !read.Request.IsRead || MepRequestWriter.Validate(read.Request) != null)
            {
                return false;
            }

            read.State = ManualRead.StateQueued;
            _manual = read;
            return true;
        }

        /// <summary>Advances link and schedule; call every few milliseconds.</summary>
        public void Poll()
        {
            while (true)
            {
                int ev = _link.Poll();
                if (ev == MepLink.PollIdle)
                {
                    break;
                }

                if (ev == MepLink.PollAlert)
                {
                    OnAlert();
                }
                else
                {
                    OnCompleted();
                }
            }

            if (_link.CanSubmit)
            {
                SubmitNext();
            }
        }

        private void SubmitNext()
        {
            long now = _clock.NowMs;
            if (_manual != null && _manual.State == ManualRead.StateQueued)
            {
                _manual.State = ManualRead.StateRunning;
                _manualRunning = true;
                _link.Submit(_manual.Request);
                return;
            }

            PollItem next = PickNext(now);
            if (next == null)
            {
                return;
            }

            _current = next;
            _link.Submit(next.Request);
        }

        private PollItem PickNext(long now)
        {
            if (_phase == PollPhase.Starting)
            {
                return _clockItem.DueMs <= now ? _clockItem : null;
            }

            if (_phase == PollPhase.Configuring)
            {
                while (_configIndex < _config.Length && _config[_configIndex].Done)
                {
                    _configIndex++;
                }

                if (_configIndex >= _config.Length)
                {
                    StartPolling(now);
                }
                else
                {
                    PollItem item = _config[_configIndex];
                    return item.DueMs <= now ? item : null;
                }
            }

            // Alert handling and procedure results go first.
            if (_alertFlags.Enabled && _alertFlags.DueMs <= now)
            {
                return _alertFlags;
            }

            if (_procedure.Enabled && _procedure.DueMs <= now)
            {
                return _procedure;
            }

            if (_procedureResult.Enabled && _procedureResult.DueMs <= now)
            {
                return _procedureResult;
            }

            // Power reads keep their cadence: when they are due they go first (the clock and energy
            // reads slot in between), so power values are never older than one interval plus a reply.
            PollItem best = null;
            for (int i = 0; i < _powerCount; i++)
            {
                best = Earlier(best, _power[i], now);
            }

            if (best != null)
            {
                return best;
            }

            best = Earlier(best, _clockItem, now);
            if (_idtCheckPending && _systemInfo.DueMs <= now)
            {
                // ET04 re-check after a 0x0C while polling goes before the steady reads.
                return _systemInfo;
            }

            best = Earlier(best, _energy, now);
            for (int i = 0; i < _slowCount; i++)
            {
                best = Earlier(best, _slow[i], now);
            }

            return best;
        }

        private static PollItem Earlier(PollItem best, PollItem candidate, long now)
        {
            if (!candidate.Enabled || candidate.DueMs > now)
            {
                return best;
            }

            return best == null || candidate.DueMs < best.DueMs ? candidate : best;
        }

        private void OnCompleted()
        {
            long now = _clock.NowMs;
            if (_manualRunning)
            {
                FinishManual();
                return;
            }

            PollItem item = _current;
            _current = null;
            if (item == null)
            {
                return;
            }

            LinkResult result = _link.LastResult;
            if (result == LinkResult.Ok || result == LinkResult.MeterError)
            {
                _reading.NoteLinkAlive(now);
            }

            if (result == LinkResult.Ok)
            {
                item.LastError = null;
                string error = Apply(item, now);
                if (error == null)
                {
                    item.LastOkMs = now;
                    item.DecodeFailures = 0;
                }
                else
                {
                    item.Failures++;
                    item.DecodeFailures++;
                    item.LastError = error;
                    _reading.DecodeErrors++;
                    if (_log.IsEnabled(LogLevel.Warning))
                    {
                        _log.Write(LogLevel.Warning, "could not decode " + item.Name + ": " + error);
                    }
                }

                if (error != null && item.IntervalMs == 0 && item.DecodeFailures < MaxConfigDecodeFailures)
                {
                    // A configuration table that does not decode is read again before defaults are assumed.
                    item.DueMs = now + _settings.ConfigRetryMs;
                }
                else
                {
                    Reschedule(item, now, true);
                }
            }
            else
            {
                item.Failures++;
                item.LastError = _link.LastError;
                OnFailed(item, result, now);
            }

            CheckSequenceJump(now);
        }

        private void OnFailed(PollItem item, LinkResult result, long now)
        {
            bool refused = result == LinkResult.MeterError;
            if (item.Kind == PollKind.Procedure && refused && _link.LastResponseCode == MepCodes.OperationNotPossible &&
                _psnRetries < 3)
            {
                // §3.6: a repeated procedure sequence number is refused with 0x04; use the next one
                // (at most 3 times per procedure call; item.Failures counts over the module's life).
                _psnRetries++;
                BuildProcedure(_pendingEp39Type);
                item.DueMs = now;
                return;
            }

            if (_phase == PollPhase.Starting && item == _clockItem)
            {
                if (refused)
                {
                    // The meter answered (so the sequence is known) but refused BT52: carry on without the clock.
                    _phase = PollPhase.Configuring;
                    item.DueMs = now + _settings.ClockIntervalMs;
                }
                else
                {
                    item.DueMs = now; // the link's own timers and backoff pace the retries
                }

                return;
            }

            if (item == _systemInfo && _phase == PollPhase.Polling)
            {
                _idtCheckPending = false;
                return;
            }

            if (_phase == PollPhase.Configuring && item.IntervalMs == 0 && refused)
            {
                // Table absent on this meter: continue with defaults (e.g. default BT27 order).
                item.Done = true;
                return;
            }

            if (item.Kind == PollKind.AlertFlags || item.Kind == PollKind.Procedure || item.Kind == PollKind.ProcedureResult)
            {
                item.Enabled = false;
                return;
            }

            if (item.IntervalMs == 0)
            {
                item.DueMs = now + _settings.ConfigRetryMs;
                return;
            }

            // Failed steady read: try again after its interval, at most after the config retry time.
            item.DueMs = now + (item.IntervalMs < _settings.ConfigRetryMs ? item.IntervalMs : _settings.ConfigRetryMs);
        }

        private void Reschedule(PollItem item, long now, bool ok)
        {
            if (item.IntervalMs == 0)
            {
                item.Done = ok || item.Done;
                if (item == _systemInfo && _phase == PollPhase.Polling)
                {
                    _idtCheckPending = false;
                }

                return;
            }

            // Keep the cadence: next due is one interval after the previous due time, not after completion.
            item.DueMs += item.IntervalMs;
            if (item.DueMs <= now)
            {
                item.DueMs = now + item.IntervalMs;
            }
        }

        private string Apply(PollItem item, long now)
        {
            byte[] frame = _link.ReplyFrame;
            int offset = _link.Reply.DataOffset;
            int count = _link.Reply.DataCount;
            int tableOffset = item.Request.Code == MepCodes.PartialRead ? item.Request.Offset : 0;
            string error = null;
            switch (item.Kind)
            {
                case PollKind.Clock:
                    if (_tables.Clock.TryDecode(frame, offset, count, out error))
                    {
                        _reading.SetMeterClock(_tables.Clock.Time.ToDateTime(), now);
                    }

                    if (_phase == PollPhase.Starting)
                    {
                        _phase = PollPhase.Configuring;
                    }

                    _sequenceJumpsSeen = _link.Counters.SequenceJumps;
                    return error;
                case PollKind.General:
                    _tables.General.TryDecode(frame, offset, count, out error);
                    return error;
                case PollKind.Manufacturer:
                    if (_tables.Manufacturer.TryDecode(frame, offset, count, out error))
                    {
                        MeterIdentity id = _reading.Identity;
                        id.Manufacturer = _tables.Manufacturer.Manufacturer;
                        id.Model = _tables.Manufacturer.Model;
                        id.FirmwareVersion = _tables.Manufacturer.FirmwareVersion ?? "";
                        id.FirmwareLegacy = _tables.Manufacturer.LegacyVersion ?? "";
                        id.Known = true;
                    }

                    return error;
                case PollKind.Dimensions:
                    _tables.Dimensions.TryDecode(frame, offset, count, out error);
                    return error;
                case PollKind.Summations:
                    _tables.Summations.TryDecode(frame, offset, count, _tables.Dimensions, out error);
                    return error;
                case PollKind.PresentSelection:
                    _tables.PresentValues.TryDecode(frame, offset, count, _tables.Dimensions, out error);
                    return error;
                case PollKind.Utility:
                    if (_tables.Utility.TryDecode(frame, offset, count, out error))
                    {
                        _reading.Identity.UtilitySerial = _tables.Utility.UtilitySerialNumber ?? "";
                    }

                    return error;
                case PollKind.MfgDimensions:
                    _tables.MfgDimensions.TryDecode(frame, offset, count, out error);
                    return error;
                case PollKind.MepFlags:
                    _tables.MepFlags.TryDecode(frame, offset, count, tableOffset, out error);
                    return error;
                case PollKind.SystemInfo:
                    return ApplySystemInfo(frame, offset, count, tableOffset, now);
                case PollKind.Energy:
                    return ApplyEnergy(frame, offset, count, tableOffset, now);
                case PollKind.Power:
                case PollKind.Slow:
                    return ApplyPresentValues(frame, offset, count, tableOffset, now);
                case PollKind.AlertFlags:
                    item.Enabled = false;
                    if (_tables.AlertFlags.TryDecode(frame, offset, count, tableOffset, AlertEntrySize(), MepEntryIndex, out error))
                    {
                        ActOnAlertFlags(now);
                    }

                    return error;
                case PollKind.Procedure:
                    item.Enabled = false;
                    _procedureResult.Request.SetFullRead(_tables.MepFlags.IsKnown && _tables.MepFlags.Et59Response ? TableIds.ET59 : TableIds.BT08,
                        MepRequest.DefaultFullReadMaxLength);
                    _procedureResult.Enabled = true;
                    _procedureResult.DueMs = now + 1000; // results "may take up to 1 second" (§3.6)
                    return null;
                case PollKind.ProcedureResult:
                    item.Enabled = false;
                    if (_tables.ProcedureResult.TryDecode(frame, offset, count, out error) && _log.IsEnabled(LogLevel.Info))
                    {
                        _log.Write(LogLevel.Info, "procedure " + ProcedureResponse.ProcedureName(_tables.ProcedureResult.ProcedureNumber) +
                            " result: " + ProcedureResponse.ResultName(_tables.ProcedureResult.ResultCode));
                    }

                    return error;
                default:
                    return null;
            }
        }

        private string ApplySystemInfo(byte[] frame, int offset, int count, int tableOffset, long now)
        {
            string error;
            if (!_tables.System.TryDecode(frame, offset, count, tableOffset, out error))
            {
                return error;
            }

            int idt = _tables.System.IdtVersion;
            if (_tables.ConfiguredIdtVersion >= 0 && idt >= 0 && idt != _tables.ConfiguredIdtVersion)
            {
                // §4.3: the IDT version changed (meter reconfigured): dimensions may differ, read them again.
                if (_log.IsEnabled(LogLevel.Info))
                {
                    _log.Write(LogLevel.Info, "meter IDT version changed: reading its configuration again");
                }

                RestartConfiguration(now);
            }

            _tables.ConfiguredIdtVersion = idt;
            return null;
        }

        private string ApplyEnergy(byte[] frame, int offset, int count, int tableOffset, long now)
        {
            string error;
            Bt22Selection selection = _tables.Summations.IsKnown ? _tables.Summations : null;
            if (!Bt23Registers.TryDecode(frame, offset, count, tableOffset, _tables.Dimensions, selection, _tables.Registers, out error))
            {
                return error;
            }

            int value;
            for (int q = 0; q < Quantity.Count; q++)
            {
                if (Quantity.IsEnergy(q) && _tables.Registers.TryGetBySource(Quantity.SourceId(q), out value))
                {
                    int verdict = _reading.OfferEnergy(q, value, now);
                    if (verdict != EnergyCounterFilter.Accepted && _log.IsEnabled(LogLevel.Warning))
                    {
                        _log.Write(LogLevel.Warning, Quantity.Name(q) + " reading " + value + " rejected as implausible (" +
                            (verdict == EnergyCounterFilter.RejectedDecrease ? "decrease" :
                             verdict == EnergyCounterFilter.RejectedJump ? "jump beyond the main fuse" : "accepted as new baseline") + ")");
                    }
                }
            }

            return null;
        }

        private string ApplyPresentValues(byte[] frame, int offset, int count, int tableOffset, long now)
        {
            string error;
            Bt27Selection selection = _tables.PresentValues.IsKnown ? _tables.PresentValues : null;
            if (!Bt28PresentValues.TryDecode(frame, offset, count, tableOffset, _tables.Dimensions, selection, _tables.Present, out error))
            {
                return error;
            }

            int value;
            for (int q = 0; q < Quantity.Count; q++)
            {
                if (!Quantity.IsEnergy(q) && _tables.Present.TryGetBySource(Quantity.SourceId(q), out value))
                {
                    _reading.Set(q, value, now);
                }
            }

            return null;
        }

        private void StartPolling(long now)
        {
            if (!_tables.Dimensions.IsKnown)
            {
                _tables.Dimensions.AssumeGen3Layout();
            }

            if (!_tables.Summations.IsKnown)
            {
                _tables.Summations.UseDefaultOrder(_tables.Dimensions.SummationCount);
            }

            if (!_tables.PresentValues.IsKnown)
            {
                _tables.PresentValues.UseDefaultOrder(_tables.Dimensions.PresentDemandCount, _tables.Dimensions.PresentValueCount);
            }

            int energyCount = ReadPlanner.Bt23Count(_tables.Dimensions, _tables.Summations, EnergySources, EnergySources.Length);
            _energy.Enabled = energyCount > 0;
            if (energyCount > 0)
            {
                _energy.Request.SetPartialRead(TableIds.BT23, 0, energyCount);
            }

            _energy.IntervalMs = _settings.EnergyIntervalMs;
            _energy.DueMs = now;

            _powerCount = ReadPlanner.PlanBt28(_tables.PresentValues, _fastSources, _fastSourceCount, _settings.MergeGapValues, true, _ranges);
            for (int i = 0; i < MaxRanges; i++)
            {
                _power[i].Enabled = i < _powerCount;
                if (i < _powerCount)
                {
                    SetRangeRequest(_power[i], _ranges[i]);
                    _power[i].IntervalMs = _settings.PowerIntervalMs;
                    _power[i].DueMs = now;
                }
            }

            // Slow values that the power reads already cover need no read of their own.
            int[] uncovered = new int[_slowSourceCount];
            int n = 0;
            for (int i = 0; i < _slowSourceCount; i++)
            {
                int index = _tables.PresentValues.IndexOfSource(_slowSources[i]);
                if (index >= 0 && !CoveredByPower(index))
                {
                    uncovered[n++] = _slowSources[i];
                }
            }

            _slowCount = ReadPlanner.PlanBt28(_tables.PresentValues, uncovered, n, _settings.MergeGapValues, _ranges);
            for (int i = 0; i < MaxRanges; i++)
            {
                _slow[i].Enabled = i < _slowCount;
                if (i < _slowCount)
                {
                    SetRangeRequest(_slow[i], _ranges[i]);
                    _slow[i].IntervalMs = _settings.SlowIntervalMs;
                    _slow[i].DueMs = now + 100 * (i + 1);
                }
            }

            for (int q = 0; q < Quantity.Count; q++)
            {
                _reading.SetReadInterval(q, Quantity.IsEnergy(q) ? _settings.EnergyIntervalMs :
                    CoveredByPower(_tables.PresentValues.IndexOfSource(Quantity.SourceId(q))) ? _settings.PowerIntervalMs : _settings.SlowIntervalMs);
            }

            _clockItem.DueMs = now + _settings.ClockIntervalMs;
            _phase = PollPhase.Polling;
            _sequenceJumpsSeen = _link.Counters.SequenceJumps;
            if (_log.IsEnabled(LogLevel.Info))
            {
                _log.Write(LogLevel.Info, "polling: " + _powerCount + " power read(s), " + _slowCount + " slow read(s), BT23 " +
                    energyCount + " bytes");
            }
        }

        private bool CoveredByPower(int index)
        {
            for (int i = 0; i < _powerCount; i++)
            {
                int first = (_power[i].Request.Offset - _tables.Dimensions.Bt28ValueOffset(0)) / 4;
                int values = _power[i].Request.Count / 4;
                if (index >= first && index < first + values)
                {
                    return true;
                }
            }

            return false;
        }

        private void SetRangeRequest(PollItem item, ReadRange range)
        {
            item.Request.SetPartialRead(TableIds.BT28, _tables.Dimensions.Bt28ValueOffset(range.FirstIndex), 4 * range.ValueCount);
        }

        private void RestartConfiguration(long now)
        {
            // Forget what the old configuration taught (a table the meter now refuses must fall back to
            // its default, not keep stale contents); a rare event, so the fresh objects are fine.
            int idt = _tables.ConfiguredIdtVersion;
            _tables = new MeterTableState();
            _tables.ConfiguredIdtVersion = idt;
            _phase = PollPhase.Configuring;
            _configIndex = 0;
            // The ET04 read that found the new IDT version is this check; it is not repeated afterwards.
            _idtCheckPending = false;
            for (int i = 0; i < _config.Length; i++)
            {
                _config[i].Done = false;
                _config[i].DecodeFailures = 0;
                _config[i].Enabled = true;
                _config[i].DueMs = now;
            }
        }

        private void CheckSequenceJump(long now)
        {
            int seen = _link.Counters.SequenceJumps;
            if (seen == _sequenceJumpsSeen)
            {
                return;
            }

            _sequenceJumpsSeen = seen;
            if (_phase == PollPhase.Polling)
            {
                // A 0x0C while polling can mean an IDT bump (+25, §4.3): check the IDT version.
                _idtCheckPending = true;
            }
        }

        private void OnAlert()
        {
            long now = _clock.NowMs;
            if (!_settings.HandleAlerts || _phase != PollPhase.Polling || _alertFlags.Enabled || _procedure.Enabled ||
                _procedureResult.Enabled || now - _lastAlertHandledMs < _settings.AlertHoldoffMs)
            {
                return;
            }

            _lastAlertHandledMs = now;
            AlertsHandled++;
            int flagsOffset = Et13AlertFlags.AlertFlagsOffset(AlertEntrySize(), MepEntryIndex);
            _alertFlags.Request.SetPartialRead(TableIds.ET13, flagsOffset, 1);
            _alertFlags.Enabled = true;
            _alertFlags.DueMs = now;
        }

        private int AlertEntrySize()
        {
            return _tables.MfgDimensions.IsKnown && _tables.MfgDimensions.Et13EntrySize > 0
                ? _tables.MfgDimensions.Et13EntrySize
                : DefaultEt13EntrySize;
        }

        private void ActOnAlertFlags(long now)
        {
            Et13AlertFlags flags = _tables.AlertFlags;
            if (flags.MBusChange && _log.IsEnabled(LogLevel.Info))
            {
                _log.Write(LogLevel.Info, "alert: M-Bus change (not handled: no M-Bus devices are managed here)");
            }

            if (flags.OnDemandRequest && _log.IsEnabled(LogLevel.Info))
            {
                _log.Write(LogLevel.Info, "alert: on-demand request in ET15 (not supported by a read-only client)");
            }

            // §3.7: act on what the flags say, not unconditionally.
            int type = flags.DeltaDataAlert ? Ep39ClearDeltaDataAlert : flags.ScheduledRead ? Ep39ScheduledReadWithAlarms : -1;
            if (type < 0)
            {
                return;
            }

            _psnRetries = 0;
            BuildProcedure(type);
            _procedure.Enabled = true;
            _procedure.DueMs = now;
        }

        private void BuildProcedure(int ep39Type)
        {
            _pendingEp39Type = ep39Type;
            int psn = _psn.Next();
            ByteOrder.WriteUInt16LE(_procedureData, 0, Ep39);
            _procedureData[2] = (byte)psn;
            _procedureData[3] = (byte)ep39Type;
            _procedureData[4] = 0x01; // status "success" (EP39 layout only known from the Dabbler firmware, §5.16)
            _procedureData[5] = 0x00; // no data bytes
            _procedureData[6] = 0x00;
            _procedure.Request.SetFullWrite(TableIds.BT07, _procedureData, 0, 7);
        }

        private void FinishManual()
        {
            ManualRead m = _manual;
            _manualRunning = false;
            _manual = null;
            if (m == null)
            {
                return;
            }

            m.Result = _link.LastResult;
            m.ResponseCode = _link.LastResponseCode;
            m.Error = _link.LastError;
            m.RequestLength = _link.RequestFrameLength;
            Array.Copy(_link.RequestFrame, m.RequestFrame, m.RequestLength);
            if (m.Result == LinkResult.Ok || m.Result == LinkResult.MeterError)
            {
                m.ResponseLength = _link.ReplyFrameLength;
                Array.Copy(_link.ReplyFrame, m.ResponseFrame, m.ResponseLength);
            }
            else
            {
                m.ResponseLength = 0;
            }

            m.State = ManualRead.StateDone;
        }

        private static PollItem Config(int kind, string name, int table)
        {
            PollItem item = new PollItem(kind, name);
            item.Request.SetFullRead(table, MepRequest.DefaultFullReadMaxLength);
            item.Enabled = true;
            return item;
        }

        private static PollItem PartialConfig(int kind, string name, int table, int offset, int count)
        {
            PollItem item = new PollItem(kind, name);
            item.Request.SetPartialRead(table, offset, count);
            item.Enabled = true;
            return item;
        }
    }
}
