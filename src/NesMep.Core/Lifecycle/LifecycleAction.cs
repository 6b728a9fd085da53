namespace NesMep.Core.Lifecycle
{
    /// <summary>What <see cref="DeviceLifecycle.Tick"/> asks the device adapter to do.</summary>
    public enum LifecycleAction
    {
        None = 0,

        /// <summary>The reason is saved: reboot now (nanoFramework: Power.RebootDevice()).</summary>
        Reboot = 1,
    }
}
