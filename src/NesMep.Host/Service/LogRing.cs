namespace NesMep.Host.Service;

/// <summary>The last N log lines, for the log view.</summary>
public sealed class LogRing
{
    private readonly string[] _lines;
    private int _next;
    private int _count;

    public LogRing(int capacity) => _lines = new string[capacity];

    /// <summary>Adds a line; control characters are escaped here too, whoever wrote the line.</summary>
    public void Add(string line)
    {
        line = NesMep.Core.Web.TextSetting.Escape(line);
        lock (_lines)
        {
            _lines[_next] = line;
            _next = (_next + 1) % _lines.Length;
            if (_count < _lines.Length)
            {
                _count++;
            }
        }
    }

    public string[] Snapshot()
    {
        lock (_lines)
        {
            var result = new string[_count];
            int start = (_next - _count + _lines.Length) % _lines.Length;
            for (int i = 0; i < _count; i++)
            {
                result[i] = _lines[(start + i) % _lines.Length];
            }

            return result;
        }
    }
}
