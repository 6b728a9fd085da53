using System;
using System.Threading;
using nanoFramework.Runtime.Native;

namespace NesMep.Firmware
{
    /// <summary>
    /// Entry point of the device application: build everything, then the main thread becomes the supervisor. An
    /// exception that reaches here is recorded as a "crash" boot record and the module reboots (docs/firmware.md,
    /// "Boot records"); a crash loop during an update trial is what rolls the update back.
    /// </summary>
    public static class Program
    {
        public static void Main()
        {
            FirmwareRoot? root = null;
            try
            {
                root = FirmwareRoot.Build();
                root.Start();
                root.Supervise(); // never returns
            }
            catch (Exception e)
            {
                if (root != null)
                {
                    root.Crash(e); // records, then reboots
                }

                Power.RebootDevice();
            }

            Thread.Sleep(Timeout.Infinite);
        }
    }
}
