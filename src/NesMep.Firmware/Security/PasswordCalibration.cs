using NesMep.Core.Platform;
using NesMep.Core.Web;

namespace NesMep.Firmware.Security
{
    /// <summary>
    /// PBKDF2 rounds for new web-password hashes, measured on this device at boot so one password check takes about
    /// <see cref="TargetMs"/> (WebApp.PasswordIterations; docs/webui.md, "Passwords"). The measurement runs the core's
    /// own PBKDF2 over the platform HMAC, so it costs what a login costs.
    /// SEAM (issue 11 item 3, helper h11a): the core's calibration rule and device cap (and the rehash on login of a
    /// hash with more rounds than the cap) replace <see cref="Rounds"/>'s arithmetic when they land; this class then
    /// only supplies the measurement.
    /// </summary>
    internal static class PasswordCalibration
    {
        public const int TargetMs = 1000;

        /// <summary>Rounds timed at boot: enough to measure, short enough not to delay the start (about 0.1–0.3 s on an ESP32).</summary>
        public const int SampleRounds = 64;

        /// <summary>Fewest rounds ever used; below this the measurement is suspect.</summary>
        public const int MinRounds = 1000;

        /// <summary>Most rounds on the device, whatever the measurement says.</summary>
        public const int DeviceCap = WebApp.DefaultPasswordIterations;

        public static int Rounds(IHmacSha256 hmac, IClock clock, ILog log)
        {
            byte[] password = new byte[16];
            byte[] salt = new byte[16];
            long start = clock.NowMs;
            Pbkdf2.DeriveSha256(hmac, password, salt, SampleRounds, Pbkdf2.BlockSize);
            long took = clock.NowMs - start;
            int rounds = took <= 0 ? DeviceCap : (int)(SampleRounds * (long)TargetMs / took);
            if (rounds < MinRounds)
            {
                rounds = MinRounds;
            }

            if (rounds > DeviceCap)
            {
                rounds = DeviceCap;
            }

            log.Write(LogLevel.Info, "web: " + SampleRounds + " PBKDF2 rounds took " + took + " ms; new password hashes use " + rounds + " rounds");
            return rounds;
        }
    }
}
