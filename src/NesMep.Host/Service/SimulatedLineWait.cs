using NesMep.Core.Platform;
using NesMep.Host.Transports;
using NesMep.Simulator;

namespace NesMep.Host.Service;

/// <summary>
/// The data-arrived wake of the built-in simulated meter: sleeps until the modelled UART would signal received
/// bytes (<see cref="SimulatedLine.NextReceiveEventAtMs"/>), ticking the meter when a request it received is
/// due, and returns early when the module thread is woken (stop, new settings, a console read).
/// </summary>
internal sealed class SimulatedLineWait : IDataArrivedWait
{
    private readonly SimulatedLine _line;
    private readonly IClock _clock;
    private readonly ManualResetEventSlim _wake;

    public SimulatedLineWait(SimulatedLine line, IClock clock, ManualResetEventSlim wake)
    {
        _line = line;
        _clock = clock;
        _wake = wake;
    }

    /// <summary>The wait ends on the wake event, so it need not be sliced.</summary>
    public int SliceMs => int.MaxValue;

    public bool WaitReadable(int timeoutMs)
    {
        long end = _clock.NowMs + timeoutMs;
        while (true)
        {
            _line.Meter.Tick();
            long now = _clock.NowMs;
            long? bytes = _line.NextReceiveEventAtMs;
            if (bytes is long at && at <= now)
            {
                return true;
            }

            if (now >= end)
            {
                return false;
            }

            long until = Math.Min(end, Math.Min(bytes ?? long.MaxValue, _line.Meter.NextRequestDueAtMs ?? long.MaxValue));
            if (_wake.Wait((int)Math.Max(1, until - now)))
            {
                return false;
            }
        }
    }
}
