// net10 stand-in for nanoFramework.Runtime.Native.GC, used by the device tests' MemoryProbe. On a device,
// Run(true) collects and returns the free heap. Here it returns a number that falls by every byte the calling
// thread has allocated, so two readings differ by what the code in between allocated — garbage included,
// which makes the check stricter than on the device (where only retained memory shows).
namespace nanoFramework.Runtime.Native
{
    public static class GC
    {
        public static uint Run(bool compactHeap)
        {
            return unchecked(uint.MaxValue - (uint)System.GC.GetAllocatedBytesForCurrentThread());
        }
    }
}
