using System;
using System.Device.Gpio;
using System.Net;
using System.Threading;
using nanoFramework.Runtime.Native;
using NesMep.Core.Api;
using NesMep.Core.Module;
using NesMep.Core.Mqtt;
using NesMep.Core.Network;
using NesMep.Core.Platform;
using NesMep.Core.Settings;
using NesMep.Core.Web;
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
    /// samples free memory, gates the optional services on it, applies new settings and reboots a stuck module.
    /// </summary>
    internal sealed class FirmwareRoot
    {
        /// <summary>How often the supervisor samples memory and checks the other threads.</summary>
        public const int CheckIntervalMs = 10000;

        /// <summary>A meter loop silent this long is stuck: the module reboots (there is no managed watchdog on ESP32).</summary>
        public const int MeterStallS = 120;

        /// <summary>Longest wait on one UDP socket per supervisor turn (DNS and mDNS answers stay within it).</summary>
        private const int UdpWaitMs = 100;

        private readonly TickClock _clock = new TickClock();
        private readonly DeviceLog _log;
        private readonly FreeMemory _memory = new FreeMemory();
        private readonly FlashFileSystem _fs = new FlashFileSystem();
        private readonly SettingsStore _store;
        private readonly WifiControl _wifi;
        private readonly ProvisioningSeam _network;
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
            _log = new DeviceLog(_clock);
            _store = new SettingsStore(_fs, FlashLayout.Settings);
            _wifi = new WifiControl(_log);
            _network = new ProvisioningSeam(_wifi);
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
            root.LoadSettings();
            root._chip = BoardPins.ChipOf(SystemInfo.TargetName);
            root._platform = root._chip == BoardPins.ChipEsp32C3 ? "esp32c3" : "esp32";
            root._log.Write(LogLevel.Info, "NesMep " + new ModuleInfo().Version + " on " + SystemInfo.TargetName + " (nanoFramework " + SystemInfo.Version + "), free heap " + root._memory.Sample() + " B");
            return root;
        }

        /// <summary>Network first (the hardware RNG is only truly random with the radio on), then the meter, web and MQTT.</summary>
        public void Start()
        {
            if (_network.Decide(_settings, _log))
            {
                Reboot("Wi-Fi configuration changed");
            }

            if (!_network.AccessPoint)
            {
                TimeSync.Start(_settings.TimeServers, _log);
            }

            StartMeter();
            StartWeb();
            StartNameServices();
            _mqttWanted = _settings.MqttEnabled;
            TryStartMqtt();
        }

        /// <summary>The supervisor loop on the main thread; never returns.</summary>
        public void Supervise()
        {
            long nextCheck = _clock.NowMs + CheckIntervalMs;
            long announceAgain = _clock.NowMs + 1000;
            while (true)
            {
                try
                {
                    ServeUdp();
                    long now = _clock.NowMs;
                    if (announceAgain > 0 && now >= announceAgain)
                    {
                        Announce(); // RFC 6762 §8.3: a second announcement a second after the first
                        announceAgain = 0;
                    }

                    ApplyPending();
                    if (now >= nextCheck)
                    {
                        nextCheck = now + CheckIntervalMs;
                        Check();
                    }
                }
                catch (Exception e)
                {
                    _log.Write(LogLevel.Error, "supervisor: " + e.GetType().Name + ": " + e.Message);
                    Thread.Sleep(1000);
                }
            }
        }

        /// <summary>New settings saved by the web UI: applied on the supervisor thread after the response is out.</summary>
        public void RequestApply(ModuleSettings settings)
        {
            lock (_applyLock)
            {
                _pendingApply = settings;
            }
        }

        private void LoadSettings()
        {
            FlashFileSystem.Prepare();
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
            ModuleInfo template = new ModuleInfo { Platform = _platform, Hostname = _settings.Hostname, Memory = _memory };
            DeviceMeterSideFactory factory = new DeviceMeterSideFactory(_chip, new GpioController(), _clock, _log, wake, template);
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
            _meter = new MeterLoop(module, _clock, _log, wake);
            module.Waker = _meter;
            _meter.Start();
        }

        private void StartWeb()
        {
            PlatformHmac hmac = new PlatformHmac();
            DeviceWebPlatform platform = new DeviceWebPlatform(this, _store, _log, _network, _platform);
            _web = new WebApp(platform, hmac, new HardwareRandom(), _clock, _log, _settings, new ModuleInfo().Version);
            _web.PasswordIterations = PasswordCalibration.Rounds(hmac, _clock, _log);
            if (!_memory.Allows(FreeMemory.WebFloorBytes))
            {
                _log.Write(LogLevel.Error, "web: not started: " + _memory.FreeBytes + " B free, " + FreeMemory.WebFloorBytes + " B needed");
                return;
            }

            HttpDispatcher dispatcher = new HttpDispatcher(_web, new ResourceAssets(new ModuleInfo().Version), HttpLoop.Slots, BodyWriter.DefaultChunkBytes);
            _http = new HttpLoop(dispatcher, _module!, _network, _clock, _log);
            _http.Start();
        }

        private void StartNameServices()
        {
            _mdnsAddress = _network.Address;
            byte[] address = IPAddress.Parse(_mdnsAddress).GetAddressBytes();
            _mdnsResponder = new MdnsResponder(_settings.Hostname, address, HttpLoop.Port);
            try
            {
                _mdns = new UdpResponder(_mdnsResponder, Dns.MdnsPort, true);
                Announce();
            }
            catch (Exception e)
            {
                _log.Write(LogLevel.Error, "mdns: not started: " + e.Message);
            }

            if (_network.AccessPoint)
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

        private void ServeUdp()
        {
            bool busy = false;
            if (_dns != null)
            {
                busy = _dns.Serve(_mdns == null ? UdpWaitMs : 0);
            }

            if (_mdns != null)
            {
                busy |= _mdns.Serve(busy ? 0 : UdpWaitMs);
            }

            if (_dns == null && _mdns == null)
            {
                Thread.Sleep(UdpWaitMs);
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

            if (s.Tls && !TimeSync.Valid)
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
                s.ClientId = MqttSettings.DefaultClientId(_wifi.AccessPointName().Substring(7).ToLower());
            }

            if (s.ConfigurationUrl.Length == 0)
            {
                s.ConfigurationUrl = "http://" + _settings.Hostname + ".local/";
            }

            string? ca = s.Tls && s.CaFile.Length > 0 ? FlashLayout.Certificate(s.CaFile) : null;
            _mqtt = new MqttLoop(s, _module, _fs, ca, _clock, _log);
            _mqtt.Start();
            _log.Write(LogLevel.Info, "mqtt: started for broker " + s.Host + ":" + s.EffectivePort + (s.Tls ? " (TLS)" : ""));
        }

        private void ApplyPending()
        {
            ModuleSettings? next;
            lock (_applyLock)
            {
                next = _pendingApply;
                _pendingApply = null;
            }

            if (next == null)
            {
                return;
            }

            _log.Write(LogLevel.Info, "new settings: " + _settings.DescribeChanges(next));
            bool network = next.WifiSsid != _settings.WifiSsid || next.WifiPassword != _settings.WifiPassword;
            bool hostname = next.Hostname != _settings.Hostname;
            if (network || hostname)
            {
                // nanoFramework applies Wi-Fi changes at boot; the mDNS name is announced at start.
                StopMqtt();
                _settings = next;
                if (_network.Decide(next, _log) || hostname)
                {
                    Reboot("new network settings");
                }
            }

            StopMqtt();
            _settings = next;
            _log.Minimum = next.LogLevel;
            if (_meter != null)
            {
                int before = _meter.LastApplyResult;
                _meter.RequestApply(next);
                // The publisher reads the new meter side: MQTT starts once the meter thread has rebuilt it.
                for (int waited = 0; waited < 15000 && _meter.LastApplyResult == before; waited += 100)
                {
                    Thread.Sleep(100);
                }
            }

            _mqttWanted = next.MqttEnabled;
            TryStartMqtt();
        }

        private void StopMqtt()
        {
            MqttLoop? mqtt = _mqtt;
            _mqtt = null;
            if (mqtt != null)
            {
                mqtt.Stop();
            }
        }

        /// <summary>Every <see cref="CheckIntervalMs"/>: free memory, the meter thread's heartbeat, services waiting to start.</summary>
        private void Check()
        {
            long free = _memory.Sample();
            _network.Refresh();
            if (_network.Address != _mdnsAddress && _mdns != null)
            {
                // A new DHCP lease (or the first one after a slow join): answer and announce the new address.
                _mdns.Dispose();
                _mdns = null;
                if (_dns != null)
                {
                    _dns.Dispose();
                    _dns = null;
                }

                StartNameServices();
            }

            int silentS = _meter == null ? 0 : (int)(_clock.NowMs / 1000) - _meter.LastStepS;
            if (silentS > MeterStallS)
            {
                Reboot("the meter loop has not stepped for " + silentS + " s");
            }

            if (_log.IsEnabled(LogLevel.Debug))
            {
                _log.Write(LogLevel.Debug, "supervisor: free heap " + free + " B (lowest " + _memory.LowestBytes + " B), " +
                    (_http == null ? "web off" : _http.Served + " requests") + (_mqtt == null ? ", mqtt off" : _mqtt.IsConnected ? ", mqtt connected" : ", mqtt connecting"));
            }

            TryStartMqtt();
        }

        private void Reboot(string why)
        {
            _log.Write(LogLevel.Warning, "rebooting: " + why);
            StopMqtt();
            Thread.Sleep(500); // let the log line out
            Power.RebootDevice();
        }
    }
}
