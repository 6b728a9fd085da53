using NesMep.Core.Link;

namespace NesMep.Core.Polling
{
    /// <summary>One scheduled read (or procedure call) with its timing and last outcome.</summary>
    public sealed class PollItem
    {
        public readonly TableRequest Request = new TableRequest();

        public PollItem(int kind, string name)
        {
            Kind = kind;
            Name = name;
        }

        public int Kind { get; private set; }

        public string Name { get; private set; }

        /// <summary>0 for one-shot configuration reads.</summary>
        public int IntervalMs;

        public long DueMs;

        public bool Enabled;

        /// <summary>Configuration read finished (successfully or with a final meter refusal).</summary>
        public bool Done;

        public long LastOkMs = -1;

        /// <summary>Failures over the module's life (shown in /api/v1/status).</summary>
        public int Failures;

        /// <summary>Verified replies in a row that did not decode; limits the retries of a configuration read.</summary>
        public int DecodeFailures;

        /// <summary>Short reason of the last failure, or null.</summary>
        public string? LastError;

        /// <summary><paramref name="due"/> or the item's due time when it is enabled and earlier.</summary>
        public static long EarliestDue(long due, PollItem item)
        {
            return item.Enabled && item.DueMs < due ? item.DueMs : due;
        }
    }
}
