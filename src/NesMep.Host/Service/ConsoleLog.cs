using NesMep.Core.Platform;

namespace NesMep.Host.Service;

/// <summary>
/// Readable log lines: "2026-11-21T12:00:00.123Z INFO  message". Thread-safe. Control characters
/// in a message are escaped (a newline becomes \n), so a value quoted in a message (a user name, a
/// broker's error text, an exception) can never start a forged line of its own.
/// </summary>
public sealed class ConsoleLog : ILog
{
    private readonly TextWriter _out;
    private readonly LogLevel _minimum;
    private readonly object _gate = new();

    public ConsoleLog(TextWriter output, LogLevel minimum)
    {
        _out = output;
        _minimum = minimum;
    }

    /// <summary>Recent lines for the web UI's log view (ring buffer).</summary>
    public LogRing Ring { get; } = new(500);

    public bool IsEnabled(LogLevel level) => level >= _minimum;

    public void Write(LogLevel level, string message)
    {
        if (level < _minimum)
        {
            return;
        }

        string line = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ") + " " + Name(level) + " " + NesMep.Core.Web.TextSetting.Escape(message);
        lock (_gate)
        {
            _out.WriteLine(line);
            _out.Flush();
        }

        Ring.Add(line);
    }

    public static string Name(LogLevel level) => level switch
    {
        LogLevel.Debug => "DEBUG",
        LogLevel.Info => "INFO ",
        LogLevel.Warning => "WARN ",
        _ => "ERROR",
    };

    public static bool TryParseLevel(string text, out LogLevel level)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "debug":
                level = LogLevel.Debug;
                return true;
            case "info":
                level = LogLevel.Info;
                return true;
            case "warning":
            case "warn":
                level = LogLevel.Warning;
                return true;
            case "error":
                level = LogLevel.Error;
                return true;
            default:
                level = LogLevel.Info;
                return false;
        }
    }
}
