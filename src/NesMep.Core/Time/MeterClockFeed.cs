using NesMep.Core.Model;
using NesMep.Core.Module;

namespace NesMep.Core.Time
{
    /// <summary>
    /// Hands each new reading of the meter's BT52 clock to the <see cref="WallClock"/>: a part of the module, stepped
    /// after every poll step on the module's thread, so the wall clock is real as soon as the meter answers, with
    /// or without a network. Takes the meter lock only to copy the two numbers.
    /// </summary>
    public sealed class MeterClockFeed : IModulePart
    {
        private readonly MeterModule _module;
        private readonly WallClock _wall;
        private long _lastReadMs = long.MinValue;

        public MeterClockFeed(MeterModule module, WallClock wall)
        {
            _module = module;
            _wall = wall;
        }

        public long Step(long nowMs)
        {
            System.DateTime utc;
            long readMs;
            lock (_module.Gate)
            {
                MeterReading? r = _module.Context.Reading;
                if (r == null || !r.HasMeterClock || r.MeterClockReadMs == _lastReadMs)
                {
                    return long.MaxValue;
                }

                utc = r.MeterClockUtc;
                readMs = r.MeterClockReadMs;
            }

            _lastReadMs = readMs;
            _wall.OfferMeter(utc, readMs);
            return long.MaxValue; // nothing timed: the next poll step calls again
        }
    }
}
