using NesMep.Core.Module;
using NesMep.Core.Network;
using NesMep.Core.Platform;
using NesMep.Core.Provisioning;
using NesMep.Core.Storage;
using NesMep.Core.Web;

namespace NesMep.Firmware.Network
{
    /// <summary>
    /// Runs the core's <see cref="ProvisioningMachine"/> (first boot, setup access point, station, fallback; docs/firmware.md,
    /// "First boot, access point and setup security") on the device: hands it the facts (the radio mode this boot came
    /// up in, the station's address, the access point's clients, the setup button) and performs the actions it returns
    /// with <see cref="WifiControl"/>. Called from the supervisor thread only; the actions that block (a join, a scan)
    /// block that thread, never the meter or the web.
    /// </summary>
    internal sealed class ProvisioningDriver : INetworkMode, IWake
    {
        /// <summary>The machine's record, next to our folder on I: (docs/firmware.md, "Flash layout of I:").</summary>
        public const string RecordPath = "I:\\provisioning.txt";

        /// <summary>How often the facts are looked at (address, access-point clients).</summary>
        public const int FactIntervalMs = 1000;

        /// <summary>Longest wait for the station's address after a successful join.</summary>
        public const int AddressWaitMs = 15000;

        /// <summary>Longest wait for a scan.</summary>
        public const int ScanTimeoutMs = 15000;

        private readonly WifiControl _wifi;
        private readonly IClock _clock;
        private readonly ILog _log;
        private string _address = "0.0.0.0";
        private bool _joined;
        private int _clients = -1;
        private long _nextFactsMs;
        private bool _woken;

        public ProvisioningDriver(WifiControl wifi, IFileSystem fs, IClock clock, ILog log)
        {
            _wifi = wifi;
            _clock = clock;
            _log = log;
            Machine = new ProvisioningMachine(fs, RecordPath, NesMep.Core.Network.AccessPoint.Ssid(wifi.MacAddress()), clock, log);
            Machine.Waker = this;
        }

        public ProvisioningMachine Machine { get; private set; }

        /// <summary>Set when the machine asked for a reboot and the radio configuration for it is written.</summary>
        public bool RebootWanted { get; private set; }

        /// <summary>Set when the machine brought the access point up: the caller starts DHCP and the captive DNS.</summary>
        public bool AccessPointStarted { get; private set; }

        public bool AccessPoint
        {
            get { return Machine.InAccessPoint; }
        }

        public string Address
        {
            get { return Machine.InAccessPoint ? WifiControl.ApAddress : _address; }
        }

        public bool SetupAllowed(string local, string remote)
        {
            return Machine.SetupAllowed(local, remote);
        }

        public void Wake()
        {
            _woken = true;
        }

        /// <summary>Decides this boot and performs it (the join of a station blocks up to the radio's answer).</summary>
        public void Boot(ModuleSettings settings)
        {
            int action = Machine.Boot(_wifi.ActiveRadio(), settings.WifiSsid.Length > 0, settings.WebPasswordHash.Length > 0);
            Perform(action, settings);
        }

        /// <summary>The supervisor's turn: facts, then whatever the machine wants now.</summary>
        public void Step(ModuleSettings settings, SetupButton? button)
        {
            long now = _clock.NowMs;
            if (button != null)
            {
                ReportButton(button);
            }

            if (now >= _nextFactsMs)
            {
                _nextFactsMs = now + FactIntervalMs;
                ReportFacts();
            }

            if (!_woken && now < Machine.NextDueMs)
            {
                return;
            }

            _woken = false;
            int action = Machine.Step();
            while (action != ProvisioningAction.None && !RebootWanted)
            {
                Perform(action, settings);
                action = Machine.Step();
            }
        }

        private void ReportButton(SetupButton button)
        {
            int downs = button.TakeDowns();
            int ups = button.TakeUps();
            for (int i = 0; i < downs; i++)
            {
                Machine.ButtonDown();
            }

            if (ups > 0 && !button.Pressed)
            {
                Machine.ButtonUp();
            }
        }

        private void ReportFacts()
        {
            if (Machine.InAccessPoint)
            {
                int clients = _wifi.AccessPointClients();
                if (clients != _clients)
                {
                    _clients = clients;
                    Machine.AccessPointClients(clients);
                }

                return;
            }

            string address = _wifi.StationAddress();
            bool joined = address != "0.0.0.0" && address.Length > 0;
            _address = joined ? address : "0.0.0.0";
            if (joined && !_joined)
            {
                Machine.StationJoined();
            }
            else if (!joined && _joined)
            {
                Machine.StationLost();
            }

            _joined = joined;
        }

        private void Perform(int action, ModuleSettings settings)
        {
            switch (action)
            {
                case ProvisioningAction.Reboot:
                    bool accessPoint = Machine.WantedRadio == RadioMode.AccessPoint;
                    _wifi.WriteRadio(accessPoint, Machine.AccessPointSsid);
                    RebootWanted = true;
                    break;
                case ProvisioningAction.StartAccessPoint:
                    AccessPointStarted = true;
                    _log.Write(LogLevel.Info, "wifi: access point " + Machine.AccessPointSsid + " at " + WifiControl.ApAddress);
                    break;
                case ProvisioningAction.JoinStation:
                    if (settings.WifiSsid.Length > 0 && _wifi.Join(settings.WifiSsid, settings.WifiPassword) && _wifi.WaitForStation(AddressWaitMs))
                    {
                        _address = _wifi.StationAddress();
                        _joined = true;
                        _log.Write(LogLevel.Info, "wifi: joined '" + settings.WifiSsid + "' as " + _address);
                        Machine.StationJoined();
                    }

                    break;
                case ProvisioningAction.Scan:
                    Machine.NetworksScanned(_wifi.Scan(ScanTimeoutMs));
                    break;
            }
        }
    }
}
