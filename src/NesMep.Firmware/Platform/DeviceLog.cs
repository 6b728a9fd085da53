using System.Diagnostics;
using NesMep.Core.Api;
using NesMep.Core.Platform;
using NesMep.Core.Time;

namespace NesMep.Firmware.Platform
{
    /// <summary>
    /// Log lines to the debug channel (USB serial, seen by the VS/VS Code extension) and to a small ring for the web
    /// UI's log page. The time stamp is real time once the core's wall clock is valid (SNTP or the meter's clock), the
    /// uptime in seconds before.
    /// </summary>
    internal sealed class DeviceLog : ILog
    {
        /// <summary>Lines kept for the log page: each is a string on a heap of ~80 KB, so few.</summary>
        public const int RingLines = 40;

        private readonly WallClock _clock;

        public DeviceLog(WallClock clock)
        {
            _clock = clock;
            Ring = new LogRing(RingLines);
            Minimum = LogLevel.Info;
        }

        public LogRing Ring { get; private set; }

        /// <summary>From the settings (log.level); applied at boot and with new settings.</summary>
        public LogLevel Minimum { get; set; }

        public bool IsEnabled(LogLevel level)
        {
            return level >= Minimum;
        }

        public void Write(LogLevel level, string message)
        {
            if (level < Minimum)
            {
                return;
            }

            long ms = _clock.NowMs;
            string stamp = _clock.Valid ? IsoTime.Format(_clock.UtcNow) : (ms / 1000).ToString() + "." + (ms % 1000).ToString("D3");
            string line = stamp + " " + Name(level) + " " + message;
            Debug.WriteLine(line);
            lock (Ring)
            {
                Ring.Add(line);
            }
        }

        private static string Name(LogLevel level)
        {
            switch (level)
            {
                case LogLevel.Debug:
                    return "debug";
                case LogLevel.Info:
                    return "info";
                case LogLevel.Warning:
                    return "warning";
                default:
                    return "error";
            }
        }
    }
}
