using NesMep.Core.Lifecycle;
using NesMep.Core.Tests.Support;
using Xunit;

namespace NesMep.Core.Tests.Lifecycle;

public class ButtonAndLedTests
{
    /// <summary>Samples every 50 ms; the button is down while <paramref name="down"/> says so; returns the decision and when it came.</summary>
    private static (ButtonDecision, long, bool) Run(Func<long, bool> down, long untilMs = 60_000)
    {
        var b = new FactoryResetButton(0);
        bool armedSeen = false;
        for (long t = 0; t <= untilMs; t += 50)
        {
            ButtonDecision d = b.Sample(down(t), t);
            armedSeen |= b.Armed;
            if (d != ButtonDecision.Undecided)
            {
                return (d, t, armedSeen);
            }
        }

        return (ButtonDecision.Undecided, untilMs, armedSeen);
    }

    [Fact]
    public void Held_ten_seconds_and_released_resets()
    {
        Assert.Equal(10_000, LifecycleLimits.FactoryResetHoldMs);
        var (d, at, armed) = Run(t => t >= 2000 && t < 12_500);
        Assert.Equal(ButtonDecision.FactoryReset, d);
        Assert.Equal(12_500, at);
        Assert.True(armed); // the LED told the user to let go
    }

    [Fact]
    public void The_provisioning_long_press_inside_the_window_is_not_a_reset()
    {
        var (d, _, armed) = Run(t => t >= 1000 && t < 1000 + NesMep.Core.Provisioning.ProvisioningTimings.LongPressMs + 2000);
        Assert.Equal(ButtonDecision.Normal, d);
        Assert.False(armed);
    }

    [Fact]
    public void Untouched_or_a_short_press_starts_normally_after_the_window()
    {
        Assert.Equal((ButtonDecision.Normal, LifecycleLimits.FactoryResetWindowMs, false), Run(_ => false));
        var (d, _, armed) = Run(t => t >= 1000 && t < 4000);
        Assert.Equal(ButtonDecision.Normal, d);
        Assert.False(armed);
    }

    [Fact]
    public void A_second_press_within_the_window_still_counts()
    {
        Assert.Equal(ButtonDecision.FactoryReset, Run(t => (t >= 500 && t < 1500) || (t >= 8000 && t < 19_000)).Item1);
    }

    [Fact]
    public void A_press_starting_after_the_window_is_ignored()
    {
        Assert.Equal(ButtonDecision.Normal, Run(t => t >= LifecycleLimits.FactoryResetWindowMs).Item1);
    }

    [Fact]
    public void A_stuck_button_never_resets()
    {
        var (d, at, _) = Run(_ => true);
        Assert.Equal(ButtonDecision.Stuck, d);
        Assert.Equal(LifecycleLimits.FactoryResetStuckMs, at);
    }

    [Fact]
    public void A_factory_reset_clears_the_settings_keeps_the_update_and_records_why()
    {
        var flash = new FlakyFlash();
        TestDevice d = UpdateFlowTests.OnTrial(flash, UpdateFile.SampleSet("v2"));
        d.RunHealthy();
        flash.WriteAll("I:\\settings.txt", [1]);
        flash.WriteAll("I:\\settings.txt.bak", [1]);
        flash.WriteAll("I:\\ca.pem", [2]);
        Assert.Equal(2, FactoryReset.Run(flash, ["I:\\settings.txt", "I:\\ca.pem"], d.Life));
        Assert.Equal(LifecycleAction.Reboot, d.Life.Tick());
        Assert.False(flash.Exists("I:\\settings.txt"));
        Assert.False(flash.Exists("I:\\settings.txt.bak"));
        Assert.False(flash.Exists("I:\\ca.pem"));

        d = TestDevice.Start(flash, out BootRecord r);
        Assert.Equal(BootReason.FactoryReset, r.Reason);
        Assert.True(d.Serves(UpdateFile.SampleSet("v2")));
    }

    [Theory]
    [InlineData(true, true, false, false, true, false, StatusLed.ResetArmed)]
    [InlineData(false, true, false, false, true, false, StatusLed.AccessPoint)]
    [InlineData(false, false, false, true, true, true, StatusLed.WifiJoining)]
    [InlineData(false, false, true, false, true, true, StatusLed.MeterDown)]
    [InlineData(false, false, true, true, true, false, StatusLed.MqttDown)]
    [InlineData(false, false, true, true, false, false, StatusLed.Ok)]
    [InlineData(false, false, true, true, true, true, StatusLed.Ok)]
    public void The_most_urgent_condition_picks_the_code(bool armed, bool ap, bool wifi, bool meter, bool mqttOn, bool mqttUp, int code)
    {
        Assert.Equal(code, StatusLed.Code(armed, ap, wifi, meter, mqttOn, mqttUp));
    }

    /// <summary>The lit intervals of one frame, as (start, length) in ms.</summary>
    private static List<(long, long)> Lit(int code, long from, long frame)
    {
        var runs = new List<(long, long)>();
        long start = -1;
        for (long t = from; t < from + frame; t++)
        {
            bool on = StatusLed.IsOn(code, t);
            if (on && start < 0)
            {
                start = t;
            }
            else if (!on && start >= 0)
            {
                runs.Add((start - from, t - start));
                start = -1;
            }
        }

        if (start >= 0)
        {
            runs.Add((start - from, from + frame - start));
        }

        return runs;
    }

    [Fact]
    public void Flash_codes_give_their_number_of_flashes_per_three_seconds_and_the_rest_blink_evenly()
    {
        Assert.Equal([(0L, 150L), (400L, 150L)], Lit(StatusLed.MeterDown, 30_000, 3000));
        Assert.Equal([(0L, 150L), (400L, 150L), (800L, 150L)], Lit(StatusLed.MqttDown, 30_000, 3000));
        Assert.Equal([(0L, 1000L)], Lit(StatusLed.AccessPoint, 4000, 2000));
        Assert.Equal(4, Lit(StatusLed.WifiJoining, 0, 1000).Count);
        Assert.Equal(10, Lit(StatusLed.ResetArmed, 0, 1000).Count);
        Assert.Equal([(0L, 3000L)], Lit(StatusLed.Ok, 0, 3000));
    }

    [Fact]
    public void The_next_change_is_the_first_edge_after_now()
    {
        foreach (int code in new[] { StatusLed.ResetArmed, StatusLed.AccessPoint, StatusLed.WifiJoining, StatusLed.MeterDown, StatusLed.MqttDown })
        {
            for (long now = 10_000; now < 13_000; now += 37)
            {
                long next = StatusLed.NextChangeMs(code, now);
                Assert.NotEqual(StatusLed.IsOn(code, now), StatusLed.IsOn(code, next));
                for (long t = now + 1; t < next; t++)
                {
                    Assert.Equal(StatusLed.IsOn(code, now), StatusLed.IsOn(code, t));
                }
            }
        }

        Assert.Equal(long.MaxValue, StatusLed.NextChangeMs(StatusLed.Ok, 5));
    }
}
