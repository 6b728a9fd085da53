using System.Text;
using NesMep.Core.Protocol;
using NesMep.Core.Web;

namespace NesMep.Core.Lifecycle
{
    /// <summary>
    /// The text manifest at the start of an update upload (docs/firmware.md, "Updates, rollback and
    /// recovery"): ASCII lines ending in "\n" (a "\r" before it is ignored), up to the first empty line:
    /// <code>
    /// nesmep-update 1
    /// kind webui
    /// version 0.2.0
    /// file app.js 1694 &lt;64 hex digits of SHA-256&gt; gzip
    /// </code>
    /// The files' bytes follow the empty line, concatenated in the order listed ("the pack"); "gzip"
    /// marks content stored gzip-compressed. Parsing never throws: it returns null and says why.
    /// </summary>
    public sealed class UpdateManifest
    {
        public const string Magic = "nesmep-update 1";

        /// <summary>The only kind a stock ESP32 image can take from the web UI (docs/firmware.md says why).</summary>
        public const string WebUiKind = "webui";

        /// <summary>Longest manifest text, blank line included.</summary>
        public const int MaxBytes = 2048;

        public const int MaxFiles = 40;

        public const int MaxNameLength = 48;

        public const int HashBytes = 32;

        private readonly string[] _names;
        private readonly int[] _sizes;
        private readonly int[] _offsets;
        private readonly bool[] _gzip;
        private readonly byte[] _hashes;

        private UpdateManifest(string version, string[] names, int[] sizes, bool[] gzip, byte[] hashes, int count)
        {
            // Kept for the whole run (the set in use): exact-size copies of the parse buffers.
            Version = version;
            Count = count;
            _names = new string[count];
            _sizes = new int[count];
            _gzip = new bool[count];
            _hashes = new byte[count * HashBytes];
            System.Array.Copy(names, _names, count);
            System.Array.Copy(sizes, _sizes, count);
            System.Array.Copy(gzip, _gzip, count);
            System.Array.Copy(hashes, _hashes, count * HashBytes);
            _offsets = new int[count];
            int at = 0;
            for (int i = 0; i < count; i++)
            {
                _offsets[i] = at;
                at += sizes[i];
            }

            PackBytes = at;
        }

        public string Version { get; private set; }

        public int Count { get; private set; }

        /// <summary>Sum of the file sizes: the length of the pack after the manifest.</summary>
        public int PackBytes { get; private set; }

        public string Name(int i)
        {
            return _names[i];
        }

        public int Size(int i)
        {
            return _sizes[i];
        }

        /// <summary>Where file i starts in the pack.</summary>
        public int Offset(int i)
        {
            return _offsets[i];
        }

        public bool Gzip(int i)
        {
            return _gzip[i];
        }

        /// <summary>Whether digest[offset..offset+32) is file i's SHA-256 from the manifest.</summary>
        public bool HashEquals(int i, byte[] digest, int offset)
        {
            int diff = 0;
            for (int k = 0; k < HashBytes; k++)
            {
                diff |= _hashes[i * HashBytes + k] ^ digest[offset + k];
            }

            return diff == 0;
        }

        /// <summary>File i's SHA-256 as lower-case hex (an ETag for the UI file).</summary>
        public string HashHex(int i)
        {
            char[] c = new char[2 * HashBytes];
            for (int k = 0; k < HashBytes; k++)
            {
                int b = _hashes[i * HashBytes + k];
                c[2 * k] = Hex.LowerDigit(b >> 4);
                c[2 * k + 1] = Hex.LowerDigit(b & 15);
            }

            return new string(c);
        }

        /// <summary>Index of the file served under <paramref name="name"/>, or -1.</summary>
        public int IndexOf(string name)
        {
            for (int i = 0; i < Count; i++)
            {
                if (_names[i] == name)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>
        /// Length of the manifest at the start of data[0..count), blank line included, or -1 when the
        /// blank line has not arrived yet.
        /// </summary>
        public static int FindEnd(byte[] data, int count)
        {
            for (int i = 1; i < count; i++)
            {
                if (data[i] == (byte)'\n' && (data[i - 1] == (byte)'\n' || (data[i - 1] == (byte)'\r' && i >= 2 && data[i - 2] == (byte)'\n')))
                {
                    return i + 1;
                }
            }

            return -1;
        }

        /// <summary>The manifest in data[0..length) (as <see cref="FindEnd"/> measured it), or null with the reason.</summary>
        public static UpdateManifest? Parse(byte[] data, int length, int maxPackBytes, out string? error)
        {
            error = null;
            for (int i = 0; i < length; i++)
            {
                if (data[i] > 126 || (data[i] < 32 && data[i] != (byte)'\n' && data[i] != (byte)'\r' && data[i] != (byte)'\t'))
                {
                    return Fail("the manifest must be plain ASCII text", out error);
                }
            }

            string[] lines = Encoding.UTF8.GetString(data, 0, length).Split('\n');
            if (lines.Length == 0 || Trim(lines[0]) != Magic)
            {
                return Fail("not an update file: it must start with the line '" + Magic + "'", out error);
            }

            string? kind = null;
            string? version = null;
            string[] names = new string[MaxFiles];
            int[] sizes = new int[MaxFiles];
            bool[] gzip = new bool[MaxFiles];
            byte[] hashes = new byte[MaxFiles * HashBytes];
            int count = 0;
            long total = 0;
            for (int n = 1; n < lines.Length; n++)
            {
                string line = Trim(lines[n]);
                if (line.Length == 0)
                {
                    continue;
                }

                string[] f = line.Split(' ');
                string where = " (manifest line " + (n + 1) + ")";
                if (f[0] == "kind" && f.Length == 2 && kind == null)
                {
                    kind = f[1];
                }
                else if (f[0] == "version" && f.Length == 2 && version == null)
                {
                    version = f[1];
                }
                else if (f[0] == "file")
                {
                    if (count == MaxFiles)
                    {
                        return Fail("more than " + MaxFiles + " files" + where, out error);
                    }

                    string? bad = ParseFile(f, names, sizes, gzip, hashes, count);
                    if (bad != null)
                    {
                        return Fail(bad + where, out error);
                    }

                    total += sizes[count];
                    count++;
                }
                else
                {
                    return Fail("unknown or repeated line '" + Shorten(line) + "'" + where, out error);
                }
            }

            if (kind != WebUiKind)
            {
                return Fail(kind == null ? "the manifest names no kind" : "kind '" + Shorten(kind) +
                    "' cannot be updated from the web UI: only '" + WebUiKind + "' can; the application is updated over USB (docs/firmware.md)", out error);
            }

            if (version == null || version.Length > 32)
            {
                return Fail("the manifest needs a version of at most 32 characters", out error);
            }

            if (count == 0)
            {
                return Fail("the manifest lists no files", out error);
            }

            if (total > maxPackBytes)
            {
                return Fail("the files add up to " + total + " bytes; at most " + maxPackBytes + " fit", out error);
            }

            return new UpdateManifest(version, names, sizes, gzip, hashes, count);
        }

        private static string? ParseFile(string[] f, string[] names, int[] sizes, bool[] gzip, byte[] hashes, int i)
        {
            if (f.Length != 4 && !(f.Length == 5 && f[4] == "gzip"))
            {
                return "a file line is 'file NAME SIZE SHA256' with an optional 'gzip'";
            }

            string name = f[1];
            if (name.Length > MaxNameLength || WebHeaders.FileFor("/" + name) != name)
            {
                return "'" + Shorten(name) + "' is not a web UI file name (letters, digits, '.', '-', '_' and a known extension)";
            }

            for (int k = 0; k < i; k++)
            {
                if (names[k] == name)
                {
                    return "'" + name + "' is listed twice";
                }
            }

            int size;
            if (!WebText.TryParseInt(f[2], out size) || size < 1)
            {
                return "the size of '" + name + "' must be a whole number of bytes above 0";
            }

            char[] hex = f[3].ToCharArray();
            if (hex.Length != 2 * HashBytes)
            {
                return "the SHA-256 of '" + name + "' must be 64 hex digits";
            }

            for (int k = 0; k < HashBytes; k++)
            {
                int hi = Hex.DigitValue(hex[2 * k]);
                int lo = Hex.DigitValue(hex[2 * k + 1]);
                if (hi < 0 || lo < 0)
                {
                    return "the SHA-256 of '" + name + "' must be 64 hex digits";
                }

                hashes[i * HashBytes + k] = (byte)((hi << 4) | lo);
            }

            names[i] = name;
            sizes[i] = size;
            gzip[i] = f.Length == 5;
            return null;
        }

        private static string Trim(string line)
        {
            return line.Trim();
        }

        private static string Shorten(string s)
        {
            return s.Length > 40 ? s.Substring(0, 40) + "…" : s;
        }

        private static UpdateManifest? Fail(string why, out string? error)
        {
            error = why;
            return null;
        }
    }
}
