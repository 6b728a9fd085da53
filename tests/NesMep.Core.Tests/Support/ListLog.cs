using NesMep.Core.Platform;

namespace NesMep.Core.Tests.Support;

public sealed class ListLog : ILog
{
    public List<string> Lines { get; } = new();

    public bool IsEnabled(LogLevel level) => true;

    public void Write(LogLevel level, string message) => Lines.Add(level + " " + message);
}
