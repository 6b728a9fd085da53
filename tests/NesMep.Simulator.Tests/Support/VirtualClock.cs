using NesMep.Core.Platform;

namespace NesMep.Simulator.Tests.Support;

/// <summary>Test clock: time moves only when the test says so.</summary>
public sealed class VirtualClock : IClock
{
    public VirtualClock(DateTime? epochUtc = null)
    {
        Epoch = epochUtc ?? new DateTime(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);
    }

    public DateTime Epoch { get; }

    public long NowMs { get; set; }

    public DateTime UtcNow => Epoch.AddMilliseconds(NowMs);

    public void Advance(long ms) => NowMs += ms;
}
