namespace NesMep.Core.Lifecycle
{
    /// <summary>
    /// The web UI sets on I:\ across boots (docs/firmware.md, "Updates, rollback and recovery"):
    /// <see cref="Boot"/> repairs what a power cut left and switches to a pending set on trial, or
    /// rolls a trial back after <see cref="LifecycleLimits.MaxTrialBoots"/> boots without confirming;
    /// <see cref="Tick"/> confirms the trial once the meter was read and the UI served for
    /// <see cref="LifecycleLimits.ConfirmAfterMs"/>, or asks for a rollback reboot at
    /// <see cref="LifecycleLimits.TrialDeadlineMs"/>. Each state change is one crash-safe save.
    /// </summary>
    public sealed class UpdateManager
    {
        private readonly object _sync = new object();
        private readonly UpdateFiles _files;
        private readonly ISha256 _sha;
        private UpdateState _state = new UpdateState();
        private UpdateManifest? _active;
        private UpdateReceiver? _receiver;
        private long _bootMs;
        private bool _meterRead;
        private bool _uiServed;

        public UpdateManager(IAppendFileSystem fileSystem, string root, ISha256 sha)
        {
            _files = new UpdateFiles(fileSystem, root);
            _sha = sha;
        }

        public UpdateFiles Files
        {
            get { return _files; }
        }

        /// <summary>A copy-on-write snapshot; replaced whole by each change.</summary>
        public UpdateState State
        {
            get
            {
                lock (_sync)
                {
                    return _state;
                }
            }
        }

        /// <summary>What the last <see cref="Boot"/> found wrong and repaired or worked around (null: nothing).</summary>
        public string? BootProblem { get; private set; }

        /// <summary>The set the UI is served from this boot: a slot with <see cref="ActiveManifest"/>, or the built-in files.</summary>
        public int ServingSlot { get; private set; }

        /// <summary>The manifest of <see cref="ServingSlot"/>; null when the built-in files are served.</summary>
        public UpdateManifest? ActiveManifest
        {
            get { return _active; }
        }

        /// <summary>
        /// Once per boot, before the UI is served: repairs, switches or rolls back, then loads the
        /// active set's manifest. Returns what happened for the boot record.
        /// </summary>
        public BootUpdateStep Boot(long nowMs)
        {
            _bootMs = nowMs;
            _meterRead = false;
            _uiServed = false;
            Broken = false;
            try
            {
                return Repair();
            }
            catch (System.Exception e)
            {
                // A flash that fails must not stop the module: serve the built-in UI, take no uploads this run.
                Broken = true;
                BootProblem = "the update files could not be read or written (" + e.Message + "); serving the built-in web UI";
                _active = null;
                ServingSlot = UpdateState.BuiltIn;
                return BootUpdateStep.None;
            }
        }

        /// <summary>The last <see cref="Boot"/> met a flash error: uploads are refused until the next start.</summary>
        public bool Broken { get; private set; }

        private BootUpdateStep Repair()
        {
            string? problem;
            UpdateState s = _files.LoadState(out problem);
            BootProblem = problem;
            BootUpdateStep step = BootUpdateStep.None;
            if (s.Staging != 0)
            {
                _files.DeleteSlot(s.Staging); // an upload that did not finish
                s.Staging = 0;
                Save(s);
                step = BootUpdateStep.DroppedPartial;
            }

            if (s.Pending != 0)
            {
                string? bad;
                if (_files.ReadSlot(s.Pending, LifecycleLimits.MaxPackBytes, out bad) != null)
                {
                    s.Previous = s.Active;
                    s.Active = s.Pending;
                    s.Pending = 0;
                    s.TrialBoots = 1;
                    s.LastRollback = "";
                    Save(s);
                    step = BootUpdateStep.TrialStarted;
                }
                else
                {
                    int broken = s.Pending;
                    s.Pending = 0;
                    Save(s);
                    _files.DeleteSlot(broken);
                    BootProblem = "the staged update was dropped: " + bad;
                }
            }
            else if (s.OnTrial && s.TrialBoots >= LifecycleLimits.MaxTrialBoots)
            {
                int failed = s.Active;
                if (s.LastRollback.Length == 0)
                {
                    s.LastRollback = "set " + UpdateState.SlotName(failed) + " was not confirmed within " + s.TrialBoots + " boots";
                }

                s.Active = s.Previous;
                s.Previous = UpdateState.BuiltIn;
                s.TrialBoots = 0;
                Save(s);
                _files.DeleteSlot(failed); // after the save: a cut before it leaves only unused files
                step = BootUpdateStep.RolledBack;
            }
            else if (s.OnTrial)
            {
                s.TrialBoots++;
                Save(s);
                step = BootUpdateStep.TrialContinued;
            }

            lock (_sync)
            {
                _state = s;
            }

            if (problem == null)
            {
                SweepUnnamed(s); // not on a state that could not be read: it names nothing, the sets may be fine
            }

            LoadActive(s);
            return step;
        }

        /// <summary>Call when the meter was read (a verified reply), or once at boot when no meter is configured.</summary>
        public void NoteMeterRead()
        {
            _meterRead = true;
        }

        /// <summary>Call when a UI file of the updated set was served.</summary>
        public void NoteUiServed()
        {
            _uiServed = true;
        }

        /// <summary>Confirms or gives up the trial; call every few seconds.</summary>
        public TrialDecision Tick(long nowMs)
        {
            UpdateState s = State;
            if (!s.OnTrial)
            {
                return TrialDecision.None;
            }

            try
            {
                return Decide(s, nowMs - _bootMs);
            }
            catch (System.Exception e)
            {
                BootProblem = "saving the trial state failed (" + e.Message + "); tried again on the next tick";
                return TrialDecision.None;
            }
        }

        private TrialDecision Decide(UpdateState s, long up)
        {
            if (_meterRead && _uiServed && up >= LifecycleLimits.ConfirmAfterMs)
            {
                UpdateState c = s.Copy();
                c.TrialBoots = 0;
                return Save(c) ? TrialDecision.Confirmed : TrialDecision.None;
            }

            if (up >= LifecycleLimits.TrialDeadlineMs)
            {
                // The next boot rolls back, whatever ends this run.
                UpdateState r = s.Copy();
                r.TrialBoots = LifecycleLimits.MaxTrialBoots;
                r.LastRollback = "set " + UpdateState.SlotName(r.Active) + " was not confirmed within " + (LifecycleLimits.TrialDeadlineMs / 60000) + " min";
                Save(r);
                return TrialDecision.RollBack;
            }

            return TrialDecision.None;
        }

        /// <summary>A receiver for a new upload, or null while another is in progress (call <see cref="EndUpload"/> after each).</summary>
        public UpdateReceiver? BeginUpload()
        {
            lock (_sync)
            {
                if (_receiver != null)
                {
                    return null;
                }

                _receiver = new UpdateReceiver(this, _files, _sha);
                return _receiver;
            }
        }

        public void EndUpload(UpdateReceiver receiver)
        {
            lock (_sync)
            {
                if (_receiver == receiver)
                {
                    _receiver = null;
                }
            }
        }

        /// <summary>
        /// Where a UI file of the serving set lies: false when it is not in an updated set (serve the
        /// built-in one), else the pack path, offset, length, gzip flag and SHA-256 (the ETag).
        /// </summary>
        public bool TryFind(string name, out string packPath, out int offset, out int length, out bool gzip, out string sha256Hex)
        {
            UpdateManifest? m = _active;
            int i = m == null ? -1 : m.IndexOf(name);
            if (i < 0)
            {
                packPath = "";
                offset = 0;
                length = 0;
                gzip = false;
                sha256Hex = "";
                return false;
            }

            packPath = _files.PackPath(ServingSlot);
            offset = m!.Offset(i);
            length = m.Size(i);
            gzip = m.Gzip(i);
            sha256Hex = m.HashHex(i);
            return true;
        }

        internal void AdoptState(UpdateState s)
        {
            lock (_sync)
            {
                _state = s;
            }
        }

        private bool Save(UpdateState s)
        {
            string? bad = _files.SaveState(s);
            if (bad != null)
            {
                BootProblem = bad;
                return false;
            }

            AdoptState(s);
            return true;
        }

        /// <summary>Deletes the files of a slot the state no longer names (a cut between a save and the deletion it allowed).</summary>
        private void SweepUnnamed(UpdateState s)
        {
            for (int slot = UpdateState.SlotA; slot <= UpdateState.SlotB; slot++)
            {
                if (s.Active != slot && s.Previous != slot && s.Pending != slot)
                {
                    _files.DeleteSlot(slot);
                }
            }
        }

        private void LoadActive(UpdateState s)
        {
            _active = null;
            ServingSlot = UpdateState.BuiltIn;
            if (s.Active == UpdateState.BuiltIn)
            {
                return;
            }

            string? bad;
            UpdateManifest? m = _files.ReadSlot(s.Active, LifecycleLimits.MaxPackBytes, out bad);
            if (m == null)
            {
                BootProblem = "serving the built-in web UI: " + bad;
                return;
            }

            _active = m;
            ServingSlot = s.Active;
        }
    }
}
