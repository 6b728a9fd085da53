using NesMep.Core.Api;
using NesMep.Core.Model;

namespace NesMep.Core.Module
{
    /// <summary>
    /// Tells whether a step of the meter side changed what a publisher of the reading depends on: a value or its
    /// availability (<see cref="MeterReading.Changes"/>), the link coming up or going down, the meter serial, or
    /// a new meter side (new settings). Allocation-free; call under the module lock.
    /// </summary>
    public sealed class ReadingChangeWatch
    {
        private MeterReading? _reading;
        private int _changes;
        private bool _linkUp;
        private string _serial = "";

        /// <summary>True when something changed since the previous call (and on the first call with a reading).</summary>
        public bool Changed(ModuleContext context, long nowMs)
        {
            MeterReading? reading = context.Reading;
            int changes = reading == null ? 0 : reading.Changes;
            bool linkUp = context.LinkUp(nowMs);
            string serial = reading == null ? "" : reading.Identity.UtilitySerial;
            bool changed = reading != _reading || changes != _changes || linkUp != _linkUp || serial != _serial;
            _reading = reading;
            _changes = changes;
            _linkUp = linkUp;
            _serial = serial;
            return changed;
        }
    }
}
