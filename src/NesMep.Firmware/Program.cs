using System.Threading;

namespace NesMep.Firmware
{
    /// <summary>Entry point of the device application: build everything, then the main thread becomes the supervisor.</summary>
    public static class Program
    {
        public static void Main()
        {
            FirmwareRoot root = FirmwareRoot.Build();
            root.Start();
            root.Supervise(); // never returns
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
