using System;
using NesMep.Core.Link;
using NesMep.Core.Model;
using NesMep.Core.Module;
using NesMep.Core.Platform;

namespace NesMep.Core.Polling
{
    /// <summary>
    /// Decides what to read and when, on top of a link's <see cref="ITableService"/> (MEP or optical), and puts what the meter answers into
    /// <see cref="MeterReading"/>. The jobs live in their own classes — <see cref="PollSchedule"/> (what next),
    /// <see cref="ConfigurationReads"/> (configuration tables and the IDT check), <see cref="ValueReplies"/>
    /// (clock, energy and present values into the reading), <see cref="AlertProcedures"/> (the alert chain) and
    /// <see cref="ManualReads"/> (the raw console) — and this class drives the link and routes each completed
    /// request to its owner. Call <see cref="Poll"/> at <see cref="NextDueMs"/> or when bytes arrive; it never blocks
    /// and steady polling does not allocate.
    /// </summary>
    public sealed class MeterPoller
    {
        private readonly PollContext _c;
        private readonly PollSchedule _schedule;
        private readonly ConfigurationReads _config;
        private readonly ValueReplies _values;
        private readonly AlertProcedures _alerts;
        private readonly ManualReads _manual;
        private PollItem? _current;

        public MeterPoller(ITableService link, IClock clock, PollSettings settings, MeterReading reading, ILog? log)
        {
            string? invalid = settings.Validate();
            if (invalid != null)
            {
                throw new ArgumentException(invalid);
            }

            _c = new PollContext(link, clock, settings, reading, log);
            _config = new ConfigurationReads(_c);
            _alerts = new AlertProcedures(_c);
            _values = new ValueReplies(_c);
            _manual = new ManualReads(link);
            _schedule = new PollSchedule(_c, _config, _alerts);
        }

        public PollPhase Phase
        {
            get { return _c.Phase; }
        }

        public MeterTableState Tables
        {
            get { return _c.Tables; }
        }

        public MeterReading Reading
        {
            get { return _c.Reading; }
        }

        /// <summary>The link's table service (cast to the link class only in link-specific tools).</summary>
        public ITableService Link
        {
            get { return _c.Link; }
        }

        /// <summary>Number of BT28 reads per power cycle after planning (1 on every meter seen so far).</summary>
        public int PowerReadCount
        {
            get { return _schedule.PowerCount; }
        }

        public int SlowReadCount
        {
            get { return _schedule.SlowCount; }
        }

        public PollItem EnergyItem
        {
            get { return _schedule.Energy; }
        }

        public int AlertsHandled
        {
            get { return _alerts.AlertsHandled; }
        }

        /// <summary>Power read <paramref name="i"/>, below <see cref="PowerReadCount"/> (made when a plan first needs it).</summary>
        public PollItem PowerItem(int i)
        {
            return _schedule.Power[i];
        }

        /// <summary>Slow read <paramref name="i"/>, below <see cref="SlowReadCount"/>.</summary>
        public PollItem SlowItem(int i)
        {
            return _schedule.Slow[i];
        }

        /// <summary>
        /// Queues a person's read (raw console). Returns false when one is already waiting or the
        /// request is not a read.
        /// </summary>
        public bool TryQueueManual(ManualRead read)
        {
            if (!_manual.TryQueue(read))
            {
                return false;
            }

            if (Waker != null)
            {
                Waker.Wake(); // the loop may be asleep until the next scheduled read
            }

            return true;
        }

        /// <summary>Told when a read is queued from outside the loop (the raw console), so it goes without waiting.</summary>
        public IWake? Waker { get; set; }

        /// <summary>
        /// When <see cref="Poll"/> next has work if no byte arrives before: the link's own timers while a
        /// request is outstanding, else the later of "the link may send" and "a read is due". Call after Poll;
        /// the loop calls Poll at this time or as soon as bytes arrive, whichever comes first. Allocates nothing.
        /// </summary>
        public long NextDueMs()
        {
            ITableService link = _c.Link;
            long linkDue = link.NextDueMs();
            if (link.Busy)
            {
                return linkDue;
            }

            long work = _manual.Queued ? _c.Clock.NowMs : _schedule.NextDueMs(_c.Clock.NowMs);
            return work > linkDue ? work : linkDue;
        }

        /// <summary>Advances link and schedule at any time; <see cref="NextDueMs"/> says when it is next needed.</summary>
        public void Poll()
        {
            ITableService link = _c.Link;
            while (true)
            {
                LinkEvent ev = link.Poll();
                if (ev == LinkEvent.Idle)
                {
                    break;
                }

                if (ev == LinkEvent.Attention)
                {
                    _alerts.OnAlert(_c.Clock.NowMs);
                }
                else
                {
                    OnCompleted();
                }
            }

            if (link.CanSubmit && !_manual.TrySubmit())
            {
                PollItem? next = _schedule.PickNext(_c.Clock.NowMs);
                if (next != null)
                {
                    _current = next;
                    link.Submit(next.Request);
                }
            }
        }

        private void OnCompleted()
        {
            long now = _c.Clock.NowMs;
            if (_manual.Running)
            {
                _manual.Finish();
                return;
            }

            PollItem? item = _current;
            _current = null;
            if (item == null)
            {
                return;
            }

            LinkResult result = _c.Link.LastResult;
            if (result == LinkResult.Ok || result == LinkResult.MeterError)
            {
                _c.Reading.NoteLinkAlive(now);
            }

            if (result == LinkResult.Ok)
            {
                OnReply(item, now);
            }
            else
            {
                item.Failures++;
                item.LastError = _c.Link.LastError;
                OnFailed(item, result == LinkResult.MeterError, now);
            }

            _config.CheckSequenceJump();
        }

        private void OnReply(PollItem item, long now)
        {
            item.LastError = null;
            string? error = Apply(item, now);
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
                _c.Reading.DecodeErrors++;
                if (_c.Logs(LogLevel.Warning))
                {
                    _c.Log.Write(LogLevel.Warning, "could not decode " + item.Name + ": " + error);
                }
            }

            if (error != null && item.IntervalMs == 0 && item.DecodeFailures < ConfigurationReads.MaxDecodeFailures)
            {
                // A configuration table that does not decode is read again before defaults are assumed.
                item.DueMs = now + _c.Settings.ConfigRetryMs;
            }
            else
            {
                _schedule.Reschedule(item, now);
            }
        }

        private string? Apply(PollItem item, long now)
        {
            ITableService link = _c.Link;
            byte[] frame = link.ReplyData;
            int offset = link.ReplyDataOffset;
            int count = link.ReplyDataCount;
            int tableOffset = item.Request.ReplyTableOffset;
            switch (item.Kind)
            {
                case PollKind.Clock:
                    string? error = _values.ApplyClock(frame, offset, count, now);
                    if (_c.Phase == PollPhase.Starting)
                    {
                        _c.Phase = PollPhase.Configuring;
                    }

                    _config.NoteSequenceJumps();
                    return error;
                case PollKind.Energy:
                    return _values.ApplyEnergy(frame, offset, count, tableOffset, now);
                case PollKind.Power:
                case PollKind.Slow:
                    return _values.ApplyPresentValues(frame, offset, count, tableOffset, now);
                default:
                    if (ConfigurationReads.Owns(item.Kind))
                    {
                        return _config.Apply(item, frame, offset, count, tableOffset, now);
                    }

                    return AlertProcedures.Owns(item.Kind) ? _alerts.Apply(item, frame, offset, count, tableOffset, now) : null;
            }
        }

        private void OnFailed(PollItem item, bool refused, long now)
        {
            if (_alerts.RetryWithNextSequence(item, refused, now))
            {
                return;
            }

            PollSettings settings = _c.Settings;
            if (_c.Phase == PollPhase.Starting && item == _schedule.Clock)
            {
                if (refused)
                {
                    // The meter answered (so the sequence is known) but refused BT52: carry on without the clock.
                    _c.Phase = PollPhase.Configuring;
                    item.DueMs = now + settings.ClockIntervalMs;
                }
                else
                {
                    item.DueMs = now; // the link's own timers and backoff pace the retries
                }

                return;
            }

            if (item == _config.SystemInfo && _c.Phase == PollPhase.Polling)
            {
                _config.EndIdtCheck();
                return;
            }

            if (_c.Phase == PollPhase.Configuring && item.IntervalMs == 0 && refused)
            {
                // Table absent on this meter: continue with defaults (e.g. default BT27 order).
                item.Done = true;
                return;
            }

            if (AlertProcedures.Owns(item.Kind))
            {
                item.Enabled = false;
                return;
            }

            if (item.IntervalMs == 0)
            {
                item.DueMs = now + settings.ConfigRetryMs;
                return;
            }

            // Failed steady read: try again after its interval, at most after the config retry time.
            item.DueMs = now + (item.IntervalMs < settings.ConfigRetryMs ? item.IntervalMs : settings.ConfigRetryMs);
        }
    }
}
