namespace NesMep.Core.Lifecycle
{
    /// <summary>
    /// The numbers of the device lifecycle in one place (docs/firmware.md, "Updates, rollback and
    /// recovery", quotes them).
    /// </summary>
    public static class LifecycleLimits
    {
        /// <summary>
        /// Largest pack (the files of one web UI set) accepted. Today's UI is ~18 KB gzip; two slots of
        /// this size plus their manifests take at most ~140 KB of the 256 KB I:\ drive, leaving the rest
        /// to settings, the CA certificate and littlefs' own blocks.
        /// </summary>
        public const int MaxPackBytes = 64 * 1024;

        /// <summary>Largest upload body: a manifest and a full pack.</summary>
        public const int MaxUploadBytes = MaxPackBytes + UpdateManifest.MaxBytes;

        /// <summary>Boots a set may start on trial without confirming; the next boot rolls it back.</summary>
        public const int MaxTrialBoots = 3;

        /// <summary>A trial set confirms itself no earlier than this after its boot (meter read and UI served too).</summary>
        public const long ConfirmAfterMs = 3 * 60 * 1000;

        /// <summary>A trial set not confirmed this long after its boot is rolled back (with a reboot).</summary>
        public const long TrialDeadlineMs = 15 * 60 * 1000;

        /// <summary>Wait between asking for a reboot and doing it, so the HTTP response gets out first.</summary>
        public const long RebootDelayMs = 2000;

        /// <summary>Boot records kept (newest first).</summary>
        public const int BootHistory = 8;

        /// <summary>
        /// How long the button must be held for a factory reset: twice the provisioning long press
        /// (<see cref="NesMep.Core.Provisioning.ProvisioningTimings.LongPressMs"/>, access point on/off), so one
        /// gesture is never taken for the other. During the window the button is this class's alone.
        /// </summary>
        public const long FactoryResetHoldMs = 2 * NesMep.Core.Provisioning.ProvisioningTimings.LongPressMs;

        /// <summary>After power-up, a press that starts later than this is not a factory-reset request.</summary>
        public const long FactoryResetWindowMs = 10000;

        /// <summary>A button held longer than this is taken as stuck (or shorted): no reset, the module starts normally.</summary>
        public const long FactoryResetStuckMs = 30000;
    }
}
