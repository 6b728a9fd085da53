using System;
using nanoFramework.Networking;
using NesMep.Core.Platform;

namespace NesMep.Firmware.Network
{
    /// <summary>
    /// Wall-clock time from SNTP (nanoFramework.Networking.Sntp sets the system clock natively, hourly). Upstream has no
    /// "time is valid" flag; <see cref="Valid"/> is the seam for the core's wall-clock validity (issue 11 item 4,
    /// helper h11a: SNTP or the meter's BT52 clock), which replaces the year floor used until then.
    /// </summary>
    internal static class TimeSync
    {
        /// <summary>A clock before this is the ESP32's power-on default (1970), never real time.</summary>
        public static readonly DateTime Floor = new DateTime(2026, 1, 1, 0, 0, 0);

        /// <summary>Starts SNTP with the first two servers of time.servers (comma-separated).</summary>
        public static void Start(string servers, ILog log)
        {
            string[] names = servers.Split(',');
            string first = names.Length > 0 ? names[0].Trim() : "";
            if (first.Length == 0)
            {
                log.Write(LogLevel.Warning, "time: no time server set; the wall clock stays invalid until the meter's clock is read");
                return;
            }

            Sntp.Server1 = first;
            Sntp.Server2 = names.Length > 1 && names[1].Trim().Length > 0 ? names[1].Trim() : first;
            Sntp.Start();
            Sntp.UpdateNow();
        }

        /// <summary>SEAM (h11a): whether DateTime.UtcNow is real time (TLS certificate dates, logs, JSON time stamps).</summary>
        public static bool Valid
        {
            get { return DateTime.UtcNow >= Floor; }
        }
    }
}
