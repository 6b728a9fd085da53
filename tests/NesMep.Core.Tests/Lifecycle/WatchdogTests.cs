using NesMep.Core.Lifecycle;
using NesMep.Core.Tests.Support;
using Xunit;

namespace NesMep.Core.Tests.Lifecycle;

public class WatchdogTests
{
    [Fact]
    public void A_thread_that_stops_beating_past_its_limit_is_named_and_others_are_not()
    {
        var clock = new VirtualClock();
        var w = new SoftwareWatchdog(clock);
        int meter = w.Register("meter", 60_000);
        int web = w.Register("web", 120_000);
        for (int s = 0; s < 200; s++)
        {
            clock.Advance(1000);
            w.Beat(web);
            if (s < 10)
            {
                w.Beat(meter);
            }

            int stalled = w.Check(clock.NowMs);
            if (clock.NowMs - 10_000 <= 60_000)
            {
                Assert.Equal(-1, stalled);
            }
            else
            {
                Assert.Equal(meter, stalled);
                Assert.Equal("meter", w.Name(stalled));
                return;
            }
        }

        Assert.Fail("the stall was never seen");
    }

    [Fact]
    public void An_idle_thread_waiting_for_work_is_not_a_stall_until_it_beats_again()
    {
        var clock = new VirtualClock();
        var w = new SoftwareWatchdog(clock);
        int web = w.Register("web", 5000);
        w.Idle(web); // waiting in accept
        clock.Advance(3_600_000);
        Assert.Equal(-1, w.Check(clock.NowMs));
        Assert.Equal(0, w.SilentMs(web, clock.NowMs));
        w.Beat(web); // a request came in and hangs
        clock.Advance(5001);
        Assert.Equal(web, w.Check(clock.NowMs));
    }

    [Fact]
    public void A_stall_saves_a_watchdog_record_and_asks_for_a_reboot_at_once()
    {
        var flash = new FlakyFlash();
        var d = TestDevice.Start(flash);
        int mqtt = d.Life.Watchdog.Register("mqtt", 90_000);
        d.Clock.Advance(90_000);
        Assert.Equal(LifecycleAction.None, d.Life.Tick());
        d.Clock.Advance(1000);
        Assert.Equal(LifecycleAction.Reboot, d.Life.Tick());
        Assert.Contains("mqtt thread silent for 91 s (limit 90 s)", d.Life.Message);
        Assert.Equal(0, mqtt);

        TestDevice.Start(flash, out BootRecord r);
        Assert.Equal(BootReason.Watchdog, r.Reason);
        Assert.Equal("mqtt thread silent for 91 s (limit 90 s)", r.Detail);
        Assert.Equal(91, r.UptimeS);
    }

    [Fact]
    public void More_threads_than_it_watches_is_a_clear_error()
    {
        var w = new SoftwareWatchdog(new VirtualClock());
        for (int i = 0; i < SoftwareWatchdog.MaxThreads; i++)
        {
            w.Register("t" + i, 1000);
        }

        Assert.Contains("at most 8", Assert.Throws<InvalidOperationException>(() => w.Register("one more", 1000)).Message);
    }
}
