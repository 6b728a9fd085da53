using NesMep.Core.Model;
using NesMep.Core.Platform;
using NesMep.Core.Tables;

namespace NesMep.Core.Polling
{
    /// <summary>
    /// The one-shot configuration reads after BT52 (BT00/01/21/22/27, ET03/11, the ET50 flags and ET04),
    /// their decoding into <see cref="MeterTableState"/>, and the IDT check: after a real sequence jump
    /// while polling, ET04 is read again, and a changed IDT version reads the whole configuration again
    /// (protocol reference §4.3).
    /// </summary>
    internal sealed class ConfigurationReads
    {
        /// <summary>Verified replies in a row that may fail to decode before defaults are assumed.</summary>
        public const int MaxDecodeFailures = 3;

        private readonly PollContext _c;
        private readonly PollItem[] _items;
        private int _index;
        private int _sequenceJumpsSeen;

        public ConfigurationReads(PollContext context)
        {
            _c = context;
            _items = new PollItem[]
            {
                Full(PollKind.General, "BT00", TableIds.BT00),
                Full(PollKind.Manufacturer, "BT01", TableIds.BT01),
                Full(PollKind.Dimensions, "BT21", TableIds.BT21),
                Full(PollKind.Summations, "BT22", TableIds.BT22),
                Full(PollKind.PresentSelection, "BT27", TableIds.BT27),
                Full(PollKind.Utility, "ET03", TableIds.ET03),
                Full(PollKind.MfgDimensions, "ET11", TableIds.ET11),
                Partial(PollKind.MepFlags, "ET50", TableIds.ET50, 30, 1),
                Partial(PollKind.SystemInfo, "ET04", TableIds.ET04, 0, 133),
            };
            SystemInfo = _items[_items.Length - 1];
        }

        /// <summary>The ET04 read, which is also the IDT check while polling.</summary>
        public PollItem SystemInfo { get; private set; }

        /// <summary>A sequence jump was seen while polling: ET04 is read before the steady reads.</summary>
        public bool IdtCheckPending { get; private set; }

        /// <summary>The next configuration read if it is due, else null; <paramref name="finished"/> once all are done.</summary>
        public PollItem? Next(long now, out bool finished)
        {
            while (_index < _items.Length && _items[_index].Done)
            {
                _index++;
            }

            finished = _index >= _items.Length;
            if (finished)
            {
                return null;
            }

            PollItem item = _items[_index];
            return item.DueMs <= now ? item : null;
        }

        /// <summary>
        /// When <see cref="Next"/> has something: the due time of the next configuration read not done yet,
        /// or <paramref name="now"/> once all are done (the steady reads are planned then).
        /// </summary>
        public long NextDueMs(long now)
        {
            for (int i = _index; i < _items.Length; i++)
            {
                if (!_items[i].Done)
                {
                    return _items[i].DueMs;
                }
            }

            return now;
        }

        /// <summary>Decodes a configuration reply; returns null or the decode error.</summary>
        public string? Apply(PollItem item, byte[] frame, int offset, int count, int tableOffset, long now)
        {
            MeterTableState tables = _c.Tables;
            string? error = null;
            switch (item.Kind)
            {
                case PollKind.General:
                    tables.General.TryDecode(frame, offset, count, out error);
                    return error;
                case PollKind.Manufacturer:
                    if (tables.Manufacturer.TryDecode(frame, offset, count, out error))
                    {
                        MeterIdentity id = _c.Reading.Identity;
                        id.Manufacturer = tables.Manufacturer.Manufacturer ?? "";
                        id.Model = tables.Manufacturer.Model ?? "";
                        id.FirmwareVersion = tables.Manufacturer.FirmwareVersion ?? "";
                        id.FirmwareLegacy = tables.Manufacturer.LegacyVersion ?? "";
                        id.Known = true;
                    }

                    return error;
                case PollKind.Dimensions:
                    tables.Dimensions.TryDecode(frame, offset, count, out error);
                    return error;
                case PollKind.Summations:
                    tables.Summations.TryDecode(frame, offset, count, tables.Dimensions, out error);
                    return error;
                case PollKind.PresentSelection:
                    tables.PresentValues.TryDecode(frame, offset, count, tables.Dimensions, out error);
                    return error;
                case PollKind.Utility:
                    if (tables.Utility.TryDecode(frame, offset, count, out error))
                    {
                        _c.Reading.Identity.UtilitySerial = tables.Utility.UtilitySerialNumber ?? "";
                    }

                    return error;
                case PollKind.MfgDimensions:
                    tables.MfgDimensions.TryDecode(frame, offset, count, out error);
                    return error;
                case PollKind.MepFlags:
                    tables.MepFlags.TryDecode(frame, offset, count, tableOffset, out error);
                    return error;
                case PollKind.SystemInfo:
                    return ApplySystemInfo(frame, offset, count, tableOffset, now);
                default:
                    return null;
            }
        }

        /// <summary>True for the kinds this class reads.</summary>
        public static bool Owns(int kind)
        {
            return kind >= PollKind.General && kind <= PollKind.SystemInfo;
        }

        /// <summary>The ET04 read of an IDT check ended (answered, refused or failed).</summary>
        public void EndIdtCheck()
        {
            IdtCheckPending = false;
        }

        /// <summary>Takes the link's configuration-change hints as seen (after BT52 and when polling starts).</summary>
        public void NoteSequenceJumps()
        {
            _sequenceJumpsSeen = _c.Link.ConfigurationChangeHints;
        }

        /// <summary>After every completed request: a new hint (on MEP a sequence jump) while polling starts an IDT check.</summary>
        public void CheckSequenceJump()
        {
            int seen = _c.Link.ConfigurationChangeHints;
            if (seen == _sequenceJumpsSeen)
            {
                return;
            }

            _sequenceJumpsSeen = seen;
            if (_c.Phase == PollPhase.Polling)
            {
                // A 0x0C while polling can mean an IDT bump (+25, §4.3): check the IDT version.
                IdtCheckPending = true;
            }
        }

        private string? ApplySystemInfo(byte[] frame, int offset, int count, int tableOffset, long now)
        {
            MeterTableState tables = _c.Tables;
            string? error;
            if (!tables.System.TryDecode(frame, offset, count, tableOffset, out error))
            {
                return error;
            }

            int idt = tables.System.IdtVersion;
            if (tables.ConfiguredIdtVersion >= 0 && idt >= 0 && idt != tables.ConfiguredIdtVersion)
            {
                // §4.3: the IDT version changed (meter reconfigured): dimensions may differ, read them again.
                if (_c.Logs(LogLevel.Info))
                {
                    _c.Log.Write(LogLevel.Info, "meter IDT version changed: reading its configuration again");
                }

                Restart(now);
            }

            _c.Tables.ConfiguredIdtVersion = idt;
            return null;
        }

        private void Restart(long now)
        {
            // Forget what the old configuration taught (a table the meter now refuses must fall back to
            // its default, not keep stale contents); a rare event, so the fresh objects are fine.
            int idt = _c.Tables.ConfiguredIdtVersion;
            _c.Tables = new MeterTableState();
            _c.Tables.ConfiguredIdtVersion = idt;
            _c.Phase = PollPhase.Configuring;
            _index = 0;

            // The ET04 read that found the new IDT version is this check; it is not repeated afterwards.
            IdtCheckPending = false;
            for (int i = 0; i < _items.Length; i++)
            {
                _items[i].Done = false;
                _items[i].DecodeFailures = 0;
                _items[i].Enabled = true;
                _items[i].DueMs = now;
            }
        }

        private static PollItem Full(int kind, string name, int table)
        {
            PollItem item = new PollItem(kind, name);
            item.Request.SetFullRead(table);
            item.Enabled = true;
            return item;
        }

        private static PollItem Partial(int kind, string name, int table, int offset, int count)
        {
            PollItem item = new PollItem(kind, name);
            item.Request.SetPartialRead(table, offset, count);
            item.Enabled = true;
            return item;
        }
    }
}
