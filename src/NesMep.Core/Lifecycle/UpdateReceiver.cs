namespace NesMep.Core.Lifecycle
{
    /// <summary>
    /// Takes one upload as it streams in (docs/firmware.md, "Updates, rollback and recovery"): the
    /// length is checked against <see cref="LifecycleLimits.MaxUploadBytes"/> before anything is
    /// written; the manifest (at most 2 KB, buffered) is parsed and must account for every byte; then
    /// the old files of the target slot (the one not in use) are deleted and the pack is appended
    /// chunk by chunk while each file's SHA-256 is computed and compared as it ends. Only a complete,
    /// matching upload becomes the pending set; anything else deletes what was written. Every step
    /// that changes the state saves it first, so a power cut at any point is repaired at boot
    /// (<see cref="UpdateManager.Boot"/>). One upload at a time (the caller serialises).
    /// </summary>
    public sealed class UpdateReceiver
    {
        private readonly UpdateManager _owner;
        private readonly UpdateFiles _files;
        private readonly ISha256 _sha;
        private readonly byte[] _head = new byte[UpdateManifest.MaxBytes];
        private readonly byte[] _digest = new byte[UpdateManifest.HashBytes];
        private int _headFill;
        private long _expected;
        private long _received;
        private int _slot;
        private UpdateManifest? _manifest;
        private int _file;
        private int _inFile;
        private bool _failed;

        internal UpdateReceiver(UpdateManager owner, UpdateFiles files, ISha256 sha)
        {
            _owner = owner;
            _files = files;
            _sha = sha;
        }

        /// <summary>The HTTP status of the last refusal (400, 409, 411, 413, 500, 503).</summary>
        public int ErrorStatus { get; private set; }

        /// <summary>The manifest once parsed (for the response).</summary>
        public UpdateManifest? Manifest
        {
            get { return _manifest; }
        }

        /// <summary>The slot written to.</summary>
        public int Slot
        {
            get { return _slot; }
        }

        /// <summary>Starts an upload of <paramref name="contentLength"/> bytes (-1: unknown); null, or why it is refused.</summary>
        public string? Begin(long contentLength)
        {
            _headFill = 0;
            _received = 0;
            _manifest = null;
            _file = 0;
            _inFile = 0;
            _failed = false;
            _expected = contentLength;
            if (contentLength < 0)
            {
                return Refuse(411, "send the update with a Content-Length");
            }

            if (contentLength > LifecycleLimits.MaxUploadBytes)
            {
                return Refuse(413, "the upload is " + contentLength + " bytes; at most " + LifecycleLimits.MaxUploadBytes + " are accepted");
            }

            if (_owner.Broken)
            {
                return Refuse(503, _owner.BootProblem + "; restart the module and try again");
            }

            UpdateState state = _owner.State;
            if (state.OnTrial)
            {
                return Refuse(409, "the last update is still on trial; upload again once it is confirmed or rolled back");
            }

            _slot = state.Active == UpdateState.SlotA ? UpdateState.SlotB : UpdateState.SlotA;
            return null;
        }

        /// <summary>The next bytes of the body; null, or why the upload is refused (what was written is deleted).</summary>
        public string? Write(byte[] data, int offset, int count)
        {
            if (_failed)
            {
                return "the upload was already refused";
            }

            if (_received + count > _expected)
            {
                return Fail(400, "the body is longer than its Content-Length");
            }

            _received += count;
            if (_manifest == null)
            {
                int take = count < _head.Length - _headFill ? count : _head.Length - _headFill;
                System.Array.Copy(data, offset, _head, _headFill, take);
                _headFill += take;
                int end = UpdateManifest.FindEnd(_head, _headFill);
                if (end < 0)
                {
                    return _headFill == _head.Length
                        ? Fail(400, "no manifest: an update file starts with a text manifest of at most " + UpdateManifest.MaxBytes + " bytes ending in a blank line")
                        : null;
                }

                string? bad = StartPack(end);
                if (bad != null)
                {
                    return bad;
                }

                // Bytes of this chunk after the manifest: first those already copied into the buffer,
                // then any the buffer had no room for.
                string? r = Pack(_head, end, _headFill - end);
                return r ?? (take < count ? Pack(data, offset + take, count - take) : null);
            }

            return Pack(data, offset, count);
        }

        /// <summary>The body ended: null when the set is complete and pending (reboot to try it), else why not.</summary>
        public string? Finish()
        {
            if (_failed)
            {
                return "the upload was already refused";
            }

            if (_manifest == null || _received != _expected)
            {
                return Fail(400, "the upload ended after " + _received + " of " + _expected + " bytes");
            }

            long stored = _files.Fs.Length(_files.PackPath(_slot));
            if (stored != _manifest.PackBytes)
            {
                return Fail(500, "flash holds " + stored + " of the " + _manifest.PackBytes + " bytes written");
            }

            UpdateState s = _owner.State.Copy();
            s.Staging = 0;
            s.Pending = _slot;
            return Save(s);
        }

        /// <summary>The connection broke: deletes what was written.</summary>
        public void Abort()
        {
            if (!_failed)
            {
                Fail(400, "aborted");
            }
        }

        private string? StartPack(int manifestLength)
        {
            string? error;
            UpdateManifest? m = UpdateManifest.Parse(_head, manifestLength, LifecycleLimits.MaxPackBytes, out error);
            if (m == null)
            {
                return Fail(400, error!);
            }

            if (manifestLength + (long)m.PackBytes != _expected)
            {
                return Fail(400, "the upload is " + _expected + " bytes but its manifest accounts for " + (manifestLength + (long)m.PackBytes));
            }

            // Say which slot is being written before touching it, so a cut from here on is cleaned up at boot.
            UpdateState s = _owner.State.Copy();
            s.Staging = _slot;
            if (s.Pending == _slot)
            {
                s.Pending = 0;
            }

            if (s.Previous == _slot)
            {
                s.Previous = UpdateState.BuiltIn;
            }

            string? bad = Save(s);
            if (bad != null)
            {
                return bad;
            }

            _files.DeleteSlot(_slot);
            byte[] text = new byte[manifestLength];
            System.Array.Copy(_head, text, manifestLength);
            _files.Fs.WriteAll(_files.ManifestPath(_slot), text);
            _manifest = m;
            _sha.Reset();
            return null;
        }

        private string? Pack(byte[] data, int offset, int count)
        {
            UpdateManifest m = _manifest!; // set before any pack byte
            if (count > 0)
            {
                _files.Fs.Append(_files.PackPath(_slot), data, offset, count);
            }

            while (count > 0)
            {
                int left = m.Size(_file) - _inFile;
                int take = count < left ? count : left;
                _sha.Update(data, offset, take);
                _inFile += take;
                offset += take;
                count -= take;
                if (_inFile == m.Size(_file))
                {
                    _sha.Finish(_digest, 0);
                    if (!m.HashEquals(_file, _digest, 0))
                    {
                        return Fail(400, "the SHA-256 of " + m.Name(_file) + " does not match the manifest: the file was damaged or the manifest is wrong");
                    }

                    _sha.Reset();
                    _file++;
                    _inFile = 0;
                }
            }

            return null;
        }

        private string? Save(UpdateState s)
        {
            string? bad = _files.SaveState(s);
            if (bad != null)
            {
                return Fail(500, bad);
            }

            _owner.AdoptState(s);
            return null;
        }

        private string Refuse(int status, string why)
        {
            ErrorStatus = status;
            _failed = true;
            return why;
        }

        /// <summary>Refuses and deletes the slot's files; the state forgets the slot.</summary>
        private string Fail(int status, string why)
        {
            ErrorStatus = status;
            _failed = true;
            UpdateState s = _owner.State;
            if (s.Staging == _slot && _slot != UpdateState.BuiltIn)
            {
                _files.DeleteSlot(_slot);
                UpdateState after = s.Copy();
                after.Staging = 0;
                if (_files.SaveState(after) == null)
                {
                    _owner.AdoptState(after);
                }
            }

            return why;
        }
    }
}
