using NesMep.Core.Lifecycle;

namespace NesMep.Firmware.Lifecycle
{
    /// <summary>
    /// One thread's registration with the core's <see cref="SoftwareWatchdog"/> (docs/firmware.md, "Software
    /// watchdog"): registered once by the composition root, so a loop that is stopped and started again (MQTT after
    /// new settings) keeps its slot instead of using up the watchdog's few.
    /// </summary>
    internal sealed class WatchHandle
    {
        private readonly SoftwareWatchdog _dog;
        private readonly int _id;

        public WatchHandle(SoftwareWatchdog dog, string name, long limitMs)
        {
            _dog = dog;
            _id = dog.Register(name, limitMs);
        }

        /// <summary>The thread is alive and working.</summary>
        public void Beat()
        {
            _dog.Beat(_id);
        }

        /// <summary>The thread waits for outside work (or has ended): not a stall until the next <see cref="Beat"/>.</summary>
        public void Idle()
        {
            _dog.Idle(_id);
        }
    }
}
