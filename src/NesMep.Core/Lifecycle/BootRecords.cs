using System.Text;
using NesMep.Core.Json;
using NesMep.Core.Storage;

namespace NesMep.Core.Lifecycle
{
    /// <summary>
    /// The last reboot's reason and a short history (<see cref="LifecycleLimits.BootHistory"/>),
    /// kept in one small file saved whole (<see cref="SafeFileStore"/>). A reboot the software asks
    /// for (<see cref="Prepare"/>) saves its reason first; the next <see cref="OnBoot"/> turns it into
    /// the newest record. A start without a prepared reason is <see cref="BootReason.PowerOn"/>.
    /// Reads (status, MQTT) see a snapshot array that is replaced whole, never changed in place.
    /// </summary>
    public sealed class BootRecords
    {
        /// <summary>Longest detail kept.</summary>
        public const int MaxDetail = 120;

        private readonly SafeFileStore _store;
        private BootRecord[] _history = new BootRecord[0];
        private string? _pending;

        public BootRecords(IFileSystem fileSystem, string root)
        {
            Path = root + "boot.log";
            _store = new SafeFileStore(fileSystem, Path);
        }

        public string Path { get; private set; }

        /// <summary>Newest first; empty before <see cref="OnBoot"/>.</summary>
        public BootRecord[] History
        {
            get { return _history; }
        }

        /// <summary>This start's record, or null before <see cref="OnBoot"/>.</summary>
        public BootRecord? Last
        {
            get
            {
                BootRecord[] h = _history;
                return h.Length == 0 ? null : h[0];
            }
        }

        /// <summary>A line that could not be read at the last load (the rest was kept); null when none.</summary>
        public string? Problem { get; private set; }

        /// <summary>
        /// Once per start: adds this start's record (the prepared reason, else power-on with
        /// <paramref name="powerOnDetail"/>, e.g. the platform's reset cause when it has one) and saves.
        /// </summary>
        public BootRecord OnBoot(string powerOnDetail)
        {
            try
            {
                Load();
            }
            catch (System.Exception e)
            {
                Problem = "the boot records could not be read (" + e.Message + "); history restarted";
                _history = new BootRecord[0];
                _pending = null;
            }

            BootRecord? prev = _history.Length == 0 ? null : _history[0];
            int number = prev == null ? 1 : prev.Boot + 1;
            BootRecord record = new BootRecord(number, BootReason.PowerOn, Clean(powerOnDetail), null, -1);
            if (_pending != null)
            {
                BootRecord? p = ParseRecord(_pending);
                if (p != null)
                {
                    record = new BootRecord(number, p.Reason, p.Detail, p.AtUtc, p.UptimeS);
                }
            }

            _pending = null;
            Push(record);
            Save();
            return record;
        }

        /// <summary>Replaces the reason of this start's record (a rollback decided at boot outranks the reboot's cause).</summary>
        public void Amend(int reason, string detail)
        {
            BootRecord[] h = _history;
            if (h.Length == 0)
            {
                return;
            }

            BootRecord[] copy = new BootRecord[h.Length];
            System.Array.Copy(h, copy, h.Length);
            copy[0] = h[0].WithReason(reason, Clean(detail));
            _history = copy;
            Save();
        }

        /// <summary>
        /// Saves why the coming reboot happens, before it happens. The first reason prepared in a run
        /// wins (a watchdog reboot that a crash races stays a watchdog reboot). Returns false when it
        /// could not be saved.
        /// </summary>
        public bool Prepare(int reason, string detail, string? atUtc, long uptimeS)
        {
            if (_pending != null)
            {
                return true;
            }

            _pending = Line(new BootRecord(0, reason, Clean(detail), atUtc, uptimeS));
            return Save();
        }

        /// <summary>Writes {"last": record, "history": [records, newest first]}.</summary>
        public void WriteJson(JsonWriter w)
        {
            BootRecord[] h = _history;
            w.BeginObject();
            w.Name("last");
            if (h.Length == 0)
            {
                w.Null();
            }
            else
            {
                WriteRecord(w, h[0]);
            }

            w.Name("history").BeginArray();
            for (int i = 0; i < h.Length; i++)
            {
                WriteRecord(w, h[i]);
            }

            w.EndArray();
            w.EndObject();
        }

        /// <summary>"reboot_reason" and "reboot_detail" of the last start (MQTT diagnostics); nothing when <paramref name="records"/> is null or empty.</summary>
        public static void WriteSummary(JsonWriter w, BootRecords? records)
        {
            BootRecord? last = records == null ? null : records.Last;
            if (last != null)
            {
                w.Property("reboot_reason", BootReason.Name(last.Reason));
                w.Property("reboot_detail", last.Detail);
            }
        }

        public static void WriteRecord(JsonWriter w, BootRecord r)
        {
            w.BeginObject();
            w.Property("boot", r.Boot);
            w.Property("reason", BootReason.Name(r.Reason));
            w.Property("detail", r.Detail);
            w.Property("at", r.AtUtc);
            w.Name("uptime_s");
            if (r.UptimeS < 0)
            {
                w.Null();
            }
            else
            {
                w.Number(r.UptimeS);
            }

            w.EndObject();
        }

        private void Push(BootRecord record)
        {
            BootRecord[] h = _history;
            int n = h.Length < LifecycleLimits.BootHistory ? h.Length + 1 : LifecycleLimits.BootHistory;
            BootRecord[] next = new BootRecord[n];
            next[0] = record;
            System.Array.Copy(h, 0, next, 1, n - 1);
            _history = next;
        }

        private void Load()
        {
            Problem = null;
            _pending = null;
            byte[]? data = _store.Load();
            if (data == null)
            {
                _history = new BootRecord[0];
                return;
            }

            string[] lines;
            try
            {
                lines = new string(Encoding.UTF8.GetChars(data)).Split('\n');
            }
            catch (System.Exception)
            {
                Problem = "the boot record file is not text; history restarted";
                _history = new BootRecord[0];
                return;
            }

            BootRecord[] found = new BootRecord[LifecycleLimits.BootHistory];
            int n = 0;
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                if (line.Length == 0)
                {
                    continue;
                }

                if (line.StartsWith("pending "))
                {
                    _pending = line.Substring(8);
                    continue;
                }

                BootRecord? r = ParseRecord(line);
                if (r == null || r.Boot < 1)
                {
                    Problem = "line " + (i + 1) + " of the boot record file could not be read";
                }
                else if (n < found.Length)
                {
                    found[n++] = r;
                }
            }

            BootRecord[] h = new BootRecord[n];
            System.Array.Copy(found, h, n);
            _history = h;
        }

        private bool Save()
        {
            StringBuilder sb = new StringBuilder();
            if (_pending != null)
            {
                sb.Append("pending ").Append(_pending).Append('\n');
            }

            BootRecord[] h = _history;
            for (int i = 0; i < h.Length; i++)
            {
                sb.Append(Line(h[i])).Append('\n');
            }

            try
            {
                return _store.Save(Encoding.UTF8.GetBytes(sb.ToString())) == null;
            }
            catch (System.Exception e)
            {
                string why = "the boot records could not be saved (" + e.Message + ")";
                Problem = Problem == null ? why : Problem + "; " + why;
                return false;
            }
        }

        /// <summary>boot|reason|at|uptime_s|detail (the detail last: it is cleaned of '|' and line breaks anyway).</summary>
        private static string Line(BootRecord r)
        {
            return r.Boot + "|" + BootReason.Name(r.Reason) + "|" + (r.AtUtc ?? "") + "|" + r.UptimeS + "|" + r.Detail;
        }

        private static BootRecord? ParseRecord(string line)
        {
            string[] f = line.Split('|');
            if (f.Length != 5)
            {
                return null;
            }

            int boot;
            int reason = BootReason.Parse(f[1]);
            long uptime;
            if (!NesMep.Core.Web.WebText.TryParseInt(f[0], out boot) || reason < 0 || !TryParseLong(f[3], out uptime))
            {
                return null;
            }

            return new BootRecord(boot, reason, Clean(f[4]), f[2].Length == 0 ? null : f[2], uptime);
        }

        private static bool TryParseLong(string text, out long value)
        {
            int v;
            bool ok = NesMep.Core.Web.WebText.TryParseInt(text, out v);
            value = v;
            return ok && v >= -1;
        }

        /// <summary>Printable, without the field separator or line breaks, at most <see cref="MaxDetail"/> characters.</summary>
        private static string Clean(string detail)
        {
            if (detail == null)
            {
                return "";
            }

            char[] c = detail.ToCharArray();
            int n = c.Length < MaxDetail ? c.Length : MaxDetail;
            for (int i = 0; i < n; i++)
            {
                if (c[i] == '|' || c[i] < ' ')
                {
                    c[i] = ' ';
                }
            }

            return new string(c, 0, n);
        }
    }
}
