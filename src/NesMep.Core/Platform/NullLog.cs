namespace NesMep.Core.Platform
{
    /// <summary>A log that drops everything.</summary>
    public sealed class NullLog : ILog
    {
        public static readonly NullLog Instance = new NullLog();

        public bool IsEnabled(LogLevel level)
        {
            return false;
        }

        public void Write(LogLevel level, string message)
        {
        }
    }
}
