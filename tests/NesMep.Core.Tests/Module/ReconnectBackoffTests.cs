using NesMep.Core.Model;
using NesMep.Core.Module;
using Xunit;

namespace NesMep.Core.Tests.Module;

/// <summary>
/// A dropped transport (serial server over TCP) is reconnected by the module with back-off timed by its clock:
/// 1 s, doubling up to 30 s; one log line when lost and one when back; the meter is polled on in between.
/// </summary>
public class ReconnectBackoffTests
{
    [Fact]
    public void Reconnect_back_off_doubles_up_to_30_s()
    {
        int delay = ReconnectBackoff.FirstDelayMs;
        var seen = new List<int> { delay };
        for (int i = 0; i < 8; i++)
        {
            delay = ReconnectBackoff.NextDelayMs(delay);
            seen.Add(delay);
        }

        Assert.Equal([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000], seen);
    }

    [Fact]
    public void A_lost_connection_is_logged_once_retried_with_back_off_on_the_module_clock_and_logged_when_back()
    {
        var connection = new FakeConnection();
        var rig = new ModuleRig { Connection = connection };
        connection.Now = () => rig.Clock.NowMs;
        rig.Module.ApplySettings(new RigSettings("tcp")); // the side opened now holds the connection
        rig.RunDue(30_000);
        Assert.True(rig.Reading.UpdatedMs(Quantity.PowerImportW) > 0, "polling before the drop");

        connection.Connected = false;
        long dropped = rig.Clock.NowMs;
        rig.RunDue(dropped + 40_000);
        long seen = connection.FirstSeenDownMs;
        Assert.InRange(seen - dropped, 0, 1500); // the next step sees it (a real socket wakes the loop at once)
        Assert.Equal(new long[] { 1000, 3000, 7000, 15000, 31000 }, connection.Attempts.Select(t => t - seen).ToArray());

        connection.SucceedNext = true;
        rig.RunDue(rig.Clock.NowMs + 31_000);
        Assert.Equal(6, connection.Attempts.Count);
        Assert.Equal(seen + 61_000, connection.Attempts[5]);
        Assert.Single(rig.Log.Lines, l => l.Contains("connection to fake:1 lost; reconnecting"));
        Assert.Single(rig.Log.Lines, l => l.Contains("reconnected to fake:1"));
        long back = rig.Clock.NowMs;
        rig.RunDue(back + 5000);
        Assert.True(rig.Reading.UpdatedMs(Quantity.PowerImportW) > back, "polling after the reconnect");

        // After a reconnect the back-off starts again at 1 s.
        connection.Connected = false;
        connection.SucceedNext = false;
        int before = connection.Attempts.Count;
        long lostAgain = rig.Clock.NowMs;
        rig.RunDue(lostAgain + 5000);
        Assert.Equal(2, connection.Attempts.Count - before);
        Assert.Equal(2000, connection.Attempts[before + 1] - connection.Attempts[before]);
    }

    /// <summary>A connection that drops when told; records the times of reconnect attempts.</summary>
    private sealed class FakeConnection : IMeterConnection
    {
        public bool Connected { get; set; } = true;

        public bool SucceedNext { get; set; }

        public List<long> Attempts { get; } = new();

        public Func<long>? Now { get; set; }

        /// <summary>When the module first found the connection down, or -1.</summary>
        public long FirstSeenDownMs { get; private set; } = -1;

        public bool IsConnected
        {
            get
            {
                if (!Connected && FirstSeenDownMs < 0)
                {
                    FirstSeenDownMs = Now!();
                }

                return Connected;
            }
        }

        public string Endpoint => "fake:1";

        public bool TryReconnect()
        {
            Attempts.Add(Now!());
            Connected = SucceedNext;
            return SucceedNext;
        }
    }
}
