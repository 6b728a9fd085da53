using System.Text;
using System.Text.Json;
using NesMep.Core.Json;
using NesMep.Core.Lifecycle;
using NesMep.Core.Tests.Support;
using Xunit;

namespace NesMep.Core.Tests.Lifecycle;

public class BootRecordTests
{
    [Fact]
    public void A_start_nobody_asked_for_is_power_on_and_a_prepared_reason_names_the_next_start()
    {
        var flash = new FlakyFlash();
        TestDevice.Start(flash, out BootRecord first);
        Assert.Equal(1, first.Boot);
        Assert.Equal(BootReason.PowerOn, first.Reason);
        Assert.Null(first.AtUtc);
        Assert.Equal(-1, first.UptimeS);

        var d = TestDevice.Start(flash, out BootRecord second);
        Assert.Equal(2, second.Boot);
        d.Clock.Advance(90_000);
        d.Life.RequestReboot(BootReason.UserRequest, "from the web UI", 0);
        Assert.Equal(LifecycleAction.Reboot, d.Life.Tick());

        TestDevice.Start(flash, out BootRecord third);
        Assert.Equal(BootReason.UserRequest, third.Reason);
        Assert.Equal("from the web UI", third.Detail);
        Assert.Equal(90, third.UptimeS);
        Assert.Equal("2026-11-21T12:01:30.000Z", third.AtUtc);

        TestDevice.Start(flash, out BootRecord fourth); // the prepared reason was used once
        Assert.Equal(BootReason.PowerOn, fourth.Reason);
    }

    [Fact]
    public void The_first_reason_of_a_run_wins_and_the_history_keeps_the_newest_eight()
    {
        var flash = new FlakyFlash();
        for (int i = 0; i < 12; i++)
        {
            var d = TestDevice.Start(flash);
            d.Life.RecordCrash("NullReferenceException: run " + i);
            d.Life.RequestReboot(BootReason.UserRequest, "later", 0);
        }

        var last = TestDevice.Start(flash);
        BootRecord[] h = last.Life.Records.History;
        Assert.Equal(LifecycleLimits.BootHistory, h.Length);
        Assert.Equal(13, h[0].Boot);
        Assert.Equal(BootReason.Crash, h[0].Reason);
        Assert.Equal("NullReferenceException: run 11", h[0].Detail);
        Assert.Equal(6, h[^1].Boot);
    }

    [Fact]
    public void Details_lose_separators_and_line_breaks_and_are_capped()
    {
        var flash = new FlakyFlash();
        var d = TestDevice.Start(flash);
        d.Life.RecordCrash("a|b\nc" + new string('x', 300));
        TestDevice.Start(flash, out BootRecord r);
        Assert.StartsWith("a b c", r.Detail);
        Assert.Equal(BootRecords.MaxDetail, r.Detail.Length);
    }

    [Fact]
    public void A_damaged_line_is_reported_and_the_rest_kept()
    {
        var flash = new FlakyFlash();
        TestDevice.Start(flash);
        TestDevice.Start(flash);
        string path = TestDevice.Root + "boot.log";
        string text = Encoding.UTF8.GetString(flash.ReadAll(path));
        flash.WriteAll(path, Encoding.UTF8.GetBytes("garbage line\n" + text));
        var d = TestDevice.Start(flash, out BootRecord r);
        Assert.Equal(3, r.Boot);
        Assert.Equal(3, d.Life.Records.History.Length);
        Assert.Contains("line 1", d.Life.Records.Problem);
    }

    [Fact]
    public void The_status_json_lists_the_last_start_and_the_history()
    {
        var flash = new FlakyFlash();
        var d = TestDevice.Start(flash);
        d.Life.RequestReboot(BootReason.Watchdog, "mqtt thread silent", 0);
        d = TestDevice.Start(flash);
        var w = new JsonWriter();
        d.Life.Records.WriteJson(w);
        JsonElement j = JsonDocument.Parse(w.ToString()).RootElement;
        Assert.Equal("watchdog", j.GetProperty("last").GetProperty("reason").GetString());
        Assert.Equal("mqtt thread silent", j.GetProperty("last").GetProperty("detail").GetString());
        Assert.Equal(2, j.GetProperty("history").GetArrayLength());
        Assert.Equal("power_on", j.GetProperty("history")[1].GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, j.GetProperty("history")[1].GetProperty("uptime_s").ValueKind);
    }

    [Fact]
    public void Every_reason_has_a_name_that_parses_back()
    {
        for (int r = 0; r < BootReason.Count; r++)
        {
            Assert.Equal(r, BootReason.Parse(BootReason.Name(r)));
        }

        Assert.Equal(-1, BootReason.Parse("other"));
    }
}
