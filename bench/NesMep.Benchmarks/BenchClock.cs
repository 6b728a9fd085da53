using NesMep.Core.Platform;

namespace NesMep.Benchmarks;

/// <summary>Virtual clock: time moves only when the harness advances it. Allocation-free.</summary>
public sealed class BenchClock : IClock
{
    public static readonly DateTime Epoch = new(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);

    public long NowMs { get; set; }

    public DateTime UtcNow => Epoch.AddMilliseconds(NowMs);
}
