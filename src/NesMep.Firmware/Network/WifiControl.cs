using System;
using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using NesMep.Core.Network;
using NesMep.Core.Platform;

namespace NesMep.Firmware.Network
{
    /// <summary>
    /// Wi-Fi through nanoFramework's System.Device.Wifi and System.Net configuration blocks. Upstream facts it respects
    /// (nano/facades/nanoFramework.System.Net): station and access-point settings live in the CLR's configuration block
    /// and take effect at the next boot (callers reboot after a change), a non-open AP password must have 8–63
    /// characters, and ScanAsync reports through AvailableNetworksChanged. Only switches; when to switch is the
    /// provisioning's decision.
    /// </summary>
    internal sealed class WifiControl
    {
        /// <summary>The access point's netmask (its address is the core's AccessPoint.Address, which the captive DNS answers with).</summary>
        public const string ApMask = "255.255.255.0";

        /// <summary>Phones joining the setup AP at once (a second one cannot take over a setup in progress).</summary>
        public const byte ApMaxConnections = 1;

        private readonly ILog _log;

        /// <summary>The core's access-point address as text.</summary>
        public static string ApAddress
        {
            get
            {
                byte[] a = AccessPoint.Address();
                return a[0] + "." + a[1] + "." + a[2] + "." + a[3];
            }
        }

        public WifiControl(ILog log)
        {
            _log = log;
        }

        /// <summary>"NesMep-XXXXXX" from the last three bytes of the Wi-Fi MAC address.</summary>
        public string AccessPointName()
        {
            NetworkInterface? ni = Interface(NetworkInterfaceType.WirelessAP) ?? Interface(NetworkInterfaceType.Wireless80211);
            byte[] mac = ni == null ? new byte[6] : ni.PhysicalAddress;
            return "NesMep-" + mac[3].ToString("X2") + mac[4].ToString("X2") + mac[5].ToString("X2");
        }

        /// <summary>The station's address, or "0.0.0.0".</summary>
        public string StationAddress()
        {
            NetworkInterface? ni = Interface(NetworkInterfaceType.Wireless80211);
            return ni == null ? "0.0.0.0" : ni.IPv4Address;
        }

        /// <summary>Waits up to <paramref name="timeoutMs"/> for the station (auto-connected at boot from the stored configuration) to get an address.</summary>
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

        /// <summary>The stored station network name (the CLR's configuration block), or "".</summary>
        public string StoredStationSsid()
        {
            Wireless80211Configuration[] all = Wireless80211Configuration.GetAllWireless80211Configurations();
            return all.Length == 0 || all[0].Ssid == null ? "" : all[0].Ssid;
        }

        /// <summary>
        /// Stores station credentials (auto-connect at the next boot) and switches the access point off; true when anything
        /// changed (the caller reboots).
        /// </summary>
        public bool StoreStation(string ssid, string password)
        {
            Wireless80211Configuration[] all = Wireless80211Configuration.GetAllWireless80211Configurations();
            if (all.Length == 0)
            {
                throw new InvalidOperationException("this firmware image has no Wi-Fi station configuration");
            }

            Wireless80211Configuration station = all[0];
            bool changed = station.Ssid != ssid || station.Password != password ||
                station.Options != Wireless80211Configuration.ConfigurationOptions.AutoConnect;
            if (changed)
            {
                station.Ssid = ssid;
                station.Password = password;
                station.Options = Wireless80211Configuration.ConfigurationOptions.AutoConnect;
                station.SaveConfiguration();
            }

            return SetAccessPoint(false, "", "") || changed;
        }

        /// <summary>
        /// Configures the setup access point at <see cref="ApAddress"/> (WPA2 when a password of 8–63 characters is given,
        /// else open) and turns the station off, or turns the AP off; true when the stored configuration changed (the
        /// caller reboots: the CLR applies it at boot).
        /// </summary>
        public bool SetAccessPoint(bool on, string ssid, string password)
        {
            NetworkInterface? ni = Interface(NetworkInterfaceType.WirelessAP);
            if (ni == null)
            {
                if (on)
                {
                    throw new InvalidOperationException("this firmware image has no Wi-Fi access point interface");
                }

                return false;
            }

            WirelessAPConfiguration ap = WirelessAPConfiguration.GetAllWirelessAPConfigurations()[ni.SpecificConfigId];
            WirelessAPConfiguration.ConfigurationOptions wanted = on ? WirelessAPConfiguration.ConfigurationOptions.AutoStart : WirelessAPConfiguration.ConfigurationOptions.None;
            bool changed = ap.Options != wanted || (on && (ap.Ssid != ssid || ap.Password != password || ni.IPv4Address != ApAddress));
            if (!changed)
            {
                return false;
            }

            if (on)
            {
                ni.EnableStaticIPv4(ApAddress, ApMask, ApAddress);
                ap.Ssid = ssid;
                ap.Password = password;
                ap.Authentication = password.Length >= 8 ? AuthenticationType.WPA2 : AuthenticationType.Open;
                ap.MaxConnections = ApMaxConnections;
                Wireless80211Configuration[] stations = Wireless80211Configuration.GetAllWireless80211Configurations();
                if (stations.Length > 0 && stations[0].Options != Wireless80211Configuration.ConfigurationOptions.None)
                {
                    stations[0].Options = Wireless80211Configuration.ConfigurationOptions.None;
                    stations[0].SaveConfiguration();
                }
            }

            ap.Options = wanted;
            ap.SaveConfiguration();
            _log.Write(LogLevel.Info, "wifi: access point " + (on ? "configured as " + ssid : "switched off") + "; applied at the next boot");
            return true;
        }

        /// <summary>Networks in reach for the setup page's list ("ssid" per entry, strongest first as the radio reports them).</summary>
        public string[] Scan(int timeoutMs)
        {
            WifiAdapter[] adapters = WifiAdapter.FindAllAdapters();
            if (adapters.Length == 0)
            {
                return new string[0];
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
                    return new string[0];
                }

                WifiAvailableNetwork[] found = adapter.NetworkReport.AvailableNetworks;
                string[] names = new string[found.Length];
                for (int i = 0; i < found.Length; i++)
                {
                    names[i] = found[i].Ssid;
                }

                return names;
            }
            finally
            {
                adapter.AvailableNetworksChanged -= handler;
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
