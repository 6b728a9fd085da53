using System.Text;
using NesMep.Core.Protocol;
using NesMep.Core.Web;

namespace NesMep.Core.Settings
{
    /// <summary>
    /// The stored form of <see cref="ModuleSettings"/>: a header line "nesmep-settings 1", then one
    /// "section.key=value" line per setting (names and value words from <see cref="SettingsTable"/>).
    /// Values are written in ASCII: '\' as "\\", and '=', control and non-ASCII characters as
    /// "\uXXXX", so a value can never break a line or the key. Secrets are stored as the model holds
    /// them (hashes stay hashes). Blank lines and lines starting with '#' are ignored when reading.
    /// </summary>
    public static class SettingsCodec
    {
        public const string Magic = "nesmep-settings";
        public const int Version = 1;

        /// <summary>
        /// Every setting that has all of <paramref name="requiredFlags"/> (0: every setting) and none
        /// of <paramref name="excludedFlags"/>, except <paramref name="omit"/>, in table order.
        /// </summary>
        public static string Write(ModuleSettings s, int requiredFlags, int excludedFlags, SettingField? omit)
        {
            StringBuilder sb = new StringBuilder(2048);
            sb.Append(Magic).Append(' ').Append(Version).Append('\n');
            foreach (SettingField f in SettingsTable.All)
            {
                if ((f.Flags & requiredFlags) != requiredFlags || (f.Flags & excludedFlags) != 0 || (omit != null && f.Id == omit.Id))
                {
                    continue;
                }

                sb.Append(f.Name).Append('=');
                AppendEscaped(sb, SettingValues.Get(s, f));
                sb.Append('\n');
            }

            return sb.ToString();
        }

        /// <summary>
        /// Applies the lines of <paramref name="text"/> to <paramref name="into"/>. Returns null when
        /// the header is right; then every line with an unknown name, a repeated name or a value its
        /// setting does not allow is skipped (the setting keeps its value) and listed in
        /// <paramref name="problems"/> under the setting's name (or "line N") with the line number.
        /// Returns the reason, applying nothing, when the text is not a settings file this version
        /// can read. <paramref name="lineOf"/> (length <see cref="SettingId.Count"/>) receives the
        /// line that set each setting (0: not in the file).
        /// </summary>
        public static string? Read(string text, ModuleSettings into, FieldErrors problems, int[] lineOf)
        {
            string[] lines = text.Split('\n');
            string header = lines[0].Trim();
            if (!header.StartsWith(Magic + " "))
            {
                return "line 1: not a NesMep settings file (it must start with \"" + Magic + " " + Version + "\")";
            }

            int version;
            if (!WebText.TryParseInt(header.Substring(Magic.Length + 1), out version) || version < 1)
            {
                return "line 1: unreadable version";
            }

            if (version > Version)
            {
                return "line 1: written by a newer NesMep (format " + version + "; this one reads " + Version + ")";
            }

            SettingField[] all = SettingsTable.All; // built once per file, not once per line
            for (int i = 1; i < lines.Length; i++)
            {
                ReadLine(all, Trim(lines[i]), i + 1, into, problems, lineOf);
            }

            return null;
        }

        private static void ReadLine(SettingField[] all, string line, int number, ModuleSettings into, FieldErrors problems, int[] lineOf)
        {
            if (line.Trim().Length == 0 || line.StartsWith("#"))
            {
                return;
            }

            string where = "line " + number;
            int eq = line.IndexOf('=');
            if (eq <= 0)
            {
                problems.Add(where, where + ": not a section.key=value line");
                return;
            }

            string name = line.Substring(0, eq).Trim();
            SettingField? f = SettingsTable.Find(all, name);
            if (f == null)
            {
                problems.Add(where, where + ": unknown setting " + TextSetting.Escape(name));
                return;
            }

            if (lineOf[f.Id] != 0)
            {
                problems.Add(f.Name, where + ": " + f.Name + " again (first on line " + lineOf[f.Id] + "); the first one is used");
                return;
            }

            string? value = Unescape(line.Substring(eq + 1));
            string? error = value == null ? "broken \\ escape" : SettingValues.Set(into, f, value);
            if (error != null)
            {
                problems.Add(f.Name, where + ": " + f.Name + ": " + error + "; using " + (f.Has(SettingField.Secret) ? "the default" : "\"" + Describe(into, f) + "\""));
                return;
            }

            lineOf[f.Id] = number;
        }

        private static string Describe(ModuleSettings s, SettingField f)
        {
            return TextSetting.Escape(SettingValues.Get(s, f));
        }

        /// <summary>The line without a trailing '\r' (a file edited on Windows); spaces stay (they may belong to a value).</summary>
        private static string Trim(string line)
        {
            return line.EndsWith("\r") ? line.Substring(0, line.Length - 1) : line;
        }

        public static void AppendEscaped(StringBuilder sb, string value)
        {
            foreach (char c in value.ToCharArray())
            {
                if (c == '\\')
                {
                    sb.Append("\\\\");
                }
                else if (c < ' ' || c > '~' || c == '=')
                {
                    sb.Append("\\u");
                    int v = c;
                    for (int shift = 12; shift >= 0; shift -= 4)
                    {
                        sb.Append(Hex.LowerDigit((v >> shift) & 0xF));
                    }
                }
                else
                {
                    sb.Append(c);
                }
            }
        }

        /// <summary>The value with "\\" and "\uXXXX" decoded; null when an escape is broken.</summary>
        public static string? Unescape(string text)
        {
            if (text.IndexOf('\\') < 0)
            {
                return text;
            }

            char[] chars = text.ToCharArray();
            StringBuilder sb = new StringBuilder(chars.Length);
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] != '\\')
                {
                    sb.Append(chars[i]);
                    continue;
                }

                if (i + 1 < chars.Length && chars[i + 1] == '\\')
                {
                    sb.Append('\\');
                    i++;
                    continue;
                }

                if (chars.Length - i < 6 || chars[i + 1] != 'u')
                {
                    return null;
                }

                int v = 0;
                for (int k = 2; k < 6; k++)
                {
                    int d = Hex.DigitValue(chars[i + k]);
                    if (d < 0)
                    {
                        return null;
                    }

                    v = (v << 4) | d;
                }

                sb.Append((char)v);
                i += 5;
            }

            return sb.ToString();
        }
    }
}
