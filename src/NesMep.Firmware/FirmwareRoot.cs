using System;
using System.Device.Gpio;
using System.Net;
using System.Threading;
using nanoFramework.Runtime.Native;
using NesMep.Core.Api;
using NesMep.Core.Lifecycle;
using NesMep.Core.Module;
using NesMep.Core.Mqtt;
using NesMep.Core.Network;
using NesMep.Core.Platform;
using NesMep.Core.Provisioning;
using NesMep.Core.Settings;
using NesMep.Core.Time;
using NesMep.Core.Web;
using NesMep.Firmware.Lifecycle;
using NesMep.Firmware.Meter;
using NesMep.Firmware.Mqtt;
using NesMep.Firmware.Network;
using NesMep.Firmware.Platform;
using NesMep.Firmware.Security;
using NesMep.Firmware.Storage;
using NesMep.Firmware.Web;

namespace NesMep.Firmware
{
    /// <summary>
    /// The firmware's composition root: builds the adapters and hands them to the core, as the Linux host's ModuleHost
    /// and ModuleRuntime do. Threads (docs/firmware.md, "Threads and adapters"): the meter loop (above normal
    /// priority), the web loop, the MQTT loop, and this supervisor on the main thread, which also answers DNS/mDNS,
    /// samples free memory, gates the optional services on it, applies new settings, ticks the core's lifecycle (update
    /// trial, software watchdog over the other three threads, factory-reset button, status LED) and reboots when it says.
    /// </summary>
    internal sealed partial class FirmwareRoot
    {
        /// <summary>How often the supervisor samples memory and checks the other threads.</summary>
        public const int CheckIntervalMs = 10000;

        /// <summary>How often the supervisor ticks the lifecycle (watchdog, trial, a reboot that is due).</summary>
        public const int LifecycleTickMs = 1000;

        /// <summary>Longest wait on one UDP socket per supervisor turn (DNS and mDNS answers stay within it).</summary>
        private const int UdpWaitMs = 100;

        private readonly TickClock _tick = new TickClock();
        private readonly WallClock _clock;
        private readonly DeviceLog _log;
        private readonly FreeMemory _memory = new FreeMemory();
        private readonly FlashFileSystem _fs = new FlashFileSystem();
        private readonly LifecycleDriver _lifecycle;
        private WatchHandle? _mqttWatch;
        private readonly SettingsStore _store;
        private readonly WifiControl _wifi;
        private readonly ProvisioningDriver _network;
        private readonly TimeSync _time;
        private readonly GpioController _gpio = new GpioController();
        private SetupButton? _button;
        private Iot.Device.DhcpServer.DhcpServer? _dhcp;
        private readonly object _applyLock = new object();
        private ModuleSettings _settings = new ModuleSettings();
        private ModuleSettings? _pendingApply;
        private int _chip;
        private string _platform = "esp32";
        private MeterModule? _module;
        private MeterLoop? _meter;
        private WebApp? _web;
        private HttpLoop? _http;
        private MqttLoop? _mqtt;
        private bool _mqttWanted;
        private UdpResponder? _mdns;
        private UdpResponder? _dns;
        private MdnsResponder? _mdnsResponder;
        private string _mdnsAddress = "";

        private FirmwareRoot()
        {
            // The wall clock is the clock of everything (monotonic NowMs, real UtcNow once SNTP or the meter told it).
            _clock = new WallClock(_tick);
            _log = new DeviceLog(_clock);
            _store = new SettingsStore(_fs, FlashLayout.Settings);
            _wifi = new WifiControl(_log);
            FlashFileSystem.Prepare();
            _lifecycle = new LifecycleDriver(_fs, _clock, _log);
            _network = new ProvisioningDriver(_wifi, _fs, _tick, _log);
            _time = new TimeSync(_clock, _tick, _log);
        }

        /// <summary>The configured host name (mDNS), without ".local".</summary>
        public string Hostname
        {
            get { return _settings.Hostname; }
        }

        /// <summary>Loads the settings and picks the platform; nothing is started yet.</summary>
        public static FirmwareRoot Build()
        {
            FirmwareRoot root = new FirmwareRoot();
            root._lifecycle.Boot(); // first thing: the boot record, and the update sets' switch or rollback
            root.LoadSettings();
            root._chip = BoardPins.ChipOf(SystemInfo.TargetName);
            root._platform = root._chip == BoardPins.ChipEsp32C3 ? "esp32c3" : "esp32";
            root.StartButton(); // early: the factory reset watches it from power-up
            root._lifecycle.WatchButton(root._button, root.FactoryResetPaths());
            root._log.Write(LogLevel.Info, "NesMep " + new ModuleInfo().Version + " on " + SystemInfo.TargetName + " (nanoFramework " + SystemInfo.Version + "), free heap " + root._memory.Sample() + " B");
            return root;
        }

        /// <summary>The meter, then the network (the hardware RNG is only truly random with the radio on), then web and MQTT.</summary>
        public void Start()
        {
            StartMeter(); // first: the meter is read in every network state, also while a join is under way
            try
            {
                _network.Boot(_settings);
                if (_network.RebootWanted)
                {
                    Reboot("radio mode for " + ProvisioningState.Name(_network.Machine.State));
                }

                if (!_network.AccessPoint)
                {
                    _time.Start(_settings.TimeServers);
                }
            }
            catch (Exception e)
            {
                // No network is no reason not to read the meter: it is logged and the module goes on.
                _log.Write(LogLevel.Error, "wifi: " + e.GetType().Name + ": " + e.Message);
            }

            try
            {
                StartWeb();
            }
            catch (Exception e)
            {
                _log.Write(LogLevel.Error, "web: not started: " + e.GetType().Name + ": " + e.Message);
            }

            StartAccessPointServices();
            StartNameServices();
            _lifecycle.StartLed(_gpio, _settings.LedPin);
            _mqttWanted = _settings.MqttEnabled;
            TryStartMqtt();
        }

        private void LoadSettings()
        {
            FieldErrors problems = _store.Load(_settings);
            for (int i = 0; i < problems.Count; i++)
            {
                _log.Write(LogLevel.Warning, "settings: " + problems.Field(i) + ": " + problems.Message(i));
            }

            if (_store.KeptCopy != null)
            {
                _log.Write(LogLevel.Warning, "settings: the file had problems; a copy is kept as " + _store.KeptCopy);
            }

            _log.Minimum = _settings.LogLevel;
        }

        private void StartMeter()
        {
            AutoResetEvent wake = new AutoResetEvent(false);
            ModuleInfo template = new ModuleInfo { Platform = _platform, Hostname = _settings.Hostname, Memory = _memory, Boot = _lifecycle.Life.Records };
            DeviceMeterSideFactory factory = new DeviceMeterSideFactory(_chip, _gpio, _clock, _log, wake, template);
            MeterModule module;
            try
            {
                module = new MeterModule(factory, _settings, _clock, _log);
            }
            catch (Exception e)
            {
                // Bad board pins or key in the settings: read the meter with the chip's own module and the guide's key
                // rather than not at all; the web UI stays reachable to correct the settings.
                _log.Write(LogLevel.Error, "meter: cannot start with the saved settings (" + e.Message + "); using the chip's module pins");
                ModuleSettings fallback = _settings.Copy();
                fallback.BoardProfile = SettingsTable.BoardProfile.DefaultInt;
                fallback.MeterKey = "";
                module = new MeterModule(factory, fallback, _clock, _log);
            }

            _module = module;
            module.AddPart(new MeterClockFeed(module, _clock)); // the meter's BT52 clock feeds the wall clock
            module.AddPart(new MeterReadNote(module, _lifecycle.Life.Updates, _settings.ActiveKey.Length > 0)); // the update trial's "meter read"
            _meter = new MeterLoop(module, _clock, _log, wake);
            module.Waker = _meter;
            _meter.Start(new WatchHandle(_lifecycle.Life.Watchdog, "meter", LifecycleDriver.MeterLimitMs));
        }

        private void StartWeb()
        {
            PlatformHmac hmac = new PlatformHmac();
            DeviceWebPlatform platform = new DeviceWebPlatform(this, _store, _log, _network, _platform);
            _web = new WebApp(platform, hmac, new HardwareRandom(), _clock, _log, _settings, new ModuleInfo().Version);
            _web.Provisioning = _network.Machine;
            _web.Lifecycle = _lifecycle.Life; // the device capability: /api/v1/update (a 404 on Linux)
            Pbkdf2Calibration.Apply(_web, _tick); // before the web server starts: new hashes and the rehash cap from this device's speed
            if (!_memory.Allows(FreeMemory.WebFloorBytes))
            {
                _log.Write(LogLevel.Error, "web: not started: " + _memory.FreeBytes + " B free, " + FreeMemory.WebFloorBytes + " B needed");
                return;
            }

            PackAssets assets = new PackAssets(_lifecycle.Life.Updates, _fs, new ResourceAssets(new ModuleInfo().Version));
            HttpDispatcher dispatcher = new HttpDispatcher(_web, assets, HttpLoop.Slots, BodyWriter.DefaultChunkBytes);
            _http = new HttpLoop(dispatcher, _module!, _network, _clock, _log);
            _http.Watch(new WatchHandle(_lifecycle.Life.Watchdog, "web", LifecycleDriver.WebLimitMs), assets);
            _http.Start();
        }

        private void StartNameServices()
        {
            _mdnsAddress = _network.Address;
            try
            {
                byte[] address = IPAddress.Parse(_mdnsAddress).GetAddressBytes();
                _mdnsResponder = new MdnsResponder(_settings.Hostname, address, HttpLoop.Port);
                _mdns = new UdpResponder(_mdnsResponder, Dns.MdnsPort, true);
                Announce();
            }
            catch (Exception e)
            {
                _log.Write(LogLevel.Error, "mdns: not started: " + e.Message);
            }

        }

        /// <summary>DHCP (nanoFramework's soft access point hands out no addresses itself) and the captive DNS, once the access point is up.</summary>
        private void StartAccessPointServices()
        {
            if (!_network.AccessPointStarted || _dhcp != null)
            {
                return;
            }

            try
            {
                IPAddress address = new IPAddress(AccessPoint.Address());
                _dhcp = new Iot.Device.DhcpServer.DhcpServer();
                _dhcp.CaptivePortalUrl = AccessPoint.PortalUrl; // DHCP option 114 (RFC 8910) for the phones that read it
                if (!_dhcp.Start(address, IPAddress.Parse(WifiControl.ApMask)))
                {
                    _log.Write(LogLevel.Error, "dhcp: not started: phones joining the access point get no address");
                }
            }
            catch (Exception e)
            {
                _log.Write(LogLevel.Error, "dhcp: " + e.GetType().Name + ": " + e.Message);
            }

            if (_dns == null)
            {
                try
                {
                    _dns = new UdpResponder(new CaptiveDnsResponder(AccessPoint.Address()), Dns.DnsPort, false);
                }
                catch (Exception e)
                {
                    _log.Write(LogLevel.Error, "dns: captive responder not started: " + e.Message);
                }
            }
        }

        /// <summary>The setup button (the chip's BOOT pin) for the provisioning's long press.</summary>
        private void StartButton()
        {
            try
            {
                _button = new SetupButton(_gpio, _chip == BoardPins.ChipEsp32C3 ? SetupButton.Esp32C3Pin : SetupButton.Esp32Pin, new System.Threading.AutoResetEvent(false));
            }
            catch (Exception e)
            {
                _log.Write(LogLevel.Warning, "setup button: not available: " + e.Message);
            }
        }

        private void Announce()
        {
            if (_mdns == null || _mdnsResponder == null)
            {
                return;
            }

            byte[] packet = new byte[Dns.MaxUdpPayload * 2];
            int length = _mdnsResponder.Announce(packet);
            if (length > 0)
            {
                _mdns.SendToGroup(packet, length);
            }
        }

        /// <summary>
        /// MQTT when enabled and affordable: the free heap must cover the client (and TLS on top), and a TLS connection
        /// waits for a valid wall clock (the broker certificate's dates). Retried by <see cref="Check"/> until it starts.
        /// </summary>
        private void TryStartMqtt()
        {
            if (!_mqttWanted || _mqtt != null || _module == null)
            {
                return;
            }

            if (_network.AccessPoint)
            {
                return; // no broker is reachable from the setup access point
            }

            MqttSettings s = _settings.ToMqttSettings();
            long need = FreeMemory.MqttFloorBytes + (s.Tls ? FreeMemory.TlsExtraBytes : 0);
            if (!_memory.Allows(need))
            {
                _log.Write(LogLevel.Warning, "mqtt: waiting for memory: " + _memory.FreeBytes + " B free, " + need + " B needed" + (s.Tls ? " with TLS" : ""));
                return;
            }

            if (s.Tls && !(_clock.Valid && WallClock.Plausible(DateTime.UtcNow)))
            {
                _log.Write(LogLevel.Info, "mqtt: TLS waits for a valid wall clock (SNTP)");
                return;
            }

            string? invalid = s.Validate();
            if (invalid != null)
            {
                _log.Write(LogLevel.Error, "mqtt: not started: mqtt." + invalid);
                _mqttWanted = false;
                return;
            }

            if (s.ClientId.Length == 0)
            {
                s.ClientId = MqttSettings.DefaultClientId(_network.Machine.AccessPointSsid.Substring(AccessPoint.SsidPrefix.Length).ToLower());
            }

            if (s.ConfigurationUrl.Length == 0)
            {
                s.ConfigurationUrl = "http://" + _settings.Hostname + ".local/";
            }

            string? ca = s.Tls && s.CaFile.Length > 0 ? FlashLayout.Certificate(s.CaFile) : null;
            try
            {
                _mqtt = new MqttLoop(s, _module, _fs, ca, _clock, _log);
                if (_mqttWatch == null)
                {
                    _mqttWatch = new WatchHandle(_lifecycle.Life.Watchdog, "mqtt", LifecycleDriver.MqttLimitMs);
                }

                _mqtt.Start(_mqttWatch);
                _log.Write(LogLevel.Info, "mqtt: started for broker " + s.Host + ":" + s.EffectivePort + (s.Tls ? " (TLS)" : ""));
            }
            catch (Exception e)
            {
                _mqtt = null;
                _log.Write(LogLevel.Error, "mqtt: not started: " + e.GetType().Name + ": " + e.Message + "; retried in " + (CheckIntervalMs / 1000) + " s");
            }
        }

    }
}
