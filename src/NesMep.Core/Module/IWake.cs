namespace NesMep.Core.Module
{
    /// <summary>
    /// Wakes the thread that drives <see cref="MeterModule.Step"/> before its due time, when something outside
    /// the loop gave it work (a console read, new settings). Linux: an event; device: the same.
    /// </summary>
    public interface IWake
    {
        void Wake();
    }
}
