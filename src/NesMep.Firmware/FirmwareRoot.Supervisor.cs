using System;
using System.Threading;
using nanoFramework.Runtime.Native;
using NesMep.Core.Lifecycle;
using NesMep.Core.Platform;
using NesMep.Core.Provisioning;
using NesMep.Core.Web;
using NesMep.Firmware.Mqtt;
using NesMep.Firmware.Network;
using NesMep.Firmware.Storage;

namespace NesMep.Firmware
{
    /// <summary>
    /// The supervisor half of the composition root (main thread): the provisioning's turn, DNS/mDNS answers, new
    /// settings, the lifecycle's tick and button, the periodic checks (memory, wall clock, services waiting to start), reboots.
    /// </summary>
    internal sealed partial class FirmwareRoot
    {
        /// <summary>The supervisor loop on the main thread; never returns.</summary>
        public void Supervise()
        {
            long nextCheck = _clock.NowMs + CheckIntervalMs;
            long nextTick = _clock.NowMs;
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

                    // The first 10 s after power-up the button belongs to the factory reset alone (docs/firmware.md, "Factory reset").
                    _network.Step(_settings, _lifecycle.ButtonReleased ? _button : null);
                    if (_network.RebootWanted)
                    {
                        Reboot("radio mode for " + ProvisioningState.Name(_network.Machine.State));
                    }

                    StartAccessPointServices();
                    ApplyPending();
                    if (now >= nextTick)
                    {
                        nextTick = now + LifecycleTickMs;
                        if (_lifecycle.Tick())
                        {
                            Reboot("as the lifecycle asked (its reason is saved for the boot record)");
                        }
                    }

                    ShowLed(now);
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
            if (_network.AccessPoint)
            {
                // On the access point a saved network or host name waits for the setup wizard's last step, POST
                // /api/v1/wifi/connect (docs/webui.md, "Setup wizard"): the wizard saves Wi-Fi, then the meter key and
                // MQTT, then the host name, and only then connects. A reboot here would end the wizard half way.
                if (network || hostname)
                {
                    _log.Write(LogLevel.Info, "wifi: saved; joined when the setup connects (POST /api/v1/wifi/connect)");
                }
            }
            else if (network || hostname)
            {
                // A station joins the new network at boot (the provisioning decides from the saved settings); the mDNS
                // name is announced at start.
                _settings = next;
                Reboot("new network settings");
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
            _time.Feed();
            if (_network.Address != _mdnsAddress && _mdns != null)
            {
                // A new DHCP lease (or the first one after a slow join): answer and announce the new address.
                _mdns.Dispose();
                _mdns = null;
                StartNameServices();
            }

            if (_log.IsEnabled(LogLevel.Debug))
            {
                _log.Write(LogLevel.Debug, "supervisor: free heap " + free + " B (lowest " + _memory.LowestBytes + " B), " +
                    (_http == null ? "web off" : _http.Served + " requests") + (_mqtt == null ? ", mqtt off" : _mqtt.IsConnected ? ", mqtt connected" : ", mqtt connecting"));
            }

            TryStartMqtt();
        }

        /// <summary>An exception nobody handled reached the entry point: record it (boot record "crash"), then reboot.</summary>
        public void Crash(Exception e)
        {
            _lifecycle.Life.RecordCrash(e.GetType().Name + ": " + e.Message);
            Reboot("unhandled " + e.GetType().Name + ": " + e.Message);
        }

        /// <summary>What a factory reset deletes: the settings, the MQTT CA certificate (when one is set) and the provisioning record.</summary>
        internal string[] FactoryResetPaths()
        {
            string ca = _settings.ToMqttSettings().CaFile;
            if (ca.Length == 0)
            {
                return new string[] { FlashLayout.Settings, ProvisioningDriver.RecordPath };
            }

            return new string[] { FlashLayout.Settings, ProvisioningDriver.RecordPath, FlashLayout.Certificate(ca) };
        }

        private void ShowLed(long now)
        {
            if (!_lifecycle.HasLed)
            {
                return;
            }

            bool meterUp = false;
            if (_module != null)
            {
                lock (_module.Gate)
                {
                    meterUp = _module.Context.Reading != null && _module.Context.Reading.AnyAvailable(now);
                }
            }

            MqttLoop? mqtt = _mqtt;
            _lifecycle.ShowLed(_network.AccessPoint, _network.Address != "0.0.0.0", meterUp, _mqttWanted, mqtt != null && mqtt.IsConnected);
        }

        private void Reboot(string why)
        {
            // A reboot the module decides itself (radio mode, new network settings) is a user_request; a reason the
            // lifecycle saved before (watchdog, trial, rollback, factory reset, crash) wins, as the first of a run does.
            _lifecycle.Life.RequestReboot(BootReason.UserRequest, why, 0);
            _log.Write(LogLevel.Warning, "rebooting: " + why);
            StopMqtt();
            Thread.Sleep(500); // let the log line out
            Power.RebootDevice();
        }
    }
}
