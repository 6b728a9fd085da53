using NesMep.Core.Platform;

namespace NesMep.Core.Api
{
    /// <summary>What this module is, for /api/v1/info, the Dabbler JSON and MQTT device blocks.</summary>
    public sealed class ModuleInfo
    {
        /// <summary>Product name; the Dabbler contract's ESP_SW (Home Assistant shows it as the module model).</summary>
        public string Name = "NesMep";

        /// <summary>The Dabbler contract's ESP_SW_By (shown as the module manufacturer).</summary>
        public string Maker = "NesMep";

        public string Version = "0.1.0";

        /// <summary>"linux" or "esp32"/"esp32c3".</summary>
        public string Platform = "linux";

        /// <summary>Human description of where the meter is read from (e.g. "simulated meter", "/dev/ttyUSB0").</summary>
        public string Source = "";

        /// <summary>Configured host name (mDNS on the device).</summary>
        public string Hostname = "esp32-mep";

        /// <summary>Free managed memory (the device); null on Linux, where status and /metrics leave it out.</summary>
        public IMemoryInfo? Memory;

        /// <summary>Why the module last started, and before (device only; null on Linux, see docs/firmware.md "Boot records").</summary>
        public NesMep.Core.Lifecycle.BootRecords? Boot;
    }
}
