using NesMep.Core.Json;
using NesMep.Core.Platform;
using NesMep.Core.Settings;
using NesMep.Core.Web;
using NesMep.Firmware.Network;
using NesMep.Firmware.Platform;

namespace NesMep.Firmware.Web
{
    /// <summary>
    /// The web UI's view of the device (core <see cref="IWebPlatform"/>): settings saved crash-safely on I:\ through the
    /// core's SettingsStore (SafeFileStore underneath), new settings applied by the supervisor thread after the response
    /// is out, the log page from the log ring, the network block of the status page. Mirrors HostWebPlatform.
    /// </summary>
    internal sealed class DeviceWebPlatform : IWebPlatform
    {
        private readonly FirmwareRoot _root;
        private readonly SettingsStore _store;
        private readonly DeviceLog _log;
        private readonly INetworkMode _network;
        private readonly string _platform;

        public DeviceWebPlatform(FirmwareRoot root, SettingsStore store, DeviceLog log, INetworkMode network, string platform)
        {
            _root = root;
            _store = store;
            _log = log;
            _network = network;
            _platform = platform;
        }

        public string Platform
        {
            get { return _platform; }
        }

        public bool HasWifi
        {
            get { return true; }
        }

        public string? Save(ModuleSettings settings)
        {
            string? error = _store.Save(settings, 0, 0, null);
            if (error != null)
            {
                _log.Write(LogLevel.Error, "settings: not saved: " + error);
            }

            return error;
        }

        public void Apply(ModuleSettings settings)
        {
            _root.RequestApply(settings.Copy());
        }

        public string[] RecentLogLines()
        {
            lock (_log.Ring)
            {
                return _log.Ring.Snapshot();
            }
        }

        public void WriteNetwork(JsonWriter w)
        {
            w.BeginObject();
            w.Property("kind", "wifi");
            w.Property("mode", _network.AccessPoint ? "access_point" : "station");
            w.Property("address", _network.Address);
            w.Property("hostname", _root.Hostname + ".local");
            w.EndObject();
        }
    }
}
