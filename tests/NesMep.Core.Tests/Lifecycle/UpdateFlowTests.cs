using NesMep.Core.Lifecycle;
using NesMep.Core.Tests.Support;
using Xunit;

namespace NesMep.Core.Tests.Lifecycle;

/// <summary>Upload, trial, confirm and rollback of web UI sets, start after start, on the in-memory flash.</summary>
public class UpdateFlowTests
{
    private static readonly (string, byte[])[] V2 = UpdateFile.SampleSet("v2");
    private static readonly (string, byte[])[] V3 = UpdateFile.SampleSet("v3");

    [Fact]
    public void An_upload_runs_on_trial_after_the_reboot_and_confirms_itself_after_the_meter_was_read_and_the_UI_served()
    {
        var flash = new FlakyFlash();
        TestDevice d = TestDevice.Start(flash);
        Assert.Null(d.Served("app.js")); // built-in UI
        Assert.Null(d.Upload(UpdateFile.Build("0.2.0", V2)));
        Assert.Equal(UpdateState.SlotA, d.Updates.State.Pending);
        Assert.Null(d.Served("app.js")); // nothing changes before the reboot

        Assert.Equal(LifecycleAction.None, d.Life.Tick());
        d.Clock.Advance(LifecycleLimits.RebootDelayMs);
        Assert.Equal(LifecycleAction.Reboot, d.Life.Tick()); // the response had time to leave

        d = TestDevice.Start(flash, out BootRecord record);
        Assert.Equal(BootReason.UpdateTrial, record.Reason);
        Assert.Contains("0.2.0", record.Detail);
        Assert.True(d.Serves(V2));
        Assert.Null(d.Served("status.js")); // not in the update: the built-in file
        Assert.Equal(1, d.Updates.State.TrialBoots);
        Assert.True(d.Updates.TryFind("app.js", out _, out _, out _, out bool gzip, out string etag));
        Assert.True(gzip);
        Assert.Equal(64, etag.Length);

        // Minutes pass with the meter read but no page served: not yet.
        d.Updates.NoteMeterRead();
        d.Clock.Advance(LifecycleLimits.ConfirmAfterMs);
        Assert.Equal(LifecycleAction.None, d.Life.Tick());
        Assert.True(d.Updates.State.OnTrial);
        d.Updates.NoteUiServed();
        Assert.Equal(LifecycleAction.None, d.Life.Tick());
        Assert.False(d.Updates.State.OnTrial);
        Assert.Equal("the updated web UI confirmed itself", d.Life.Message);

        d = TestDevice.Start(flash, out record);
        Assert.Equal(BootReason.PowerOn, record.Reason);
        Assert.True(d.Serves(V2));
        Assert.False(d.Updates.State.OnTrial);
    }

    [Fact]
    public void Not_before_the_confirm_time_even_with_the_meter_read_and_the_UI_served()
    {
        TestDevice d = OnTrial(new FlakyFlash(), V2);
        d.Updates.NoteMeterRead();
        d.Updates.NoteUiServed();
        d.Clock.Advance(LifecycleLimits.ConfirmAfterMs - 1);
        d.Life.Tick();
        Assert.True(d.Updates.State.OnTrial);
        d.Clock.Advance(1);
        d.Life.Tick();
        Assert.False(d.Updates.State.OnTrial);
    }

    [Fact]
    public void A_crash_loop_brings_the_previous_set_back_by_itself()
    {
        var flash = new FlakyFlash();
        TestDevice d = OnTrial(flash, V2);
        Assert.Equal(TrialDecision.Confirmed, d.RunHealthy());
        Assert.Null(d.Upload(UpdateFile.Build("0.3.0", V3)));
        d = TestDevice.Start(flash); // trial boot 1 of the new set in slot B
        Assert.True(d.Serves(V3));
        for (int boot = 2; boot <= LifecycleLimits.MaxTrialBoots; boot++)
        {
            d = TestDevice.Start(flash); // it crashed (power-on: nobody asked for the reboot)
            Assert.Equal(boot, d.Updates.State.TrialBoots);
            Assert.True(d.Serves(V3));
        }

        d = TestDevice.Start(flash, out BootRecord record);
        Assert.Equal(BootReason.Rollback, record.Reason);
        Assert.Contains("after power_on", record.Detail);
        Assert.True(d.Serves(V2));
        Assert.False(d.Updates.State.OnTrial);
        Assert.False(flash.Exists(TestDevice.Root + "ui-b.pack")); // the failed set is gone
        Assert.Contains("not confirmed within 3 boots", d.Updates.State.LastRollback);
    }

    [Fact]
    public void A_first_update_that_never_confirms_falls_back_to_the_built_in_files_after_the_deadline()
    {
        var flash = new FlakyFlash();
        TestDevice d = OnTrial(flash, V2);
        d.Updates.NoteUiServed(); // the meter is never read
        d.Clock.Advance(LifecycleLimits.TrialDeadlineMs - 1);
        Assert.Equal(LifecycleAction.None, d.Life.Tick());
        d.Clock.Advance(1);
        Assert.Equal(LifecycleAction.Reboot, d.Life.Tick());
        Assert.Contains("did not confirm itself", d.Life.Message);

        d = TestDevice.Start(flash, out BootRecord record);
        Assert.Equal(BootReason.Rollback, record.Reason);
        Assert.Contains("not confirmed within 15 min", record.Detail);
        Assert.Null(d.Served("app.js"));
        Assert.Equal(UpdateState.BuiltIn, d.Updates.ServingSlot);
    }

    [Fact]
    public void A_new_upload_waits_until_the_trial_is_over()
    {
        TestDevice d = OnTrial(new FlakyFlash(), V2);
        var r = d.Updates.BeginUpload()!;
        Assert.NotNull(r.Begin(1000));
        Assert.Equal(409, r.ErrorStatus);
        d.Updates.EndUpload(r);
    }

    [Fact]
    public void Only_one_upload_at_a_time()
    {
        TestDevice d = TestDevice.Start(new FlakyFlash());
        UpdateReceiver first = d.Updates.BeginUpload()!;
        Assert.Null(d.Updates.BeginUpload());
        d.Updates.EndUpload(first);
        Assert.NotNull(d.Updates.BeginUpload());
    }

    [Fact]
    public void The_size_cap_and_a_missing_length_are_refused_before_anything_is_written()
    {
        var flash = new FlakyFlash();
        TestDevice d = TestDevice.Start(flash);
        var before = flash.Files.ToDictionary(f => f.Key, f => f.Value);
        flash.Operations = 0;

        UpdateReceiver r = d.Updates.BeginUpload()!;
        Assert.Contains("at most " + LifecycleLimits.MaxUploadBytes, r.Begin(LifecycleLimits.MaxUploadBytes + 1));
        Assert.Equal(413, r.ErrorStatus);
        Assert.NotNull(r.Write(new byte[10], 0, 10)); // refused stays refused
        d.Updates.EndUpload(r);

        r = d.Updates.BeginUpload()!;
        Assert.NotNull(r.Begin(-1));
        Assert.Equal(411, r.ErrorStatus);
        d.Updates.EndUpload(r);

        Assert.Equal(0, flash.Operations);
        Assert.Equal(before.Keys.Order(), flash.Files.Keys.Order());
    }

    [Fact]
    public void A_manifest_whose_files_exceed_the_cap_is_refused_before_any_file_is_written()
    {
        var flash = new FlakyFlash();
        TestDevice d = TestDevice.Start(flash);
        byte[] file = UpdateFile.Build("9", [("app.js", new byte[10])], m => m.Replace("file app.js 10 ", "file app.js 70000 "));
        flash.Operations = 0;
        Assert.Contains("at most 65536 fit", d.Upload(file, contentLength: 2000));
        Assert.Equal(0, flash.Operations);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(4096)]
    public void A_damaged_file_is_refused_and_everything_written_is_deleted(int chunk)
    {
        var flash = new FlakyFlash();
        TestDevice d = OnTrial(flash, V2);
        d.RunHealthy();
        byte[] file = UpdateFile.Build("0.3.0", V3);
        file[^5] ^= 0x40; // a bit flipped in the last file
        string? error = d.Upload(file, chunk);
        Assert.Contains("SHA-256 of app.css does not match", error);
        Assert.False(flash.Exists(TestDevice.Root + "ui-b.pack"));
        Assert.False(flash.Exists(TestDevice.Root + "ui-b.man"));
        Assert.Equal(0, d.Updates.State.Staging);
        Assert.Equal(0, d.Updates.State.Pending);
        Assert.True(d.Serves(V2));
        d.Clock.Advance(60_000);
        Assert.Equal(LifecycleAction.None, d.Life.Tick()); // no reboot for a refused upload
    }

    [Fact]
    public void A_body_that_does_not_match_its_length_or_manifest_is_refused()
    {
        TestDevice d = TestDevice.Start(new FlakyFlash());
        byte[] file = UpdateFile.Build("0.2.0", V2);
        Assert.Contains("manifest accounts for " + file.Length, d.Upload(file, contentLength: file.Length + 1));
        Assert.Contains("ended after " + (file.Length - 1), d.Upload(file[..^1], contentLength: file.Length));
        Assert.Contains("longer than its Content-Length", d.Upload(file.Concat(new byte[3]).ToArray(), contentLength: file.Length));
        Assert.Contains("no manifest", d.Upload(new byte[UpdateManifest.MaxBytes + 10], 100));
        Assert.Equal(0, d.Updates.State.Pending);
    }

    [Fact]
    public void A_second_upload_before_the_reboot_replaces_the_pending_one()
    {
        var flash = new FlakyFlash();
        TestDevice d = TestDevice.Start(flash);
        Assert.Null(d.Upload(UpdateFile.Build("0.2.0", V2)));
        Assert.Null(d.Upload(UpdateFile.Build("0.3.0", V3)));
        d = TestDevice.Start(flash);
        Assert.True(d.Serves(V3));
    }

    [Fact]
    public void A_damaged_state_file_serves_the_built_in_UI_and_says_why()
    {
        var flash = new FlakyFlash();
        OnTrial(flash, V2).RunHealthy();
        flash.WriteAll(TestDevice.Root + "update.state", "active=7\n"u8.ToArray());
        TestDevice d = TestDevice.Start(flash);
        Assert.True(flash.Exists(TestDevice.Root + "ui-a.pack")); // nothing deleted on a state it could not read
        Assert.Equal(UpdateState.BuiltIn, d.Updates.ServingSlot);
        Assert.Contains("incomplete or names an unknown slot", d.Updates.BootProblem);
        Assert.Null(d.Upload(UpdateFile.Build("0.2.0", V2))); // and updates still work
    }

    [Fact]
    public void A_drive_that_cannot_be_read_still_starts_with_the_built_in_UI_and_refuses_uploads_with_the_reason()
    {
        var flash = new FlakyFlash();
        TestDevice d = OnTrial(flash, V2);
        flash.ReadsFail = true;
        d = TestDevice.Start(flash, out BootRecord record); // does not throw
        Assert.Equal(BootReason.PowerOn, record.Reason);
        Assert.Contains("could not be read", d.Life.Records.Problem);
        Assert.True(d.Updates.Broken);
        Assert.Equal(UpdateState.BuiltIn, d.Updates.ServingSlot);
        Assert.Contains("corrupted block", d.Updates.BootProblem);
        UpdateReceiver r = d.Updates.BeginUpload()!;
        Assert.Contains("restart the module", r.Begin(100));
        Assert.Equal(503, r.ErrorStatus);
        d.Clock.Advance(LifecycleLimits.TrialDeadlineMs);
        Assert.Equal(LifecycleAction.None, d.Life.Tick());

        flash.ReadsFail = false; // the drive recovers: the trial goes on where it was
        d = TestDevice.Start(flash);
        Assert.True(d.Serves(V2));
        Assert.True(d.Updates.State.OnTrial);
    }

    /// <summary>Uploads <paramref name="set"/> and reboots into it: trial boot 1.</summary>
    internal static TestDevice OnTrial(FlakyFlash flash, (string, byte[])[] set)
    {
        TestDevice d = TestDevice.Start(flash);
        Assert.Null(d.Upload(UpdateFile.Build("x", set)));
        d = TestDevice.Start(flash);
        Assert.True(d.Updates.State.OnTrial);
        return d;
    }
}
