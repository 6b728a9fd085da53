using NesMep.Core.Platform;

namespace NesMep.Core.Web
{
    /// <summary>
    /// PBKDF2 rounds for the web password chosen from a measurement on the machine that checks it: about
    /// <see cref="TargetMs"/> per check (docs/webui.md, "Passwords"). The ESP32 runs the round loop in nanoFramework's
    /// interpreter, far slower than .NET (reference nanoframework.md: ~21x per poll step on the same host), so a
    /// fixed count is either weak on Linux or minutes on the device. The firmware calls <see cref="Apply"/> once at
    /// boot; the Linux host keeps its configured count and no cap. A hash with more rounds than the cap (200 000
    /// from a settings file made on Linux) is still accepted, once: the login that verifies it stores a new hash
    /// with the device's rounds (AuthEndpoints.Login).
    /// </summary>
    public static class Pbkdf2Calibration
    {
        /// <summary>What one password check should cost.</summary>
        public const long TargetMs = 1000;

        /// <summary>Never fewer rounds than this, however slow the machine (an offline guess must cost something).</summary>
        public const int MinIterations = 1000;

        /// <summary>Never more rounds than this on the device, however fast it measured (a check is also a denial-of-service lever).</summary>
        public const int DeviceMaxIterations = 100000;

        /// <summary>Rounds of the first measurement; doubled until the clock sees at least <see cref="MinProbeMs"/>.</summary>
        public const int ProbeIterations = 64;

        /// <summary>A measurement shorter than this is too coarse for the clock's millisecond steps.</summary>
        public const long MinProbeMs = 50;

        /// <summary>
        /// The rounds that take about <paramref name="targetMs"/>, given that <paramref name="measuredIterations"/>
        /// took <paramref name="measuredMs"/>; within [<see cref="MinIterations"/>, <paramref name="maxIterations"/>].
        /// </summary>
        public static int IterationsFor(int measuredIterations, long measuredMs, long targetMs, int maxIterations)
        {
            if (measuredIterations < 1 || targetMs < 1 || maxIterations < MinIterations)
            {
                throw new System.ArgumentOutOfRangeException(measuredIterations < 1 ? "measuredIterations" : targetMs < 1 ? "targetMs" : "maxIterations");
            }

            if (measuredMs < 1)
            {
                return maxIterations; // faster than the clock can see: as many as allowed
            }

            long rounds = measuredIterations * targetMs / measuredMs;
            return rounds < MinIterations ? MinIterations : rounds > maxIterations ? maxIterations : (int)rounds;
        }

        /// <summary>
        /// Stored hashes with more rounds than this are rehashed at login: half again the calibrated count, so a
        /// hash made on the same device by an earlier, slightly different measurement is kept.
        /// </summary>
        public static int CapFor(int iterations)
        {
            return iterations + iterations / 2;
        }

        /// <summary>
        /// Milliseconds of one PBKDF2 run of <paramref name="iterations"/> rounds on <paramref name="hmac"/>, as
        /// <paramref name="clock"/> sees it (a 32-byte output, as the password hashes have).
        /// </summary>
        public static long Measure(IHmacSha256 hmac, IClock clock, int iterations)
        {
            byte[] password = new byte[12];
            byte[] salt = new byte[PasswordHash.SaltBytes];
            long start = clock.NowMs;
            Pbkdf2.DeriveSha256(hmac, password, salt, iterations, PasswordHash.HashBytes);
            return clock.NowMs - start;
        }

        /// <summary>Rounds for about <see cref="TargetMs"/> per check on this machine (a few tenths of a second of measuring).</summary>
        public static int Calibrate(IHmacSha256 hmac, IClock clock, int maxIterations)
        {
            int n = ProbeIterations;
            long ms = Measure(hmac, clock, n);
            while (ms < MinProbeMs && n < maxIterations)
            {
                n *= 2;
                ms = Measure(hmac, clock, n);
            }

            return IterationsFor(n, ms, TargetMs, maxIterations);
        }

        /// <summary>
        /// The device's setting (call once at boot, before the web server starts): new hashes get the calibrated
        /// rounds and stored hashes above <see cref="CapFor"/> of them are rehashed at login. Returns the rounds.
        /// </summary>
        public static int Apply(WebApp app, IClock clock)
        {
            int rounds = Calibrate(app.Hmac, clock, DeviceMaxIterations);
            app.PasswordIterations = rounds;
            app.PasswordIterationsCap = CapFor(rounds);
            app.Log.Write(LogLevel.Info, "web: " + rounds + " PBKDF2 rounds per password check (about " + TargetMs +
                " ms here); stored hashes above " + app.PasswordIterationsCap + " rounds are renewed at login");
            return rounds;
        }
    }
}
