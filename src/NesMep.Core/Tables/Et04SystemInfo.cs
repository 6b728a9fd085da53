using NesMep.Core.Json;
using NesMep.Core.Protocol;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// ET04 System Information, selected fields (reference §5.10). Works on any window: each field is
    /// decoded only if it lies inside the data; absent int fields read <see cref="TableWindow.Absent"/>.
    /// </summary>
    public sealed class Et04SystemInfo : TableDecoder
    {
        public const int NodeOffset = 11;
        public const int RatedFrequencyOffset = 13;
        public const int ProgramIdOffset = 14;
        public const int ProgramIdLength = 8;
        public const int RegistrationCurrentOffset = 56;
        public const int MaxCurrentOffset = 58;
        public const int RatedVoltageOffset = 60;
        public const int MepSequenceNumberOffset = 103;
        public const int IdtVersionOffset = 116;
        public const int SecurityModeOffset = 127;
        public const int PortSequenceNumbersOffset = 129;

        public const string ErrorNoField = "window holds no known ET04 field";

        private readonly uint[] _portSequence = new uint[2];
        private readonly bool[] _hasPortSequence = new bool[2];

        /// <summary>Node id (non-zero = commissioned), or Absent.</summary>
        public int Node { get; private set; }

        public int RatedFrequencyHz { get; private set; }

        /// <summary>Program id [8] as 16 hex digits, or null.</summary>
        public string? ProgramId { get; private set; }

        public int RegistrationCurrentMa { get; private set; }
        public int MaxCurrentA { get; private set; }
        public int RatedVoltageV { get; private set; }

        public bool HasMepSequenceNumber { get; private set; }

        /// <summary>UINT32 at 103, the MEP sequence number on fw &lt; 4.0 (§4.3).</summary>
        public uint MepSequenceNumber { get; private set; }

        /// <summary>IDT version (bumped by reconfiguration), or Absent.</summary>
        public int IdtVersion { get; private set; }

        /// <summary>0 = RC4, 2 = OSGP-AES-128-PSK, or Absent.</summary>
        public int SecurityMode { get; private set; }

        /// <summary>True if the UINT32 sequence number of MEP port <paramref name="port"/> (0 or 1, fw ≥ 4.0) is present.</summary>
        public bool HasPortSequenceNumber(int port)
        {
            return port >= 0 && port < 2 && _hasPortSequence[port];
        }

        public uint PortSequenceNumber(int port)
        {
            return HasPortSequenceNumber(port) ? _portSequence[port] : 0;
        }

        protected override void Clear()
        {
            Node = TableWindow.Absent;
            RatedFrequencyHz = TableWindow.Absent;
            ProgramId = null;
            RegistrationCurrentMa = TableWindow.Absent;
            MaxCurrentA = TableWindow.Absent;
            RatedVoltageV = TableWindow.Absent;
            HasMepSequenceNumber = false;
            MepSequenceNumber = 0;
            IdtVersion = TableWindow.Absent;
            SecurityMode = TableWindow.Absent;
            _hasPortSequence[0] = false;
            _hasPortSequence[1] = false;
        }

        protected override string? Decode(byte[] data, int offset, int count, int tableOffset)
        {
            Node = TableWindow.UInt8(data, offset, count, tableOffset, NodeOffset);
            RatedFrequencyHz = TableWindow.UInt8(data, offset, count, tableOffset, RatedFrequencyOffset);
            if (TableWindow.Covers(tableOffset, count, ProgramIdOffset, ProgramIdLength))
            {
                ProgramId = Hex.Format(data, offset + ProgramIdOffset - tableOffset, ProgramIdLength);
            }

            RegistrationCurrentMa = TableWindow.UInt16LE(data, offset, count, tableOffset, RegistrationCurrentOffset);
            MaxCurrentA = TableWindow.UInt16LE(data, offset, count, tableOffset, MaxCurrentOffset);
            RatedVoltageV = TableWindow.UInt16LE(data, offset, count, tableOffset, RatedVoltageOffset);
            if (TableWindow.Covers(tableOffset, count, MepSequenceNumberOffset, 4))
            {
                MepSequenceNumber = ByteOrder.ReadUInt32LE(data, offset + MepSequenceNumberOffset - tableOffset);
                HasMepSequenceNumber = true;
            }

            IdtVersion = TableWindow.UInt8(data, offset, count, tableOffset, IdtVersionOffset);
            SecurityMode = TableWindow.UInt8(data, offset, count, tableOffset, SecurityModeOffset);
            bool any = HasMepSequenceNumber || ProgramId != null || Node != TableWindow.Absent
                || RatedFrequencyHz != TableWindow.Absent || RegistrationCurrentMa != TableWindow.Absent
                || MaxCurrentA != TableWindow.Absent || RatedVoltageV != TableWindow.Absent
                || IdtVersion != TableWindow.Absent || SecurityMode != TableWindow.Absent;
            for (int p = 0; p < 2; p++)
            {
                int field = PortSequenceNumbersOffset + (4 * p);
                if (TableWindow.Covers(tableOffset, count, field, 4))
                {
                    _portSequence[p] = ByteOrder.ReadUInt32LE(data, offset + field - tableOffset);
                    _hasPortSequence[p] = true;
                    any = true;
                }
            }

            return any ? null : ErrorNoField;
        }

        public override void WriteJsonFields(JsonWriter w)
        {
            WriteKnown(w, "node", Node);
            WriteKnown(w, "rated_frequency_hz", RatedFrequencyHz);
            if (ProgramId != null)
            {
                w.Property("program_id", ProgramId);
            }

            WriteKnown(w, "registration_current_ma", RegistrationCurrentMa);
            WriteKnown(w, "max_current_a", MaxCurrentA);
            WriteKnown(w, "rated_voltage_v", RatedVoltageV);
            if (HasMepSequenceNumber)
            {
                w.Property("mep_sequence_number", MepSequenceNumber);
            }

            WriteKnown(w, "idt_version", IdtVersion);
            WriteKnown(w, "security_mode", SecurityMode);
            if (_hasPortSequence[0] || _hasPortSequence[1])
            {
                w.Name("port_sequence_numbers").BeginArray();
                for (int p = 0; p < 2; p++)
                {
                    if (_hasPortSequence[p])
                    {
                        w.Number(_portSequence[p]);
                    }
                    else
                    {
                        w.Null();
                    }
                }

                w.EndArray();
            }
        }
    }
}
