namespace NesMep.Core.Platform
{
    /// <summary>
    /// Free managed memory, on platforms where it is the budget (the ESP32 firmware samples it on its supervisor
    /// thread; reading it here never runs a collection). The Linux host has none: the status page and /metrics
    /// then leave the figure out.
    /// </summary>
    public interface IMemoryInfo
    {
        /// <summary>Free managed heap in bytes at the last sample; -1 before the first one.</summary>
        long FreeBytes { get; }
    }
}
