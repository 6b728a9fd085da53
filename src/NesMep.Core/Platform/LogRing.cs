using NesMep.Core.Web;

namespace NesMep.Core.Platform
{
    /// <summary>
    /// The last N log lines for the web UI's log view, on both hosts: a fixed ring of strings, filled by the
    /// host's log writer and read as a snapshot. Control characters are escaped here whoever wrote the line,
    /// so a setting or a reply cannot forge log lines.
    /// </summary>
    public sealed class LogRing
    {
        private readonly string[] _lines;
        private int _next;
        private int _count;

        public LogRing(int capacity)
        {
            _lines = new string[capacity];
        }

        public int Capacity
        {
            get { return _lines.Length; }
        }

        /// <summary>Adds a line, dropping the oldest when full.</summary>
        public void Add(string line)
        {
            line = TextSetting.Escape(line);
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

        /// <summary>The lines held, oldest first.</summary>
        public string[] Snapshot()
        {
            lock (_lines)
            {
                string[] result = new string[_count];
                int start = (_next - _count + _lines.Length) % _lines.Length;
                for (int i = 0; i < _count; i++)
                {
                    result[i] = _lines[(start + i) % _lines.Length];
                }

                return result;
            }
        }
    }
}
