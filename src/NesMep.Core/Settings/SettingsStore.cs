using System.Text;
using NesMep.Core.Storage;
using NesMep.Core.Web;

namespace NesMep.Core.Settings
{
    /// <summary>
    /// The settings file of a module (both hosts): <see cref="SettingsCodec"/> text kept by
    /// <see cref="SafeFileStore"/>. A file with problems is never lost: before anything else, its
    /// bytes are copied to "name.rejected" (or "name.rejected2".."name.rejected9" when an older,
    /// different copy is there), every problem is reported with its line, and the module starts with
    /// what can be trusted — every valid line; a bad line's setting keeps its earlier value (the
    /// default, or on Linux the config file's); a setting from the file that breaks a rule between
    /// settings is reset; a file that is not a settings file of this version is not applied at all.
    /// </summary>
    public sealed class SettingsStore
    {
        private const int MaxCopies = 9;

        private readonly IFileSystem _fs;
        private readonly SafeFileStore _store;

        public SettingsStore(IFileSystem fileSystem, string path)
        {
            _fs = fileSystem;
            _store = new SafeFileStore(fileSystem, path);
            Path = path;
        }

        public string Path { get; private set; }

        /// <summary>Where the last load kept a copy of a file with problems; null when none was needed.</summary>
        public string? KeptCopy { get; private set; }

        /// <summary>
        /// Applies the stored settings to <paramref name="into"/> and returns the problems (Count 0:
        /// the file was clean or absent). Each message names the setting and the line.
        /// </summary>
        public FieldErrors Load(ModuleSettings into)
        {
            FieldErrors problems = new FieldErrors();
            KeptCopy = null;
            byte[]? data = _store.Load();
            if (data == null)
            {
                return problems;
            }

            string? fatal;
            int[] lineOf = new int[SettingId.Count];
            ModuleSettings candidate = into.Copy();
            string text;
            try
            {
                text = new string(Encoding.UTF8.GetChars(data));
                fatal = SettingsCodec.Read(text, candidate, problems, lineOf);
            }
            catch (System.Exception)
            {
                fatal = "not UTF-8 text";
            }

            if (fatal != null)
            {
                problems.Add("file", fatal + "; nothing in it was used");
            }
            else
            {
                ResetBrokenRules(candidate, into, problems, lineOf);
                foreach (SettingField f in SettingsTable.All)
                {
                    SettingValues.CopyValue(candidate, into, f);
                }
            }

            if (problems.Count > 0)
            {
                KeepCopy(data);
            }

            return problems;
        }

        /// <summary>Stores <paramref name="s"/> (see <see cref="SettingsCodec.Write"/>); null, or why nothing was changed.</summary>
        public string? Save(ModuleSettings s, int requiredFlags, int excludedFlags, SettingField? omit)
        {
            return _store.Save(Encoding.UTF8.GetBytes(SettingsCodec.Write(s, requiredFlags, excludedFlags, omit)));
        }

        /// <summary>Settings from the file that break a rule between settings go back to their earlier value.</summary>
        private static void ResetBrokenRules(ModuleSettings candidate, ModuleSettings before, FieldErrors problems, int[] lineOf)
        {
            FieldErrors broken = new FieldErrors();
            SettingsValidator.Validate(candidate, broken, false, false);
            SettingField[] all = SettingsTable.All;
            for (int i = 0; i < broken.Count; i++)
            {
                SettingField? f = SettingsTable.Find(all, broken.Field(i));
                if (f != null && lineOf[f.Id] != 0)
                {
                    SettingValues.CopyValue(before, candidate, f);
                    problems.Add(f.Name, "line " + lineOf[f.Id] + ": " + f.Name + ": " + broken.Message(i) + "; not used");
                }
            }
        }

        private void KeepCopy(byte[] data)
        {
            for (int n = 1; n <= MaxCopies; n++)
            {
                string name = Path + ".rejected" + (n == 1 ? "" : n.ToString());
                if (!_fs.Exists(name) || n == MaxCopies || Same(_fs.ReadAll(name), data))
                {
                    _fs.WriteAll(name, data);
                    KeptCopy = name;
                    return;
                }
            }
        }

        private static bool Same(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
