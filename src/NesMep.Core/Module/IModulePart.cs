namespace NesMep.Core.Module
{
    /// <summary>
    /// A timed part of the module beside the meter side (the MQTT supervisor): stepped on the module's thread
    /// after the meter side, outside the meter lock, and telling when it next needs a step.
    /// </summary>
    public interface IModulePart
    {
        /// <summary>Does what is due at <paramref name="nowMs"/>; returns the next due time (long.MaxValue: none).</summary>
        long Step(long nowMs);
    }
}
