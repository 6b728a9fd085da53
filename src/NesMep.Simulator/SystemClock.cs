using System.Diagnostics;
using NesMep.Core.Platform;

namespace NesMep.Simulator;

/// <summary>
/// Real clock for the simulator when it serves a TCP client or a pty (see <see cref="SimulatorPump"/>).
/// NowMs is monotonic (Stopwatch timestamps, finer than Environment.TickCount64's coarse tick on
/// Linux, which matters for 1 ms byte timing); UtcNow is the wall clock.
/// </summary>
public sealed class SystemClock : IClock
{
    private static readonly long Start = Stopwatch.GetTimestamp();

    public static readonly SystemClock Instance = new();

    public long NowMs => (long)((Stopwatch.GetTimestamp() - Start) * 1000.0 / Stopwatch.Frequency);

    public DateTime UtcNow => DateTime.UtcNow;
}
