using NesMep.Core.Platform;

namespace NesMep.Core.Lifecycle
{
    /// <summary>
    /// A supervisor for the long-running threads (nanoFramework has no managed hardware watchdog on
    /// ESP32, shared/reference/nanoframework.md "Watchdog"): each registers with a limit and beats
    /// while it works; <see cref="Check"/> names the first thread that has been busy longer than its
    /// limit without a beat. A thread about to wait for outside work (the web worker in its accept)
    /// calls <see cref="Idle"/> and is not watched until it beats again. Threads call in concurrently.
    /// </summary>
    public sealed class SoftwareWatchdog
    {
        public const int MaxThreads = 8;

        private readonly object _sync = new object();
        private readonly IClock _clock;
        private readonly string[] _names = new string[MaxThreads];
        private readonly long[] _limits = new long[MaxThreads];
        private readonly long[] _lastBeat = new long[MaxThreads];
        private readonly bool[] _idle = new bool[MaxThreads];
        private int _count;

        public SoftwareWatchdog(IClock clock)
        {
            _clock = clock;
        }

        /// <summary>Watches a thread from now on; returns its id for <see cref="Beat"/>.</summary>
        public int Register(string name, long limitMs)
        {
            lock (_sync)
            {
                if (_count == MaxThreads)
                {
                    throw new System.InvalidOperationException("the watchdog watches at most " + MaxThreads + " threads");
                }

                int id = _count++;
                _names[id] = name;
                _limits[id] = limitMs;
                _lastBeat[id] = _clock.NowMs;
                _idle[id] = false;
                return id;
            }
        }

        /// <summary>The thread is alive and working.</summary>
        public void Beat(int id)
        {
            lock (_sync)
            {
                _lastBeat[id] = _clock.NowMs;
                _idle[id] = false;
            }
        }

        /// <summary>The thread is about to wait for outside work (not a stall); the next <see cref="Beat"/> watches it again.</summary>
        public void Idle(int id)
        {
            lock (_sync)
            {
                _idle[id] = true;
            }
        }

        public string Name(int id)
        {
            return _names[id];
        }

        public long LimitMs(int id)
        {
            return _limits[id];
        }

        /// <summary>How long thread <paramref name="id"/> has gone without a beat (0 while idle).</summary>
        public long SilentMs(int id, long nowMs)
        {
            lock (_sync)
            {
                return _idle[id] ? 0 : nowMs - _lastBeat[id];
            }
        }

        /// <summary>The id of a busy thread silent past its limit, or -1 when all are well.</summary>
        public int Check(long nowMs)
        {
            lock (_sync)
            {
                for (int i = 0; i < _count; i++)
                {
                    if (!_idle[i] && nowMs - _lastBeat[i] > _limits[i])
                    {
                        return i;
                    }
                }

                return -1;
            }
        }
    }
}
