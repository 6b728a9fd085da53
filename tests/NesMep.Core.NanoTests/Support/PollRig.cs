using NesMep.Core.Api;
using NesMep.Core.Link;
using NesMep.Core.Model;
using NesMep.Core.Platform;
using NesMep.Core.Polling;
using NesMep.Core.Protocol;

namespace NesMep.Core.NanoTests.Support
{
    /// <summary>
    /// MepLink + MeterPoller + MeterReading against the <see cref="LoopbackMeter"/> under a <see cref="NanoClock"/>,
    /// composed the way the hosts compose them, with every setting at its default.
    /// </summary>
    public sealed class PollRig
    {
        /// <summary>Virtual milliseconds per Poll call: coarse enough to be quick on a board, fine enough for the
        /// link's 100 ms gaps and 500 ms timeouts.</summary>
        public const int StepMs = 5;

        public PollRig()
        {
            Clock = new NanoClock();
            MepKey key = MepKey.Parse("0123456789ABCDEFGHIJ");
            Tables = new LoopbackTables();
            Meter = new LoopbackMeter(Clock, key, 0x10, Tables);
            Reading = new MeterReading(new QualitySettings());
            Link = new MepLink(Meter, Clock, Meter, key, new LinkSettings(), NullLog.Instance);
            Poller = new MeterPoller(Link, Clock, new PollSettings(), Reading, NullLog.Instance);
            var info = new ModuleInfo();
            info.Name = "NesMep";
            info.Maker = "NesMep";
            info.Version = "9.8.7";
            info.Platform = "nano-test";
            Context = new ModuleContext(info, Clock, Poller);
        }

        public NanoClock Clock { get; private set; }

        public LoopbackTables Tables { get; private set; }

        public LoopbackMeter Meter { get; private set; }

        public MeterReading Reading { get; private set; }

        public MepLink Link { get; private set; }

        public MeterPoller Poller { get; private set; }

        public ModuleContext Context { get; private set; }

        /// <summary>Runs the poll loop for <paramref name="ms"/> virtual milliseconds. Allocates nothing itself.</summary>
        public void Run(int ms)
        {
            for (int t = 0; t < ms; t += StepMs)
            {
                Poller.Poll();
                Clock.Advance(StepMs);
            }
        }
    }
}
