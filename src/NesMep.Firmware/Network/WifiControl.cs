using System;
using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using NesMep.Core.Network;
using NesMep.Core.Platform;
using NesMep.Core.Provisioning;

namespace NesMep.Firmware.Network
{
    /// <summary>
    /// Wi-Fi through nanoFramework's System.Device.Wifi and System.Net configuration blocks. Upstream facts it respects
    /// (nano/facades/nanoFramework.System.Net): station and access-point settings live in the CLR's configuration block
    /// and take effect at the next boot (callers reboot after a change), and ScanAsync reports through
    /// AvailableNetworksChanged. The block holds only which radio starts at boot; the Wi-Fi credentials are the settings
    /// file's (one owner, saved atomically with the rest). Only switches; when to switch is the provisioning's decision.
    /// </summary>
    internal sealed class WifiControl
    {
        /// <summary>The access point's netmask (its address is the core's AccessPoint.Address, which the captive DNS answers with).</summary>
        public const string ApMask = "255.255.255.0";

        /// <summary>Clients on the setup access point at once.</summary>
        public const byte ApMaxConnections = 2;

        private readonly ILog _log;

        public WifiControl(ILog log)
        {
            _log = log;
        }

        /// <summary>The core's access-point address as text.</summary>
        public static string ApAddress
        {
            get
            {
                byte[] a = AccessPoint.Address();
                return a[0] + "." + a[1] + "." + a[2] + "." + a[3];
            }
        }

        /// <summary>The Wi-Fi MAC address (the access point's, else the station's; zeros when the image has neither).</summary>
        public byte[] MacAddress()
        {
            NetworkInterface? ni = Interface(NetworkInterfaceType.WirelessAP) ?? Interface(NetworkInterfaceType.Wireless80211);
            return ni == null ? new byte[6] : ni.PhysicalAddress;
        }

        /// <summary>The station's address, or "0.0.0.0".</summary>
        public string StationAddress()
        {
            NetworkInterface? ni = Interface(NetworkInterfaceType.Wireless80211);
            return ni == null ? "0.0.0.0" : ni.IPv4Address;
        }

        /// <summary>Waits up to <paramref name="timeoutMs"/> for the station to get an address (DHCP after a join).</summary>
        public bool WaitForStation(int timeoutMs)
        {
            for (int waited = 0; waited < timeoutMs; waited += 250)
            {
                string address = StationAddress();
                if (address != "0.0.0.0" && address.Length > 0)
                {
                    return true;
                }

                Thread.Sleep(250);
            }

            return false;
        }

        /// <summary>The radio mode this boot came up in (core RadioMode), read back from the configuration block.</summary>
        public int ActiveRadio()
        {
            NetworkInterface? ni = Interface(NetworkInterfaceType.WirelessAP);
            if (ni != null)
            {
                WirelessAPConfiguration ap = WirelessAPConfiguration.GetAllWirelessAPConfigurations()[ni.SpecificConfigId];
                if ((ap.Options & WirelessAPConfiguration.ConfigurationOptions.Enable) != 0)
                {
                    return RadioMode.AccessPoint;
                }
            }

            Wireless80211Configuration[] stations = Wireless80211Configuration.GetAllWireless80211Configurations();
            return stations.Length > 0 && (stations[0].Options & Wireless80211Configuration.ConfigurationOptions.Enable) != 0 ? RadioMode.Station : RadioMode.None;
        }

        /// <summary>Stations joined to the access point now (0 when it is not up).</summary>
        public int AccessPointClients()
        {
            NetworkInterface? ni = Interface(NetworkInterfaceType.WirelessAP);
            if (ni == null)
            {
                return 0;
            }

            WirelessAPStation[] stations = WirelessAPConfiguration.GetAllWirelessAPConfigurations()[ni.SpecificConfigId].GetConnectedStations();
            return stations == null ? 0 : stations.Length;
        }

        /// <summary>
        /// Writes the radio mode for the next boot into the CLR's configuration block: the access point (open,
        /// <see cref="ApAddress"/>/24, <see cref="ApMaxConnections"/> clients, started at boot) with the station interface
        /// enabled but without credentials or auto-connect (so scans work), or the station alone. The Wi-Fi credentials
        /// are not stored here: the settings file owns them and <see cref="Join"/> uses them. True when anything changed
        /// (the caller reboots: nanoFramework applies the block at boot only).
        /// </summary>
        public bool WriteRadio(bool accessPoint, string apSsid)
        {
            bool changed = false;
            Wireless80211Configuration[] stations = Wireless80211Configuration.GetAllWireless80211Configurations();
            if (stations.Length > 0)
            {
                Wireless80211Configuration station = stations[0];
                if (station.Options != Wireless80211Configuration.ConfigurationOptions.Enable || station.Ssid != "" || station.Password != "")
                {
                    station.Options = Wireless80211Configuration.ConfigurationOptions.Enable;
                    station.Ssid = "";
                    station.Password = "";
                    station.SaveConfiguration();
                    changed = true;
                }
            }

            NetworkInterface? ni = Interface(NetworkInterfaceType.WirelessAP);
            if (ni == null)
            {
                if (accessPoint)
                {
                    throw new InvalidOperationException("this firmware image has no Wi-Fi access point interface");
                }

                return changed;
            }

            WirelessAPConfiguration ap = WirelessAPConfiguration.GetAllWirelessAPConfigurations()[ni.SpecificConfigId];
            WirelessAPConfiguration.ConfigurationOptions wanted = accessPoint ? WirelessAPConfiguration.ConfigurationOptions.AutoStart : WirelessAPConfiguration.ConfigurationOptions.None;
            if (ap.Options == wanted && (!accessPoint || (ap.Ssid == apSsid && ni.IPv4Address == ApAddress)))
            {
                return changed;
            }

            if (accessPoint)
            {
                ni.EnableStaticIPv4(ApAddress, ApMask, ApAddress);
                ap.Ssid = apSsid;
                ap.Password = "";
                ap.Authentication = AuthenticationType.Open; // no shared constant password anywhere (docs/firmware.md)
                ap.MaxConnections = ApMaxConnections;
            }

            ap.Options = wanted;
            ap.SaveConfiguration();
            _log.Write(LogLevel.Info, "wifi: " + (accessPoint ? "access point " + apSsid : "station") + " mode written; applied at the next boot");
            return true;
        }

        /// <summary>Joins <paramref name="ssid"/> with the password from the settings (blocks until the radio answers).</summary>
        public bool Join(string ssid, string password)
        {
            WifiAdapter[] adapters = WifiAdapter.FindAllAdapters();
            if (adapters.Length == 0)
            {
                return false;
            }

            WifiConnectionResult result = adapters[0].Connect(ssid, WifiReconnectionKind.Manual, password);
            if (result.ConnectionStatus != WifiConnectionStatus.Success)
            {
                _log.Write(LogLevel.Warning, "wifi: joining '" + ssid + "' failed: " + StatusName(result.ConnectionStatus));
                return false;
            }

            return true;
        }

        /// <summary>
        /// Networks in reach for the setup page, empty when the scan does not finish in time. Upstream's report has no
        /// security field, so every network is reported as secured (the form then asks for a password; an open
        /// network joins with an empty one).
        /// </summary>
        public WifiNetwork[] Scan(int timeoutMs)
        {
            WifiAdapter[] adapters = WifiAdapter.FindAllAdapters();
            if (adapters.Length == 0)
            {
                return new WifiNetwork[0];
            }

            WifiAdapter adapter = adapters[0];
            AutoResetEvent done = new AutoResetEvent(false);
            AvailableNetworksChangedEventHandler handler = (sender, e) => done.Set();
            adapter.AvailableNetworksChanged += handler;
            try
            {
                adapter.ScanAsync();
                if (!done.WaitOne(timeoutMs, false))
                {
                    return new WifiNetwork[0];
                }

                WifiAvailableNetwork[] found = adapter.NetworkReport.AvailableNetworks;
                WifiNetwork[] networks = new WifiNetwork[found.Length];
                for (int i = 0; i < found.Length; i++)
                {
                    networks[i] = new WifiNetwork(found[i].Ssid, (int)found[i].NetworkRssiInDecibelMilliwatts, true);
                }

                return networks;
            }
            finally
            {
                adapter.AvailableNetworksChanged -= handler;
            }
        }

        private static string StatusName(WifiConnectionStatus status)
        {
            switch (status)
            {
                case WifiConnectionStatus.InvalidCredential:
                    return "wrong password";
                case WifiConnectionStatus.NetworkNotAvailable:
                    return "network not in reach";
                case WifiConnectionStatus.Timeout:
                    return "timeout";
                case WifiConnectionStatus.UnsupportedAuthenticationProtocol:
                    return "unsupported security";
                default:
                    return "failed";
            }
        }

        private static NetworkInterface? Interface(NetworkInterfaceType type)
        {
            NetworkInterface[] all = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].NetworkInterfaceType == type)
                {
                    return all[i];
                }
            }

            return null;
        }
    }
}
