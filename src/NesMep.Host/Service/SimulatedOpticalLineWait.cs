using NesMep.Host.Transports;

namespace NesMep.Host.Service;

/// <summary>
/// The data-arrived wake of the built-in simulator's optical port: the port has no receive-event model like the
/// MEP line, so the module is polled every few milliseconds (its reads tick the port); returns early when the
/// module thread is woken (stop, new settings, a console read).
/// </summary>
internal sealed class SimulatedOpticalLineWait : IDataArrivedWait
{
    private const int PollMs = 5;

    private readonly ManualResetEventSlim _wake;

    public SimulatedOpticalLineWait(ManualResetEventSlim wake)
    {
        _wake = wake;
    }

    public int SliceMs => PollMs;

    public bool WaitReadable(int timeoutMs)
    {
        // True after the slice: the module polls, its read ticks the simulated port and takes what it sent.
        return !_wake.Wait(Math.Max(1, Math.Min(timeoutMs, PollMs)));
    }
}
