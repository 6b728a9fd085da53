using NesMep.Core.Platform;
using NesMep.Host.Service;

namespace NesMep.Host.Tests.EndToEnd;

/// <summary>
/// A <see cref="ConsoleLog"/> into memory whose text can be read while other threads write: the
/// synchronized writer locks itself, so reading under the same lock never sees a half-written line.
/// </summary>
internal sealed class TestLog
{
    private readonly StringWriter _text = new();
    private readonly TextWriter _writer;

    public TestLog(LogLevel level = LogLevel.Info)
    {
        _writer = TextWriter.Synchronized(_text);
        Log = new ConsoleLog(_writer, level);
    }

    public ConsoleLog Log { get; }

    public string Text
    {
        get
        {
            lock (_writer)
            {
                return _text.ToString();
            }
        }
    }
}
