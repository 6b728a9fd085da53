using NesMep.Core.Storage;

namespace NesMep.Core.Lifecycle
{
    /// <summary>
    /// Where the update logic keeps its files on I:\ (fixed names, so deleting a slot never needs a
    /// directory listing and a power cut never leaves a file nobody knows about): the state file, and
    /// per slot its manifest ("ui-a.man") and its pack ("ui-a.pack", all files in one, because littlefs
    /// gives every file of more than its inline size whole 4 KB blocks).
    /// </summary>
    public sealed class UpdateFiles
    {
        private readonly SafeFileStore _state;

        public UpdateFiles(IAppendFileSystem fileSystem, string root)
        {
            Fs = fileSystem;
            Root = root;
            StatePath = root + "update.state";
            _state = new SafeFileStore(fileSystem, StatePath);
        }

        public IAppendFileSystem Fs { get; private set; }

        /// <summary>Prefix of every path, "I:\\" on the device.</summary>
        public string Root { get; private set; }

        public string StatePath { get; private set; }

        public string ManifestPath(int slot)
        {
            return Root + "ui-" + UpdateState.SlotName(slot) + ".man";
        }

        public string PackPath(int slot)
        {
            return Root + "ui-" + UpdateState.SlotName(slot) + ".pack";
        }

        /// <summary>The saved state; a fresh one (built-in set) when none was saved or it cannot be read (then <paramref name="problem"/> says why).</summary>
        public UpdateState LoadState(out string? problem)
        {
            problem = null;
            byte[]? data = _state.Load();
            if (data == null)
            {
                return new UpdateState();
            }

            UpdateState? s = UpdateState.Parse(data, out problem);
            return s ?? new UpdateState();
        }

        /// <summary>Saves the whole state (old or new after a cut); null, or why it could not be saved.</summary>
        public string? SaveState(UpdateState state)
        {
            return _state.Save(state.ToBytes());
        }

        /// <summary>Deletes a slot's files (pack first, so a manifest never names a missing pack for long).</summary>
        public void DeleteSlot(int slot)
        {
            if (slot == UpdateState.BuiltIn)
            {
                return;
            }

            DeleteIfThere(PackPath(slot));
            DeleteIfThere(ManifestPath(slot));
        }

        /// <summary>The slot's manifest when the slot is complete (manifest readable, pack of the listed length), else null and why.</summary>
        public UpdateManifest? ReadSlot(int slot, int maxPackBytes, out string? problem)
        {
            problem = null;
            string man = ManifestPath(slot);
            if (!Fs.Exists(man))
            {
                problem = "set " + UpdateState.SlotName(slot) + " has no manifest";
                return null;
            }

            byte[] text = Fs.ReadAll(man);
            int end = UpdateManifest.FindEnd(text, text.Length);
            UpdateManifest? m = end < 0 ? null : UpdateManifest.Parse(text, end, maxPackBytes, out problem);
            if (m == null)
            {
                problem = "set " + UpdateState.SlotName(slot) + ": " + (problem ?? "manifest cut short");
                return null;
            }

            long length = Fs.Length(PackPath(slot));
            if (length != m.PackBytes)
            {
                problem = "set " + UpdateState.SlotName(slot) + " holds " + length + " of " + m.PackBytes + " bytes";
                return null;
            }

            return m;
        }

        private void DeleteIfThere(string path)
        {
            if (Fs.Exists(path))
            {
                Fs.Delete(path);
            }
        }
    }
}
