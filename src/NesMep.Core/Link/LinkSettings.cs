using NesMep.Core.Settings;
using NesMep.Core.Web;

namespace NesMep.Core.Link
{
    /// <summary>Timing and retry knobs of the MEP link (defaults from protocol reference §3.8).</summary>
    public sealed class LinkSettings
    {
        /// <summary>Line speed; used to know when the last request byte has left the wire.</summary>
        public int BaudRate = SettingsTable.MeterBaud.DefaultInt;

        /// <summary>Reply must start this long after the last request byte, else the identical frame is resent (§3.8).</summary>
        public int ResponseTimeoutMs = SettingsTable.LinkResponseTimeoutMs.DefaultInt;

        /// <summary>Silence inside a reply that ends it as truncated. The meter pauses 25 ms per 117 bytes.</summary>
        public int InterByteGapMs = SettingsTable.LinkInterByteGapMs.DefaultInt;

        /// <summary>The meter processes at most one request per 100 ms (§3.8).</summary>
        public int MinRequestGapMs = SettingsTable.LinkMinRequestGapMs.DefaultInt;

        /// <summary>Transmissions without any reply before the transceiver is reset.</summary>
        public int SilentAttemptsBeforeReset = SettingsTable.LinkSilentAttempts.DefaultInt;

        /// <summary>
        /// Transceiver resets for one request before it is given up, so one request the meter never
        /// answers cannot hold the whole schedule (the scheduler retries it later).
        /// </summary>
        public int MaxResetsPerRequest = SettingsTable.LinkMaxResets.DefaultInt;

        /// <summary>How long the transceiver stays off during a reset.</summary>
        public int ResetOffMs = SettingsTable.LinkResetOffMs.DefaultInt;

        /// <summary>Wait after power returns before sending again (line settles, input drained).</summary>
        public int ResetSettleMs = SettingsTable.LinkResetSettleMs.DefaultInt;

        /// <summary>Back-to-back 0x0C replies to one request before it is given up (a fresh request follows).</summary>
        public int MaxSequenceRetries = SettingsTable.LinkMaxSequenceRetries.DefaultInt;

        /// <summary>Replies rejected (bad digest, wrong shape) for one request before it is given up.</summary>
        public int MaxBadReplies = SettingsTable.LinkMaxBadReplies.DefaultInt;

        /// <summary>First wait after a 0x0B; doubles per consecutive 0x0B up to the maximum.</summary>
        public int AuthBackoffMinMs = SettingsTable.LinkAuthBackoffMinMs.DefaultInt;

        public int AuthBackoffMaxMs = SettingsTable.LinkAuthBackoffMaxMs.DefaultInt;

        /// <summary>Null when valid, else the first problem as "section.key: what is wrong (allowed)" (ranges in SettingsTable).</summary>
        public string? Validate()
        {
            ModuleSettings s = new ModuleSettings();
            s.Link = this;
            return SettingsValidator.FirstError(s, true);
        }
    }
}
