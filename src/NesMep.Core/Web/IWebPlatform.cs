using NesMep.Core.Json;

namespace NesMep.Core.Web
{
    /// <summary>What the web side needs from the platform it runs on (Linux host or ESP32 firmware).</summary>
    public interface IWebPlatform
    {
        /// <summary>"linux", "esp32", "esp32c3"; the UI hides device-only pages on "linux".</summary>
        string Platform { get; }

        /// <summary>Whether the Wi-Fi settings exist (device only).</summary>
        bool HasWifi { get; }

        /// <summary>
        /// Stores the settings atomically (temp file + rename) so a crash keeps the previous ones.
        /// Returns null on success, else why nothing was saved.
        /// </summary>
        string? Save(ModuleSettings settings);

        /// <summary>Starts using saved settings (restart meter runtime and MQTT) once the current response is out.</summary>
        void Apply(ModuleSettings settings);

        /// <summary>Recent log lines, oldest first.</summary>
        string[] RecentLogLines();

        /// <summary>Writes the "network" object for the status page (address, Wi-Fi state, …).</summary>
        void WriteNetwork(JsonWriter w);
    }
}
