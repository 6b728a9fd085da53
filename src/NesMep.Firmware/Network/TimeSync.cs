using System;
using nanoFramework.Networking;
using nanoFramework.Runtime.Native;
using NesMep.Core.Platform;
using NesMep.Core.Time;

namespace NesMep.Firmware.Network
{
    /// <summary>
    /// Wall-clock time on the device. SNTP (nanoFramework.Networking.Sntp) sets the system clock natively, hourly, with no
    /// event and no "valid" flag; the core's <see cref="WallClock"/> decides validity from what it is offered: SNTP
    /// (a plausible system clock in station mode, offered by <see cref="Feed"/>) and the meter's BT52 clock (the core's
    /// MeterClockFeed). When only the meter's clock is known (the setup access point has no internet), the system clock
    /// is set from it, so TLS certificate checks (mbedTLS reads the system clock) see real time too.
    /// </summary>
    internal sealed class TimeSync
    {
        private readonly WallClock _wall;
        private readonly IClock _monotonic;
        private readonly ILog _log;
        private bool _started;
        private bool _systemFromWall;
        private DateTime _setUtc;
        private long _setAtMs;

        /// <summary>A system clock this far from what was set from the wall clock was corrected by SNTP.</summary>
        private const int SntpStepMs = 2000;

        public TimeSync(WallClock wall, IClock monotonic, ILog log)
        {
            _wall = wall;
            _monotonic = monotonic;
            _log = log;
        }

        /// <summary>Starts SNTP with the first two servers of time.servers (comma-separated).</summary>
        public void Start(string servers)
        {
            string[] names = servers.Split(',');
            string first = names.Length > 0 ? names[0].Trim() : "";
            if (first.Length == 0)
            {
                _log.Write(LogLevel.Warning, "time: no time server set; the wall clock comes from the meter only");
                return;
            }

            Sntp.Server1 = first;
            Sntp.Server2 = names.Length > 1 && names[1].Trim().Length > 0 ? names[1].Trim() : first;
            Sntp.Start();
            Sntp.UpdateNow();
            _started = true;
        }

        /// <summary>Called by the supervisor every few seconds: offers an SNTP-set system clock, or sets the system clock from the wall clock.</summary>
        public void Feed()
        {
            DateTime system = DateTime.UtcNow;
            long now = _monotonic.NowMs;
            if (_systemFromWall && _started)
            {
                long drift = (system.Ticks - _setUtc.Ticks) / TimeSpan.TicksPerMillisecond - (now - _setAtMs);
                if (drift > SntpStepMs || drift < -SntpStepMs)
                {
                    _systemFromWall = false; // SNTP answered since: its time is offered from now on
                }
            }

            if (_started && !_systemFromWall && WallClock.Plausible(system))
            {
                _wall.OfferSntp(system, now);
                return;
            }

            if (_wall.Valid && !WallClock.Plausible(system))
            {
                _setUtc = _wall.UtcNow;
                _setAtMs = now;
                _systemFromWall = Rtc.SetSystemTime(_setUtc);
                if (_systemFromWall)
                {
                    _log.Write(LogLevel.Info, "time: system clock set from the wall clock (" + (_started ? "SNTP not answered yet" : "no SNTP") + ")");
                }
            }
        }
    }
}
