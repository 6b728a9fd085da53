namespace NesMep.Core.Module
{
    /// <summary>
    /// Implemented by each host: opens the meter side (transport, transceiver control, link, poller, reading)
    /// for a set of settings. The settings object is the host's until the core settings model takes its place.
    /// </summary>
    public interface IMeterSideFactory
    {
        /// <summary>Opens the meter side; throws (with a message naming what failed) when it cannot start.</summary>
        MeterSide Open(object settings);
    }
}
