using NesMep.Core.Link;
using NesMep.Core.Model;
using NesMep.Core.Platform;

namespace NesMep.Core.Polling
{
    /// <summary>
    /// What the parts of the poller share: the link, clock, settings, reading and log, the phase of the
    /// session, and what the configuration reads taught about the meter (replaced as a whole when the
    /// meter's configuration changes, so every part reads it through here).
    /// </summary>
    internal sealed class PollContext
    {
        public PollContext(ITableService link, IClock clock, PollSettings settings, MeterReading reading, ILog? log)
        {
            Link = link;
            Clock = clock;
            Settings = settings;
            Reading = reading;
            Log = log ?? NullLog.Instance;
        }

        public ITableService Link { get; private set; }

        public IClock Clock { get; private set; }

        public PollSettings Settings { get; private set; }

        public MeterReading Reading { get; private set; }

        public ILog Log { get; private set; }

        public MeterTableState Tables = new MeterTableState();

        public PollPhase Phase = PollPhase.Starting;

        public bool Logs(LogLevel level)
        {
            return Log.IsEnabled(level);
        }
    }
}
