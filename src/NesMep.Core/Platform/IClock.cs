using System;

namespace NesMep.Core.Platform
{
    /// <summary>
    /// Time source injected into every piece of core logic so tests can run under a virtual clock.
    /// </summary>
    public interface IClock
    {
        /// <summary>Monotonic milliseconds; never goes backwards, unrelated to the wall clock.</summary>
        long NowMs { get; }

        /// <summary>Wall-clock time in UTC (for timestamps only; never used for timeouts).</summary>
        DateTime UtcNow { get; }
    }
}
