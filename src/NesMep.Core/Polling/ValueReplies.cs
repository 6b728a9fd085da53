using NesMep.Core.Model;
using NesMep.Core.Platform;
using NesMep.Core.Tables;

namespace NesMep.Core.Polling
{
    /// <summary>
    /// Turns the steady replies into the reading: BT52 into the meter clock, BT23 registers into energy
    /// (through the plausibility filter) and BT28 present values into power, current, voltage and the rest,
    /// every value located by its source id, never by a fixed offset.
    /// </summary>
    internal sealed class ValueReplies
    {
        private readonly PollContext _c;

        public ValueReplies(PollContext context)
        {
            _c = context;
        }

        public string? ApplyClock(byte[] frame, int offset, int count, long now)
        {
            MeterTableState tables = _c.Tables;
            string? error;
            if (tables.Clock.TryDecode(frame, offset, count, out error))
            {
                _c.Reading.SetMeterClock(tables.Clock.Time.ToDateTime(), now);
            }

            return error;
        }

        public string? ApplyEnergy(byte[] frame, int offset, int count, int tableOffset, long now)
        {
            MeterTableState tables = _c.Tables;
            string? error;
            Bt22Selection? selection = tables.Summations.IsKnown ? tables.Summations : null;
            if (!Bt23Registers.TryDecode(frame, offset, count, tableOffset, tables.Dimensions, selection, tables.Registers, out error))
            {
                return error;
            }

            int value;
            for (int q = 0; q < Quantity.Count; q++)
            {
                if (Quantity.IsEnergy(q) && tables.Registers.TryGetBySource(Quantity.SourceId(q), out value))
                {
                    int verdict = _c.Reading.OfferEnergy(q, value, now);
                    if (verdict != EnergyCounterFilter.Accepted && _c.Logs(LogLevel.Warning))
                    {
                        _c.Log.Write(LogLevel.Warning, Quantity.Name(q) + " reading " + value + " rejected as implausible (" +
                            (verdict == EnergyCounterFilter.RejectedDecrease ? "decrease" :
                             verdict == EnergyCounterFilter.RejectedJump ? "jump beyond the main fuse" : "accepted as new baseline") + ")");
                    }
                }
            }

            return null;
        }

        public string? ApplyPresentValues(byte[] frame, int offset, int count, int tableOffset, long now)
        {
            MeterTableState tables = _c.Tables;
            string? error;
            Bt27Selection? selection = tables.PresentValues.IsKnown ? tables.PresentValues : null;
            if (!Bt28PresentValues.TryDecode(frame, offset, count, tableOffset, tables.Dimensions, selection, tables.Present, out error))
            {
                return error;
            }

            int value;
            for (int q = 0; q < Quantity.Count; q++)
            {
                if (!Quantity.IsEnergy(q) && tables.Present.TryGetBySource(Quantity.SourceId(q), out value))
                {
                    _c.Reading.Set(q, value, now);
                }
            }

            return null;
        }
    }
}
