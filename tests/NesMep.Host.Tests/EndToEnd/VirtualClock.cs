using NesMep.Core.Platform;

namespace NesMep.Host.Tests.EndToEnd;

/// <summary>Test clock: time only moves when the test calls <see cref="Advance"/>.</summary>
internal sealed class VirtualClock : IClock
{
    private readonly DateTime _startUtc;

    public VirtualClock(DateTime startUtc, long startMs = 0)
    {
        _startUtc = DateTime.SpecifyKind(startUtc, DateTimeKind.Utc);
        NowMs = startMs;
    }

    public long NowMs { get; private set; }

    public DateTime UtcNow => _startUtc.AddMilliseconds(NowMs);

    public void Advance(long ms)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ms);
        NowMs += ms;
    }
}
