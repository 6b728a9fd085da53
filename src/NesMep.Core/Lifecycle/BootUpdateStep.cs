namespace NesMep.Core.Lifecycle
{
    /// <summary>What <see cref="UpdateManager.Boot"/> did with the update sets.</summary>
    public enum BootUpdateStep
    {
        None = 0,

        /// <summary>A staged set was complete: this boot runs it on trial (first trial boot).</summary>
        TrialStarted = 1,

        /// <summary>Another boot of a set on trial.</summary>
        TrialContinued = 2,

        /// <summary>The trial set was not confirmed in time: the previous set is back.</summary>
        RolledBack = 3,

        /// <summary>An upload cut short (power, reboot) was deleted.</summary>
        DroppedPartial = 4,
    }

    /// <summary>What <see cref="UpdateManager.Tick"/> decided.</summary>
    public enum TrialDecision
    {
        None = 0,

        /// <summary>The trial set is now the confirmed set.</summary>
        Confirmed = 1,

        /// <summary>The trial ran out of time: reboot, and the next boot rolls back.</summary>
        RollBack = 2,
    }
}
