using NesMep.Core.Api;
using NesMep.Core.Model;
using NesMep.Core.Module;
using NesMep.Core.Platform;
using NesMep.Core.Polling;
using NesMep.Host.Transports;
using NesMep.Simulator;

namespace NesMep.Host.Service;

/// <summary>
/// The Linux host's composition root for the core <see cref="MeterModule"/> plus the thread that drives it:
/// call <see cref="MeterModule.Step"/>, then sleep until the time it returns, until the transport has bytes
/// (its data-arrived wake), or until <see cref="Wake"/> — no polling every few milliseconds. New settings are
/// applied on this thread too (<see cref="ApplyAsync"/>). Views read <see cref="Context"/> under <see cref="Gate"/>.
/// </summary>
public sealed class ModuleRuntime : IDisposable, IWake
{
    private readonly ILog _log;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _wake = new();
    private readonly object _applyLock = new();
    private (HostConfig Config, TaskCompletionSource<int> Done)? _pendingApply;
    private volatile bool _stop;
    private long _wakeups;

    public ModuleRuntime(HostConfig config, IClock clock, ILog log, ModuleInfo info)
    {
        _log = log;
        Clock = clock;
        bool first = true;
        var factory = new HostMeterSideFactory(clock, log, _wake, c =>
        {
            if (first)
            {
                first = false;
                return info;
            }

            return new ModuleInfo { Version = info.Version, Platform = info.Platform, Maker = info.Maker, Name = info.Name, Hostname = c.Web.Hostname };
        });
        Module = new MeterModule(factory, config, clock, log) { Waker = this };
        _thread = new Thread(Loop) { IsBackground = true, Name = "mep-poll" };
    }

    public MeterModule Module { get; }

    /// <summary>Lock to hold while reading anything in <see cref="Context"/>.</summary>
    public object Gate => Module.Gate;

    public IClock Clock { get; }

    public ModuleContext Context => Module.Context;

    public MeterPoller Poller => Module.Side.Poller;

    public MeterReading Reading => Module.Side.Reading;

    /// <summary>The built-in simulated meter, or null when reading a real one.</summary>
    public MeterSimulator? Simulator => (Module.Side.Resources as MeterSideResources)?.Simulator;

    /// <summary>The settings the meter side runs with (the previous ones after a fallback).</summary>
    public HostConfig Settings => (HostConfig)Module.Settings;

    /// <summary>Times the thread woke up (a step, bytes, a wake, or the end of a wait slice).</summary>
    public long Wakeups => Interlocked.Read(ref _wakeups);

    /// <summary>True while the module thread runs.</summary>
    internal bool IsPolling => _thread.IsAlive;

    public void Start() => _thread.Start();

    /// <summary>Wakes the module thread now (a console read was queued, new settings, stop).</summary>
    public void Wake() => _wake.Set();

    /// <summary>
    /// Applies new settings on the module thread; completes with <see cref="MeterModule.Applied"/>,
    /// <see cref="MeterModule.KeptPrevious"/> or <see cref="MeterModule.Failed"/> (see <see cref="MeterModule.FailureReason"/>).
    /// </summary>
    public Task<int> ApplyAsync(HostConfig config)
    {
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_applyLock)
        {
            if (_stop)
            {
                done.SetResult(MeterModule.KeptPrevious); // shutting down: nothing may start any more
                return done.Task;
            }

            if (!_thread.IsAlive)
            {
                done.SetResult(Module.ApplySettings(config)); // not started: nothing else steps the module
                return done.Task;
            }

            _pendingApply = (config, done);
        }

        Wake();
        return done.Task;
    }

    public void Dispose()
    {
        lock (_applyLock)
        {
            _stop = true;
        }

        _wake.Set();
        // Longer than one TCP connect attempt (3 s), so the transport is never closed under the
        // thread and a connection made in that moment is not left open.
        if (_thread.IsAlive && !_thread.Join(10_000))
        {
            _log.Write(LogLevel.Error, "meter poll thread did not stop within 10 s");
        }

        Module.Close();
    }

    private void Loop()
    {
        while (!_stop)
        {
            try
            {
                _wake.Reset();
                ApplyPending();
                WaitUntil(Module.Step());
            }
            catch (Exception e)
            {
                // The step catches its own faults; this is a fault in the loop itself. Keep the thread alive.
                _log.Write(LogLevel.Error, "meter poll loop: " + e.GetType().Name + ": " + e.Message + "; polling goes on");
                _wake.Wait(MeterModule.ErrorRetryMs);
            }
        }

        lock (_applyLock)
        {
            _pendingApply?.Done.TrySetResult(MeterModule.KeptPrevious);
            _pendingApply = null;
        }
    }

    private void ApplyPending()
    {
        (HostConfig Config, TaskCompletionSource<int> Done)? pending;
        lock (_applyLock)
        {
            pending = _pendingApply;
            _pendingApply = null;
        }

        if (pending != null)
        {
            pending.Value.Done.TrySetResult(Module.ApplySettings(pending.Value.Config));
        }
    }

    /// <summary>Sleeps until <paramref name="dueMs"/>, bytes from the meter, or a wake.</summary>
    private void WaitUntil(long dueMs)
    {
        while (!_stop && !_wake.IsSet)
        {
            long left = dueMs - Clock.NowMs;
            if (left <= 0)
            {
                return;
            }

            var resources = Module.Side.Resources as MeterSideResources;
            IDataArrivedWait? data = resources?.Wait;
            IMeterConnection? connection = Module.Side.Connection;
            try
            {
                if (data == null || connection is { IsConnected: false } || Module.FailureReason != null)
                {
                    _wake.Wait((int)Math.Min(left, int.MaxValue));
                    Interlocked.Increment(ref _wakeups);
                    continue;
                }

                bool bytes = data.WaitReadable((int)Math.Min(left, data.SliceMs));
                Interlocked.Increment(ref _wakeups);
                if (bytes)
                {
                    return;
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // A vanished USB adapter: the step reports it; wait before trying again.
                _log.Write(LogLevel.Error, "meter transport: " + e.Message);
                _wake.Wait(MeterModule.ErrorRetryMs);
                return;
            }
        }
    }
}
