using NesMep.Core.Lifecycle;
using NesMep.Core.Tests.Support;
using Xunit;

namespace NesMep.Core.Tests.Lifecycle;

/// <summary>
/// A power cut after every single file operation of staging, switching, confirming and rolling
/// back: the flash stops at operation N (a cut write or append leaves half of it), power comes
/// back, the device starts again. Whatever N, the UI served afterwards is exactly one complete set,
/// never a mix, and nothing is left on I:\ that no state names.
/// </summary>
public class PowerCutTests
{
    private static readonly (string, byte[])[] V2 = UpdateFile.SampleSet("v2");
    private static readonly (string, byte[])[] V3 = UpdateFile.SampleSet("v3");

    private static readonly string[] Allowed =
    [
        "update.state", "boot.log", "ui-a.man", "ui-a.pack", "ui-b.man", "ui-b.pack",
    ];

    /// <summary>A device serving V2 from slot A, confirmed.</summary>
    private static FlakyFlash ConfirmedV2()
    {
        var flash = new FlakyFlash();
        TestDevice d = UpdateFlowTests.OnTrial(flash, V2);
        Assert.Equal(TrialDecision.Confirmed, d.RunHealthy());
        return flash;
    }

    private static void AssertTidy(FlakyFlash flash, TestDevice d)
    {
        foreach (string path in flash.Files.Keys)
        {
            Assert.Contains(path[TestDevice.Root.Length..], Allowed);
        }

        UpdateState s = d.Updates.State;
        Assert.Equal(0, s.Staging);
        foreach (int slot in new[] { UpdateState.SlotA, UpdateState.SlotB })
        {
            bool named = s.Active == slot || s.Previous == slot || s.Pending == slot;
            if (!named)
            {
                Assert.False(flash.Exists(d.Updates.Files.PackPath(slot)), "unnamed pack " + slot);
            }
        }
    }

    /// <summary>Runs <paramref name="step"/> with the power cut at operation n, for n = 1, 2, … until it completes uncut.</summary>
    private static int EveryCut(Func<FlakyFlash> prepare, Action<FlakyFlash> step, Action<FlakyFlash, bool> check)
    {
        for (int n = 1; n < 10_000; n++)
        {
            FlakyFlash flash = prepare();
            flash.Operations = 0;
            flash.CrashAt = n;
            try
            {
                step(flash);
            }
            catch (IOException)
            {
                // the cut reached the step; the core may also have caught it and gone on in memory
            }

            bool finished = !flash.Cut;
            flash.PowerBack();
            check(flash, finished);
            if (finished)
            {
                return n; // the step needs fewer than n operations: every cut point was tried
            }
        }

        throw new InvalidOperationException("the step never completed");
    }

    [Fact]
    public void A_cut_anywhere_in_staging_keeps_the_running_set_or_starts_the_new_one_complete()
    {
        byte[] file = UpdateFile.Build("0.3.0", V3);
        int newOnes = 0;
        int cuts = EveryCut(
            ConfirmedV2,
            flash => TestDevice.Start(flash).Upload(file, 300),
            (flash, finished) =>
            {
                TestDevice d = TestDevice.Start(flash);
                bool old = d.Serves(V2) && d.Updates.ServingSlot == UpdateState.SlotA && !d.Updates.State.OnTrial;
                bool fresh = d.Serves(V3) && d.Updates.ServingSlot == UpdateState.SlotB && d.Updates.State.OnTrial;
                Assert.True(old || fresh, "neither set complete after a cut");
                Assert.True(!finished || fresh, "a finished upload must start on trial");
                newOnes += fresh ? 1 : 0;
                AssertTidy(flash, d);

                // And the device can still be updated afterwards.
                if (old)
                {
                    Assert.Null(d.Upload(file));
                }
            });
        Assert.True(cuts > 10, "staging took only " + cuts + " operations");
        Assert.True(newOnes >= 1);
    }

    [Fact]
    public void A_cut_anywhere_in_the_switch_at_boot_still_starts_the_new_set_on_trial()
    {
        byte[] file = UpdateFile.Build("0.3.0", V3);
        FlakyFlash Staged()
        {
            FlakyFlash flash = ConfirmedV2();
            Assert.Null(TestDevice.Start(flash).Upload(file));
            return flash;
        }

        EveryCut(
            Staged,
            flash => TestDevice.Start(flash),
            (flash, finished) =>
            {
                TestDevice d = TestDevice.Start(flash);
                Assert.True(d.Serves(V3));
                Assert.True(d.Updates.State.OnTrial);
                Assert.InRange(d.Updates.State.TrialBoots, 1, 2); // the cut start may have counted
                Assert.Equal(UpdateState.SlotA, d.Updates.State.Previous);
                AssertTidy(flash, d);
            });
    }

    [Fact]
    public void A_cut_anywhere_in_a_rollback_still_ends_on_the_previous_set()
    {
        FlakyFlash LastTrialBoot()
        {
            FlakyFlash flash = ConfirmedV2();
            Assert.Null(TestDevice.Start(flash).Upload(UpdateFile.Build("0.3.0", V3)));
            for (int i = 0; i < LifecycleLimits.MaxTrialBoots; i++)
            {
                TestDevice.Start(flash);
            }

            return flash;
        }

        EveryCut(
            LastTrialBoot,
            flash => TestDevice.Start(flash),
            (flash, finished) =>
            {
                TestDevice d = TestDevice.Start(flash);
                Assert.True(d.Serves(V2));
                Assert.False(d.Updates.State.OnTrial);
                Assert.Equal(UpdateState.SlotA, d.Updates.ServingSlot);
                AssertTidy(flash, d);
            });
    }

    [Fact]
    public void A_cut_while_confirming_leaves_the_trial_or_the_confirmed_set_never_a_rollback_of_a_confirmed_one()
    {
        FlakyFlash Trial() => UpdateFlowTests.OnTrial(new FlakyFlash(), V2).Flash;
        EveryCut(
            Trial,
            flash =>
            {
                var d = new TestDevice(flash);
                d.Life.Boot("");
                d.RunHealthy();
            },
            (flash, finished) =>
            {
                TestDevice d = TestDevice.Start(flash);
                Assert.True(d.Serves(V2));
                if (finished)
                {
                    Assert.False(d.Updates.State.OnTrial);
                }

                AssertTidy(flash, d);
            });
    }

    [Fact]
    public void A_cut_while_a_damaged_upload_is_cleaned_up_leaves_no_half_set()
    {
        byte[] file = UpdateFile.Build("0.3.0", V3);
        file[^1] ^= 1;
        EveryCut(
            ConfirmedV2,
            flash => TestDevice.Start(flash).Upload(file, 500),
            (flash, finished) =>
            {
                TestDevice d = TestDevice.Start(flash);
                Assert.True(d.Serves(V2));
                Assert.Equal(0, d.Updates.State.Pending);
                AssertTidy(flash, d);
            });
    }
}
