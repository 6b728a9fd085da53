namespace NesMep.Core.NanoTests.Support
{
    /// <summary>
    /// Free managed memory as the runtime reports it. On nanoFramework GC.Run(true) collects and compacts,
    /// then returns the free heap, so two readings differ by what was retained in between. Under the net10
    /// runner the same call returns a figure that falls by every byte this thread allocated, which is
    /// stricter (garbage counts too). Fully qualified: System.GC exists on both runtimes.
    /// </summary>
    public static class MemoryProbe
    {
        public static uint FreeBytes()
        {
            return nanoFramework.Runtime.Native.GC.Run(true);
        }
    }
}
