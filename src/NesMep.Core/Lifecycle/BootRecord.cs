namespace NesMep.Core.Lifecycle
{
    /// <summary>One start of the module and why it happened.</summary>
    public sealed class BootRecord
    {
        public BootRecord(int boot, int reason, string detail, string? atUtc, long uptimeS)
        {
            Boot = boot;
            Reason = reason;
            Detail = detail;
            AtUtc = atUtc;
            UptimeS = uptimeS;
        }

        /// <summary>Number of this start, counting from the first one recorded (1).</summary>
        public int Boot { get; private set; }

        /// <summary>A <see cref="BootReason"/> value.</summary>
        public int Reason { get; private set; }

        /// <summary>Which thread, which exception, which set; "" when there is nothing to add.</summary>
        public string Detail { get; private set; }

        /// <summary>When the reboot was asked for (ISO 8601 UTC); null when unknown (power cut, no wall clock yet).</summary>
        public string? AtUtc { get; private set; }

        /// <summary>How long the run before it lasted, in s; -1 when unknown (nobody asked for the reboot).</summary>
        public long UptimeS { get; private set; }

        internal BootRecord WithReason(int reason, string detail)
        {
            return new BootRecord(Boot, reason, detail, AtUtc, UptimeS);
        }
    }
}
