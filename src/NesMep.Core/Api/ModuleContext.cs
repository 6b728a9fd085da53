using NesMep.Core.Link;
using NesMep.Core.Model;
using NesMep.Core.Platform;
using NesMep.Core.Polling;

namespace NesMep.Core.Api
{
    /// <summary>
    /// Everything the HTTP/MQTT views read. The host updates it from its poll thread and builds
    /// responses under the same lock, so a body is always one consistent snapshot.
    /// </summary>
    public sealed class ModuleContext
    {
        /// <summary>No verified reply for this long means the link is down.</summary>
        public const int LinkDownAfterMs = 10000;

        public ModuleContext(ModuleInfo info, IClock clock, MeterPoller? poller)
        {
            Info = info;
            Clock = clock;
            Poller = poller;
            StartedMs = clock.NowMs;
        }

        public ModuleInfo Info { get; private set; }

        public IClock Clock { get; private set; }

        /// <summary>Null while no meter key is configured.</summary>
        public MeterPoller? Poller { get; private set; }

        public long StartedMs { get; private set; }

        /// <summary>
        /// Keeps the uptime counting from an earlier start when the host builds a new context for
        /// new settings (the service restarts its meter side, not itself).
        /// </summary>
        public void ContinueUptimeFrom(long startedMs)
        {
            StartedMs = startedMs;
        }

        public MeterReading? Reading
        {
            get { return Poller == null ? null : Poller.Reading; }
        }

        /// <summary>not_configured, starting, configuring, up, down or key_rejected.</summary>
        public string LinkStateName(long nowMs)
        {
            if (Poller == null)
            {
                return "not_configured";
            }

            ITableService link = Poller.Link;
            long last = link.LastVerifiedReplyMs;
            bool keyRejected = link.ConsecutiveAuthenticationFailures > 0;
            if (last < 0)
            {
                return keyRejected ? "key_rejected" : "starting";
            }

            if (nowMs - last > LinkDownAfterMs)
            {
                return keyRejected ? "key_rejected" : "down";
            }

            switch (Poller.Phase)
            {
                case PollPhase.Starting:
                    return "starting";
                case PollPhase.Configuring:
                    return "configuring";
                default:
                    return "up";
            }
        }

        public bool LinkUp(long nowMs)
        {
            return nowMs <= LinkUpUntilMs();
        }

        /// <summary>The last clock time at which <see cref="LinkUp"/> is true without another verified reply (long.MinValue: never up).</summary>
        public long LinkUpUntilMs()
        {
            if (Poller == null || Poller.Link.LastVerifiedReplyMs < 0)
            {
                return long.MinValue;
            }

            return Poller.Link.LastVerifiedReplyMs + LinkDownAfterMs;
        }
    }
}
