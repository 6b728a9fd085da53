#nullable enable
using NesMep.Core.Tests.Support;
using NesMep.Core.Web;
using Xunit;

namespace NesMep.Core.Tests.Web;

/// <summary>PBKDF2 rounds from a measurement, on virtual time: each HMAC call costs what the simulated machine says.</summary>
public class Pbkdf2CalibrationTests
{
    /// <summary>A real HMAC that moves the virtual clock by the given microseconds per call (whole milliseconds as they add up).</summary>
    private sealed class TimedHmac(VirtualClock clock, long microsPerCall) : NesMep.Core.Web.IHmacSha256
    {
        private readonly TestHmac _hmac = new();
        private long _micros;

        public void Compute(byte[] key, byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            _hmac.Compute(key, data, offset, count, output, outputOffset);
            _micros += microsPerCall;
            clock.Advance(_micros / 1000);
            _micros %= 1000;
        }
    }

    [Theory]
    [InlineData(64, 50, 1000, 100000, 1280)]
    [InlineData(1000, 1000, 1000, 100000, 1000)]
    [InlineData(64, 320, 1000, 100000, Pbkdf2Calibration.MinIterations)] // slower than the floor allows: the floor
    [InlineData(4096, 50, 1000, 100000, 81920)]
    [InlineData(8192, 50, 1000, 100000, 100000)] // faster than the cap allows: the cap
    [InlineData(64, 0, 1000, 20000, 20000)] // too fast for the clock to see: the cap
    public void Rounds_scale_the_measurement_to_the_target_within_floor_and_cap(int rounds, long ms, long target, int max, int expected)
    {
        Assert.Equal(expected, Pbkdf2Calibration.IterationsFor(rounds, ms, target, max));
    }

    [Fact]
    public void Nonsense_measurements_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Pbkdf2Calibration.IterationsFor(0, 10, 1000, 100000));
        Assert.Throws<ArgumentOutOfRangeException>(() => Pbkdf2Calibration.IterationsFor(10, 10, 0, 100000));
        Assert.Throws<ArgumentOutOfRangeException>(() => Pbkdf2Calibration.IterationsFor(10, 10, 1000, 10));
    }

    [Theory]
    [InlineData(400, 2500)]      // an interpreted ESP32 round of a few hundred microseconds: about 2 500 rounds a second
    [InlineData(37, 27027)]      // a faster board
    [InlineData(1, 100000)]      // .NET speed: the device cap
    [InlineData(5000, 1000)]     // a very slow board: never under the floor
    public void Calibration_measures_on_the_clock_and_lands_near_one_second_per_check(long microsPerRound, int expected)
    {
        var clock = new VirtualClock();
        var hmac = new TimedHmac(clock, microsPerRound);
        int rounds = Pbkdf2Calibration.Calibrate(hmac, clock, Pbkdf2Calibration.DeviceMaxIterations);
        Assert.InRange(rounds, expected * 95 / 100, expected * 105 / 100);

        // A check with the result costs about the target, unless the floor or the cap decided.
        long before = clock.NowMs;
        Pbkdf2Calibration.Measure(hmac, clock, rounds);
        long ms = clock.NowMs - before;
        if (rounds != Pbkdf2Calibration.MinIterations && rounds != Pbkdf2Calibration.DeviceMaxIterations)
        {
            Assert.InRange(ms, 950, 1050);
        }
    }

    [Fact]
    public void Calibration_itself_stays_short_on_a_slow_board()
    {
        var clock = new VirtualClock();
        var hmac = new TimedHmac(clock, 400);
        Pbkdf2Calibration.Calibrate(hmac, clock, Pbkdf2Calibration.DeviceMaxIterations);
        Assert.InRange(clock.NowMs, 50, 100); // 64, 128 rounds: 26 + 51 ms
    }

    [Fact]
    public void Apply_gives_the_web_app_the_device_s_rounds_and_a_cap_half_again_above_them()
    {
        var clock = new VirtualClock();
        var log = new ListLog();
        var app = new WebApp(new FakePlatform(), new TimedHmac(clock, 400), new CountingRandom(), clock, log, new ModuleSettings(), "1.0");
        Assert.Equal(0, app.PasswordIterationsCap); // the Linux host's default: no cap, nothing renewed
        int rounds = Pbkdf2Calibration.Apply(app, clock);
        Assert.Equal(rounds, app.PasswordIterations);
        Assert.Equal(rounds + rounds / 2, app.PasswordIterationsCap);
        Assert.Contains(log.Lines, l => l.Contains(rounds + " PBKDF2 rounds per password check"));
    }
}
