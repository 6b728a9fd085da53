using System;
using NesMep.Core.Platform;

namespace NesMep.Firmware.Platform
{
    /// <summary>
    /// The core's clock on the device: Environment.TickCount64 (nanoFramework.Runtime.Native) counts milliseconds since
    /// boot and never goes back, whatever SNTP or the meter's clock do to DateTime.UtcNow.
    /// </summary>
    internal sealed class TickClock : IClock
    {
        public long NowMs
        {
            get { return Environment.TickCount64; }
        }

        public DateTime UtcNow
        {
            get { return DateTime.UtcNow; }
        }
    }
}
