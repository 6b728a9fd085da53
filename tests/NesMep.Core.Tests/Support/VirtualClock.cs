using NesMep.Core.Platform;

namespace NesMep.Core.Tests.Support;

/// <summary>Test clock: time moves only when the test says so.</summary>
public sealed class VirtualClock : IClock
{
    public static readonly DateTime Epoch = new(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);

    public long NowMs { get; set; }

    public DateTime UtcNow => Epoch.AddMilliseconds(NowMs);

    public void Advance(long ms) => NowMs += ms;
}
