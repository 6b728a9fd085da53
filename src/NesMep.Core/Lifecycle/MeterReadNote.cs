using NesMep.Core.Model;
using NesMep.Core.Module;

namespace NesMep.Core.Lifecycle
{
    /// <summary>
    /// A module part (the device adds it to its MeterModule) that tells the update trial "the meter was read" (docs/firmware.md,
    /// "Updates, rollback and recovery"): a value of the reading updated since the last step means a reply passed the
    /// link's checks and was decoded. With no key set no meter is configured, and the trial must not wait for one.
    /// </summary>
    public sealed class MeterReadNote : IModulePart
    {
        private readonly MeterModule _module;
        private readonly UpdateManager _updates;
        private long _seenMs = -1;

        public MeterReadNote(MeterModule module, UpdateManager updates, bool meterConfigured)
        {
            _module = module;
            _updates = updates;
            if (!meterConfigured)
            {
                updates.NoteMeterRead();
            }
        }

        public long Step(long nowMs)
        {
            long last;
            lock (_module.Gate)
            {
                MeterReading? r = _module.Context.Reading;
                last = r == null ? -1 : r.LastUpdateMs();
            }

            if (last >= 0 && last != _seenMs)
            {
                _seenMs = last;
                _updates.NoteMeterRead();
            }

            return long.MaxValue; // nothing timed: the next poll step calls again
        }
    }
}
