using System;
using System.Threading;
using NesMep.Core.Module;
using NesMep.Core.Platform;
using NesMep.Core.Web;
using NesMep.Firmware.Lifecycle;

namespace NesMep.Firmware.Meter
{
    /// <summary>
    /// The meter thread (above normal priority: a late read of the UART costs a retransmission): steps the core's
    /// <see cref="MeterModule"/> and sleeps until the time it returns, until the UART has bytes (DataReceived), or until
    /// something outside wakes it (a console read, new settings). New settings are applied on this thread, as the
    /// core asks. Mirrors the Linux host's ModuleRuntime.
    /// </summary>
    internal sealed class MeterLoop : IWake
    {
        private readonly MeterModule _module;
        private readonly IClock _clock;
        private readonly ILog _log;
        private readonly AutoResetEvent _wake;
        private readonly Thread _thread;
        private readonly object _applyLock = new object();
        private ModuleSettings? _pending;
        private int _lastApplyResult = -1;
        private WatchHandle? _watch;

        /// <param name="wake">Also the UART's data-arrived event (one event wakes the loop for either).</param>
        public MeterLoop(MeterModule module, IClock clock, ILog log, AutoResetEvent wake)
        {
            _module = module;
            _clock = clock;
            _log = log;
            _wake = wake;
            _thread = new Thread(Run);
            _thread.Priority = ThreadPriority.AboveNormal;
        }

        /// <summary>Result of the last applied settings (MeterModule.Applied/KeptPrevious/Failed), -1 before any.</summary>
        public int LastApplyResult
        {
            get { return _lastApplyResult; }
        }

        /// <summary>Starts the thread; <paramref name="watch"/> is its watchdog registration (a beat per step).</summary>
        public void Start(WatchHandle watch)
        {
            _watch = watch;
            _thread.Start();
        }

        public void Wake()
        {
            _wake.Set();
        }

        /// <summary>Applies <paramref name="settings"/> on the meter thread at its next wake-up.</summary>
        public void RequestApply(ModuleSettings settings)
        {
            lock (_applyLock)
            {
                _pending = settings;
            }

            _wake.Set();
        }

        private void Run()
        {
            while (true)
            {
                try
                {
                    ApplyPending();
                    long due = _module.Step();
                    _watch!.Beat();
                    long wait = due - _clock.NowMs;
                    if (wait > 0)
                    {
                        // AutoResetEvent.WaitOne takes an int; a far due time is cut to a minute (inside the watchdog's limit).
                        _wake.WaitOne(wait > 60000 ? 60000 : (int)wait, false);
                    }
                }
                catch (Exception e)
                {
                    // The step catches its own faults; this is one in the loop itself. Keep the thread alive.
                    _log.Write(LogLevel.Error, "meter loop: " + e.GetType().Name + ": " + e.Message);
                    Thread.Sleep(MeterModule.ErrorRetryMs);
                }
            }
        }

        private void ApplyPending()
        {
            ModuleSettings? next;
            lock (_applyLock)
            {
                next = _pending;
                _pending = null;
            }

            if (next != null)
            {
                _lastApplyResult = _module.ApplySettings(next);
            }
        }
    }
}
