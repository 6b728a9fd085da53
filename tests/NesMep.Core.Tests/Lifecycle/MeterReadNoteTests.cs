using NesMep.Core.Lifecycle;
using NesMep.Core.Tests.Module;
using NesMep.Core.Tests.Support;
using Xunit;

namespace NesMep.Core.Tests.Lifecycle;

/// <summary>The update trial's "meter read" fact as the device supplies it: from the module's reading, not from a guess.</summary>
public class MeterReadNoteTests
{
    private static readonly (string, byte[])[] V2 = UpdateFile.SampleSet("v2");

    [Fact]
    public void The_trial_confirms_only_after_the_module_has_read_the_meter()
    {
        TestDevice d = UpdateFlowTests.OnTrial(new FlakyFlash(), V2);
        var rig = new ModuleRig();
        var note = new MeterReadNote(rig.Module, d.Updates, meterConfigured: true);
        d.Updates.NoteUiServed();
        d.Clock.Advance(LifecycleLimits.ConfirmAfterMs);

        Assert.Equal(long.MaxValue, note.Step(rig.Clock.NowMs)); // nothing read yet
        d.Life.Tick();
        Assert.True(d.Updates.State.OnTrial);

        rig.RunDue(120000); // the simulated meter answers the polls
        note.Step(rig.Clock.NowMs);
        d.Life.Tick();
        Assert.False(d.Updates.State.OnTrial);
        Assert.Equal("the updated web UI confirmed itself", d.Life.Message);
    }

    [Fact]
    public void Without_a_configured_meter_the_trial_does_not_wait_for_one()
    {
        TestDevice d = UpdateFlowTests.OnTrial(new FlakyFlash(), V2);
        var rig = new ModuleRig();
        _ = new MeterReadNote(rig.Module, d.Updates, meterConfigured: false);
        d.Updates.NoteUiServed();
        d.Clock.Advance(LifecycleLimits.ConfirmAfterMs);

        d.Life.Tick();

        Assert.False(d.Updates.State.OnTrial);
    }
}
