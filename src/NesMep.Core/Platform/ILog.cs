namespace NesMep.Core.Platform
{
    /// <summary>Line logger. Callers never pass secrets (the key type has no way to print itself).</summary>
    public interface ILog
    {
        bool IsEnabled(LogLevel level);

        void Write(LogLevel level, string message);
    }
}
