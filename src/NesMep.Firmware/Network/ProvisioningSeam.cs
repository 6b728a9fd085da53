using NesMep.Core.Platform;
using NesMep.Core.Web;

namespace NesMep.Firmware.Network
{
    /// <summary>
    /// SEAM for the provisioning state machine (issue 11 item 4, helper h11a; not merged when this was written): the
    /// persisted, reboot-aware core class decides access point or station, when to fall back to the access point, who
    /// owns the Wi-Fi credentials and how the setup is restricted; it replaces <see cref="Decide"/> and
    /// <see cref="SetupAllowed"/> here, and the composition root keeps calling the same adapter (<see cref="WifiControl"/>).
    /// Until then, the minimal rule: no Wi-Fi network in the settings → the setup access point; otherwise a station
    /// joining with the settings' credentials (the settings file owns them; the radio block only says which interface
    /// starts), logged when it gets no address within <see cref="JoinTimeoutMs"/>. The access point is open (no shared
    /// constant password), two clients at most, and only its clients may run the first-start setup.
    /// </summary>
    internal sealed class ProvisioningSeam : INetworkMode
    {
        /// <summary>How long the boot waits for the station's address before the services start anyway.</summary>
        public const int JoinTimeoutMs = 30000;

        private readonly WifiControl _wifi;
        private bool _accessPoint;
        private string _address = "0.0.0.0";

        public ProvisioningSeam(WifiControl wifi)
        {
            _wifi = wifi;
        }

        public bool AccessPoint
        {
            get { return _accessPoint; }
        }

        public string Address
        {
            get { return _accessPoint ? WifiControl.ApAddress : _address; }
        }

        /// <summary>
        /// Brings the network up for <paramref name="settings"/>. Returns true when the stored Wi-Fi configuration changed
        /// and the module must reboot to apply it (nanoFramework starts the AP or the station at boot only).
        /// </summary>
        public bool Decide(ModuleSettings settings, ILog log)
        {
            if (settings.WifiSsid.Length == 0)
            {
                _accessPoint = true;
                string name = _wifi.AccessPointName();
                log.Write(LogLevel.Info, "wifi: no network configured: setup access point " + name + " at " + WifiControl.ApAddress);
                return _wifi.WriteRadio(true, name);
            }

            _accessPoint = false;
            if (_wifi.WriteRadio(false, ""))
            {
                return true;
            }

            if (_wifi.Join(settings.WifiSsid, settings.WifiPassword) && _wifi.WaitForStation(JoinTimeoutMs))
            {
                _address = _wifi.StationAddress();
                log.Write(LogLevel.Info, "wifi: joined '" + settings.WifiSsid + "' as " + _address);
            }
            else
            {
                log.Write(LogLevel.Warning, "wifi: no address from '" + settings.WifiSsid + "' within " + (JoinTimeoutMs / 1000) + " s; the meter is still read");
            }

            return false;
        }

        /// <summary>The station's address as it is now (DHCP may renew it); the supervisor refreshes it.</summary>
        public void Refresh()
        {
            if (!_accessPoint)
            {
                _address = _wifi.StationAddress();
            }
        }

        public bool SetupAllowed(string client)
        {
            // Only a phone on the module's own access point (the AP's /24) may choose the first password.
            string ap = WifiControl.ApAddress;
            return _accessPoint && client.StartsWith(ap.Substring(0, ap.LastIndexOf('.') + 1));
        }
    }
}
