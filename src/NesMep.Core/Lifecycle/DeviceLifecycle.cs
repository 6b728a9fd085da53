using NesMep.Core.Api;
using NesMep.Core.Platform;

namespace NesMep.Core.Lifecycle
{
    /// <summary>
    /// What a device adapter holds for updates, the watchdog and boot records. The adapter supplies
    /// facts (files on I:\, the clock, "meter read", "UI served", "this thread is alive") and performs
    /// what <see cref="Tick"/> returns (reboot); it decides nothing itself. Order at start:
    /// <see cref="Boot"/> once, then serve the UI through <see cref="UpdateManager.TryFind"/>, register
    /// the threads with <see cref="Watchdog"/>, and call <see cref="Tick"/> every second or so from a
    /// thread of its own. The Linux host has none of this (docs/firmware.md, "Boot records").
    /// </summary>
    public sealed class DeviceLifecycle
    {
        private readonly object _sync = new object();
        private readonly IClock _clock;
        private long _bootMs;
        private long _rebootAtMs = long.MaxValue;

        public DeviceLifecycle(IAppendFileSystem fileSystem, string root, IClock clock, ISha256 sha)
        {
            _clock = clock;
            Updates = new UpdateManager(fileSystem, root, sha);
            Records = new BootRecords(fileSystem, root);
            Watchdog = new SoftwareWatchdog(clock);
        }

        public UpdateManager Updates { get; private set; }

        public BootRecords Records { get; private set; }

        public SoftwareWatchdog Watchdog { get; private set; }

        /// <summary>What the adapter should log after a <see cref="Tick"/> that did something; null otherwise.</summary>
        public string? Message { get; private set; }

        /// <summary>
        /// Once, first thing after power-up (and after a factory reset decision): records why this start
        /// happened and repairs, switches or rolls back the update sets. <paramref name="powerOnDetail"/>
        /// is kept when nobody asked for the reboot ("" or the platform's reset cause).
        /// </summary>
        public BootRecord Boot(string powerOnDetail)
        {
            _bootMs = _clock.NowMs;
            BootRecord record = Records.OnBoot(powerOnDetail);
            BootUpdateStep step = Updates.Boot(_bootMs);
            if (step == BootUpdateStep.RolledBack && record.Reason != BootReason.Rollback)
            {
                // A crash loop ends in a start nobody asked for; the rollback it caused is the news.
                Records.Amend(BootReason.Rollback, "after " + BootReason.Name(record.Reason) + ": " + Updates.State.LastRollback);
            }

            return Records.Last!; // OnBoot added one
        }

        /// <summary>
        /// Saves the reason, then has <see cref="Tick"/> return <see cref="LifecycleAction.Reboot"/>
        /// after <paramref name="delayMs"/> (time for an HTTP response to leave).
        /// </summary>
        public void RequestReboot(int reason, string detail, long delayMs)
        {
            long now = _clock.NowMs;
            Records.Prepare(reason, detail, IsoTime.Format(_clock.UtcNow), (now - _bootMs) / 1000);
            lock (_sync)
            {
                long at = now + delayMs;
                if (at < _rebootAtMs)
                {
                    _rebootAtMs = at;
                }
            }
        }

        /// <summary>
        /// An exception no thread handled: record it; the adapter reboots at once (it is the caller
        /// that knows the application is broken). Keep <paramref name="what"/> to the type and message.
        /// </summary>
        public void RecordCrash(string what)
        {
            long now = _clock.NowMs;
            Records.Prepare(BootReason.Crash, what, IsoTime.Format(_clock.UtcNow), (now - _bootMs) / 1000);
        }

        /// <summary>After a successful upload: reboot into the new set on trial.</summary>
        public void UploadComplete(string version)
        {
            RequestReboot(BootReason.UpdateTrial, "web UI " + version + " on trial", LifecycleLimits.RebootDelayMs);
        }

        /// <summary>
        /// Every second or so: the watchdog, the trial, a reboot that is due. Returns what the adapter
        /// must do now (<see cref="Message"/> says what happened, for the log).
        /// </summary>
        public LifecycleAction Tick()
        {
            long now = _clock.NowMs;
            Message = null;
            int stalled = Watchdog.Check(now);
            if (stalled >= 0)
            {
                string detail = Watchdog.Name(stalled) + " thread silent for " + (Watchdog.SilentMs(stalled, now) / 1000) +
                    " s (limit " + (Watchdog.LimitMs(stalled) / 1000) + " s)";
                RequestReboot(BootReason.Watchdog, detail, 0);
                Message = "watchdog: " + detail + "; rebooting";
            }

            TrialDecision d = Updates.Tick(now);
            if (d == TrialDecision.Confirmed)
            {
                Message = "the updated web UI confirmed itself";
            }
            else if (d == TrialDecision.RollBack)
            {
                RequestReboot(BootReason.Rollback, Updates.State.LastRollback, 0);
                Message = "the updated web UI did not confirm itself in time; rebooting to roll back";
            }

            lock (_sync)
            {
                return now >= _rebootAtMs ? LifecycleAction.Reboot : LifecycleAction.None;
            }
        }
    }
}
