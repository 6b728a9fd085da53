using NesMep.Core.Json;
using NesMep.Core.Protocol;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// Procedure response as read from BT08 or ET59 (reference §3.6): UINT16 LE at 0 = procedure number
    /// (bits 0–11) + response flags (bits 12–15), PSN at 2, result code at 3, procedure data after.
    /// </summary>
    public sealed class ProcedureResponse : TableDecoder
    {
        public const int HeaderSize = 4;
        public const int ExtendedProcedureBase = 2048;

        public const int ResultCompleted = 0;
        public const int ResultNotFullyCompleted = 1;
        public const int ResultInvalidParameter = 2;
        public const int ResultConflictsWithSetup = 3;
        public const int ResultTimingConstraint = 4;
        public const int ResultNoAuthorization = 5;
        public const int ResultUnrecognizedProcedure = 6;

        public const string ErrorShort = "procedure response needs 4 bytes";

        private static readonly byte[] NoData = new byte[0];

        public ProcedureResponse()
            : base(HeaderSize, ErrorShort)
        {
            Data = NoData;
        }

        /// <summary>Bits 0–11: BPnn = nn, EPnn = 2048 + nn (EP17 = 2065).</summary>
        public int ProcedureNumber { get; private set; }

        /// <summary>Bits 12–15 of the UINT16.</summary>
        public int ResponseFlags { get; private set; }

        public int SequenceNumber { get; private set; }
        public int ResultCode { get; private set; }

        /// <summary>Procedure-specific data after the 4-byte header (copied).</summary>
        public byte[] Data { get; private set; }

        public bool Completed
        {
            get { return IsKnown && ResultCode == ResultCompleted; }
        }

        /// <summary>"EP17", "BP10".</summary>
        public static string ProcedureName(int procedureNumber)
        {
            if (procedureNumber >= ExtendedProcedureBase)
            {
                return "EP" + (procedureNumber - ExtendedProcedureBase).ToString();
            }

            return "BP" + procedureNumber.ToString();
        }

        /// <summary>snake_case name of a result code, "result_&lt;n&gt;" if unknown.</summary>
        public static string ResultName(int resultCode)
        {
            switch (resultCode)
            {
                case ResultCompleted: return "completed";
                case ResultNotFullyCompleted: return "accepted_not_completed";
                case ResultInvalidParameter: return "invalid_parameter";
                case ResultConflictsWithSetup: return "conflicts_with_setup";
                case ResultTimingConstraint: return "timing_constraint";
                case ResultNoAuthorization: return "no_authorization";
                case ResultUnrecognizedProcedure: return "unrecognized_procedure";
                default: return "result_" + resultCode.ToString();
            }
        }

        protected override void Clear()
        {
            Data = NoData;
        }

        protected override string? Decode(byte[] data, int offset, int count, int tableOffset)
        {
            int raw = ByteOrder.ReadUInt16LE(data, offset);
            ProcedureNumber = raw & 0x0FFF;
            ResponseFlags = (raw >> 12) & 0x0F;
            SequenceNumber = data[offset + 2];
            ResultCode = data[offset + 3];
            byte[] rest = new byte[count - HeaderSize];
            for (int i = 0; i < rest.Length; i++)
            {
                rest[i] = data[offset + HeaderSize + i];
            }

            Data = rest;
            return null;
        }

        public override void WriteJsonFields(JsonWriter w)
        {
            w.Property("procedure", ProcedureNumber);
            w.Property("procedure_name", ProcedureName(ProcedureNumber));
            w.Property("response_flags", ResponseFlags);
            w.Property("sequence_number", SequenceNumber);
            w.Property("result_code", ResultCode);
            w.Property("result", ResultName(ResultCode));
            w.Property("data_hex", Hex.Format(Data, 0, Data.Length));
        }
    }
}
