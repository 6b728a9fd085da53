using NesMep.Core.Model;
using NesMep.Core.Platform;
using NesMep.Core.Tables;

namespace NesMep.Core.Polling
{
    /// <summary>
    /// What to read next and when (protocol reference §4.6, §6.2): BT52 first, then the configuration reads,
    /// then steady partial reads planned from BT21/BT22/BT27 — energy from BT23, power (and what the power reads
    /// cover) from BT28 at the power interval, the other present values at the slow interval — and BT52 hourly.
    /// The alert chain and a pending IDT check go before the steady reads.
    /// </summary>
    internal sealed class PollSchedule
    {
        public const int MaxRanges = 8;

        private static readonly int[] EnergySources = new int[] { 0, 1, 2, 3 };

        private readonly PollContext _c;
        private readonly ConfigurationReads _config;
        private readonly AlertProcedures _alerts;
        private readonly ReadRange[] _ranges = new ReadRange[MaxRanges];
        private readonly int[] _fastSources;
        private readonly int[] _slowSources;
        private readonly int _fastSourceCount;
        private readonly int _slowSourceCount;

        public PollSchedule(PollContext context, ConfigurationReads config, AlertProcedures alerts)
        {
            _c = context;
            _config = config;
            _alerts = alerts;
            for (int i = 0; i < MaxRanges; i++)
            {
                _ranges[i] = new ReadRange();
            }

            Clock.Request.SetFullRead(TableIds.BT52);
            Clock.IntervalMs = context.Settings.ClockIntervalMs;
            Clock.Enabled = true;

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
                    _fastSources[_fastSourceCount++] = Quantity.SourceId(q);
                }
                else
                {
                    _slowSources[_slowSourceCount++] = Quantity.SourceId(q);
                }
            }
        }

        public readonly PollItem Clock = new PollItem(PollKind.Clock, "clock");

        public readonly PollItem Energy = new PollItem(PollKind.Energy, "energy");

        /// <summary>
        /// The power and slow reads; items [0, PowerCount) and [0, SlowCount) exist. Each is made the first time a
        /// plan needs it (a Gen 3 meter needs one of each), not all <see cref="MaxRanges"/> up front: the unused
        /// 14 items were about 2 KB of the polling graph (issue 10's budget, docs/firmware.md "Memory").
        /// </summary>
        public readonly PollItem[] Power = new PollItem[MaxRanges];

        public readonly PollItem[] Slow = new PollItem[MaxRanges];

        /// <summary>Number of BT28 reads per power cycle after planning (1 on every meter seen so far).</summary>
        public int PowerCount { get; private set; }

        public int SlowCount { get; private set; }

        /// <summary>The read to send now, or null when nothing is due.</summary>
        public PollItem? PickNext(long now)
        {
            if (_c.Phase == PollPhase.Starting)
            {
                return Clock.DueMs <= now ? Clock : null;
            }

            if (_c.Phase == PollPhase.Configuring)
            {
                bool finished;
                PollItem? item = _config.Next(now, out finished);
                if (!finished)
                {
                    return item;
                }

                Plan(now);
            }

            PollItem? best = _alerts.Due(now);
            if (best != null)
            {
                return best;
            }

            // Power reads keep their cadence: when they are due they go first (the clock and energy
            // reads slot in between), so power values are never older than one interval plus a reply.
            for (int i = 0; i < PowerCount; i++)
            {
                best = Earlier(best, Power[i], now);
            }

            if (best != null)
            {
                return best;
            }

            best = Earlier(best, Clock, now);
            if (_config.IdtCheckPending && _config.SystemInfo.DueMs <= now)
            {
                // ET04 re-check after a 0x0C while polling goes before the steady reads.
                return _config.SystemInfo;
            }

            best = Earlier(best, Energy, now);
            for (int i = 0; i < SlowCount; i++)
            {
                best = Earlier(best, Slow[i], now);
            }

            return best;
        }

        /// <summary>
        /// The earliest time <see cref="PickNext"/> returns a read (<see cref="long.MaxValue"/> when nothing is
        /// scheduled); it looks at the same items PickNext does, so it is never later than PickNext.
        /// </summary>
        public long NextDueMs(long now)
        {
            if (_c.Phase == PollPhase.Starting)
            {
                return Clock.DueMs;
            }

            if (_c.Phase == PollPhase.Configuring)
            {
                return _config.NextDueMs(now);
            }

            long due = PollItem.EarliestDue(_alerts.NextDueMs(), Clock);
            due = PollItem.EarliestDue(due, Energy);
            for (int i = 0; i < PowerCount; i++)
            {
                due = PollItem.EarliestDue(due, Power[i]);
            }

            for (int i = 0; i < SlowCount; i++)
            {
                due = PollItem.EarliestDue(due, Slow[i]);
            }

            if (_config.IdtCheckPending && _config.SystemInfo.DueMs < due)
            {
                due = _config.SystemInfo.DueMs;
            }

            return due;
        }

        /// <summary>After a verified reply: one-shot reads are done, periodic ones keep their cadence.</summary>
        public void Reschedule(PollItem item, long now)
        {
            if (item.IntervalMs == 0)
            {
                item.Done = true;
                if (item == _config.SystemInfo && _c.Phase == PollPhase.Polling)
                {
                    _config.EndIdtCheck();
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

        /// <summary>Plans the steady reads from what the configuration taught (defaults where it taught nothing).</summary>
        private void Plan(long now)
        {
            MeterTableState tables = _c.Tables;
            PollSettings settings = _c.Settings;
            if (!tables.Dimensions.IsKnown)
            {
                tables.Dimensions.AssumeGen3Layout();
            }

            if (!tables.Summations.IsKnown)
            {
                tables.Summations.UseDefaultOrder(tables.Dimensions.SummationCount);
            }

            if (!tables.PresentValues.IsKnown)
            {
                tables.PresentValues.UseDefaultOrder(tables.Dimensions.PresentDemandCount, tables.Dimensions.PresentValueCount);
            }

            int energyCount = ReadPlanner.Bt23Count(tables.Dimensions, tables.Summations, EnergySources, EnergySources.Length);
            Energy.Enabled = energyCount > 0;
            if (energyCount > 0)
            {
                Energy.Request.SetPartialRead(TableIds.BT23, 0, energyCount);
            }

            Energy.IntervalMs = settings.EnergyIntervalMs;
            Energy.DueMs = now;

            PowerCount = ReadPlanner.PlanBt28(tables.PresentValues, _fastSources, _fastSourceCount, settings.MergeGapValues, true, _ranges);
            for (int i = 0; i < MaxRanges; i++)
            {
                if (i < PowerCount && Power[i] == null)
                {
                    Power[i] = new PollItem(PollKind.Power, "power-" + i);
                }

                if (Power[i] == null)
                {
                    continue;
                }

                Power[i].Enabled = i < PowerCount;
                if (i < PowerCount)
                {
                    SetRangeRequest(Power[i], _ranges[i]);
                    Power[i].IntervalMs = settings.PowerIntervalMs;
                    Power[i].DueMs = now;
                }
            }

            // Slow values that the power reads already cover need no read of their own.
            int[] uncovered = new int[_slowSourceCount];
            int n = 0;
            for (int i = 0; i < _slowSourceCount; i++)
            {
                int index = tables.PresentValues.IndexOfSource(_slowSources[i]);
                if (index >= 0 && !CoveredByPower(index))
                {
                    uncovered[n++] = _slowSources[i];
                }
            }

            SlowCount = ReadPlanner.PlanBt28(tables.PresentValues, uncovered, n, settings.MergeGapValues, _ranges);
            for (int i = 0; i < MaxRanges; i++)
            {
                if (i < SlowCount && Slow[i] == null)
                {
                    Slow[i] = new PollItem(PollKind.Slow, "slow-" + i);
                }

                if (Slow[i] == null)
                {
                    continue;
                }

                Slow[i].Enabled = i < SlowCount;
                if (i < SlowCount)
                {
                    SetRangeRequest(Slow[i], _ranges[i]);
                    Slow[i].IntervalMs = settings.SlowIntervalMs;
                    Slow[i].DueMs = now + 100 * (i + 1);
                }
            }

            for (int q = 0; q < Quantity.Count; q++)
            {
                _c.Reading.SetReadInterval(q, Quantity.IsEnergy(q) ? settings.EnergyIntervalMs :
                    CoveredByPower(tables.PresentValues.IndexOfSource(Quantity.SourceId(q))) ? settings.PowerIntervalMs : settings.SlowIntervalMs);
            }

            Clock.DueMs = now + settings.ClockIntervalMs;
            _c.Phase = PollPhase.Polling;
            _config.NoteSequenceJumps();
            if (_c.Logs(LogLevel.Info))
            {
                _c.Log.Write(LogLevel.Info, "polling: " + PowerCount + " power read(s), " + SlowCount + " slow read(s), BT23 " +
                    energyCount + " bytes");
            }
        }

        private static PollItem? Earlier(PollItem? best, PollItem candidate, long now)
        {
            if (!candidate.Enabled || candidate.DueMs > now)
            {
                return best;
            }

            return best == null || candidate.DueMs < best.DueMs ? candidate : best;
        }

        private bool CoveredByPower(int index)
        {
            for (int i = 0; i < PowerCount; i++)
            {
                int first = (Power[i].Request.Offset - _c.Tables.Dimensions.Bt28ValueOffset(0)) / 4;
                int values = Power[i].Request.Count / 4;
                if (index >= first && index < first + values)
                {
                    return true;
                }
            }

            return false;
        }

        private void SetRangeRequest(PollItem item, ReadRange range)
        {
            item.Request.SetPartialRead(TableIds.BT28, _c.Tables.Dimensions.Bt28ValueOffset(range.FirstIndex), 4 * range.ValueCount);
        }
    }
}
