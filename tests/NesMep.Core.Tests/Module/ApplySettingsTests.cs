using NesMep.Core.Model;
using NesMep.Core.Module;
using Xunit;

namespace NesMep.Core.Tests.Module;

/// <summary>
/// New settings rebuild the meter side inside the module: uptime goes on; when the new settings cannot start
/// the previous ones are used again; when neither can, the module reports the failure (the host exits with 3).
/// </summary>
public class ApplySettingsTests
{
    [Fact]
    public void New_settings_rebuild_the_meter_side_and_uptime_goes_on()
    {
        var rig = new ModuleRig();
        rig.RunDue(20_000);
        long started = rig.Module.Context.StartedMs;
        MeterSideSnapshot before = MeterSideSnapshot.Of(rig);

        int result = rig.Module.ApplySettings(new RigSettings("second", PowerIntervalMs: 2000));
        long applied = rig.Clock.NowMs;
        rig.RunDue(applied + 20_000);

        Assert.Equal(MeterModule.Applied, result);
        Assert.Equal(1, rig.Module.Generation);
        Assert.Equal(["first", "second"], rig.Opened);
        Assert.NotSame(before.Side, rig.Module.Side);
        Assert.Equal("second", rig.Module.Context.Info.Source);
        Assert.Equal(started, rig.Module.Context.StartedMs);
        Assert.True(rig.Reading.UpdatedMs(Quantity.PowerImportW) > applied, "the new side polls");
        Assert.Equal(2000, rig.Module.Side.Poller.PowerItem(0).IntervalMs);
    }

    [Fact]
    public void Settings_that_cannot_start_fall_back_to_the_previous_ones()
    {
        var rig = new ModuleRig();
        rig.RunDue(20_000);

        int result = rig.Module.ApplySettings(new RigSettings("broken", Fails: true));
        long applied = rig.Clock.NowMs;
        rig.RunDue(applied + 20_000);

        Assert.Equal(MeterModule.KeptPrevious, result);
        Assert.Equal(["first", "broken", "first"], rig.Opened);
        Assert.Equal("first", ((RigSettings)rig.Module.Settings).Name);
        Assert.Contains(rig.Log.Lines, l => l.Contains("new settings: cannot start the meter side (cannot open broken); keeping the previous settings"));
        Assert.Null(rig.Module.FailureReason);
        Assert.True(rig.Reading.UpdatedMs(Quantity.PowerImportW) > applied, "polling goes on with the previous settings");
    }

    [Fact]
    public void When_neither_the_new_nor_the_previous_settings_start_the_module_reports_the_failure_and_stops_polling()
    {
        var rig = new ModuleRig();
        rig.RunDue(20_000);
        rig.Failing.Add("first"); // the device is gone: the previous settings cannot open it either

        int result = rig.Module.ApplySettings(new RigSettings("broken", Fails: true));

        Assert.Equal(MeterModule.Failed, result);
        Assert.Equal("the meter side cannot start with the previous settings either: cannot open first", rig.Module.FailureReason);
        Assert.Contains(rig.Log.Lines, l => l.EndsWith("; stopping the service"));
        Assert.Equal(long.MaxValue, rig.Module.Step());
    }

    private sealed record MeterSideSnapshot(MeterSide Side)
    {
        public static MeterSideSnapshot Of(ModuleRig rig) => new(rig.Module.Side);
    }
}
