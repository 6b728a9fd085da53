using NesMep.Core.Json;

namespace NesMep.Core.Tables
{
    /// <summary>BT00 General Configuration, bytes 0–18 (reference §5.1). Read from table offset 0.</summary>
    public sealed class Bt00GeneralConfig : TableDecoder
    {
        public const int MinSize = 19;
        public const string ErrorShort = "BT00 needs 19 bytes";

        public Bt00GeneralConfig()
            : base(MinSize, ErrorShort)
        {
        }

        /// <summary>Byte 0 bit 0: 0 = LSB first.</summary>
        public int DataOrder { get; private set; }

        /// <summary>Byte 0 bits 1–3: 1 = ASCII.</summary>
        public int CharFormat { get; private set; }

        /// <summary>Byte 1 bits 0–2: 2 = discrete UINT8 fields.</summary>
        public int TimeFormat { get; private set; }

        /// <summary>Byte 1 bits 3–4: 1 = offset/count.</summary>
        public int DataAccessMethod { get; private set; }

        /// <summary>Byte 1 bit 5: 0 = CHAR, 1 = BCD.</summary>
        public int IdentificationFormat { get; private set; }

        /// <summary>Byte 1 bits 6–7: 0 = two's complement.</summary>
        public int IntegerFormat { get; private set; }

        /// <summary>Byte 2 bits 0–3 (8 = INT32).</summary>
        public int NiFormat1 { get; private set; }

        /// <summary>Byte 2 bits 4–7 (8 = INT32).</summary>
        public int NiFormat2 { get; private set; }

        /// <summary>CHAR[4] at 3, trailing spaces/NULs removed ("NES", "ELON").</summary>
        public string? Manufacturer { get; private set; }

        public int NameplateType { get; private set; }
        public int DefaultSetUsed { get; private set; }
        public int MaxProcedureParameterLength { get; private set; }
        public int MaxResponseDataLength { get; private set; }
        public int StandardVersion { get; private set; }
        public int StandardRevision { get; private set; }
        public int DimBasicTablesUsed { get; private set; }
        public int DimExtendedTablesUsed { get; private set; }
        public int DimBasicProceduresUsed { get; private set; }
        public int DimExtendedProceduresUsed { get; private set; }

        /// <summary>Byte 17; the guide says 9, the optical guide 4 (§5.1): read, do not assume.</summary>
        public int ManufacturerStatusLength { get; private set; }

        public int PendingTableCount { get; private set; }

        protected override string? Decode(byte[] data, int offset, int count, int tableOffset)
        {
            int b0 = data[offset];
            int b1 = data[offset + 1];
            int b2 = data[offset + 2];
            DataOrder = b0 & 0x01;
            CharFormat = (b0 >> 1) & 0x07;
            TimeFormat = b1 & 0x07;
            DataAccessMethod = (b1 >> 3) & 0x03;
            IdentificationFormat = (b1 >> 5) & 0x01;
            IntegerFormat = (b1 >> 6) & 0x03;
            NiFormat1 = b2 & 0x0F;
            NiFormat2 = (b2 >> 4) & 0x0F;
            Manufacturer = TableText.Trimmed(data, offset + 3, 4, false);
            NameplateType = data[offset + 7];
            DefaultSetUsed = data[offset + 8];
            MaxProcedureParameterLength = data[offset + 9];
            MaxResponseDataLength = data[offset + 10];
            StandardVersion = data[offset + 11];
            StandardRevision = data[offset + 12];
            DimBasicTablesUsed = data[offset + 13];
            DimExtendedTablesUsed = data[offset + 14];
            DimBasicProceduresUsed = data[offset + 15];
            DimExtendedProceduresUsed = data[offset + 16];
            ManufacturerStatusLength = data[offset + 17];
            PendingTableCount = data[offset + 18];
            return null;
        }

        public override void WriteJsonFields(JsonWriter w)
        {
            w.Property("data_order", DataOrder);
            w.Property("char_format", CharFormat);
            w.Property("time_format", TimeFormat);
            w.Property("data_access_method", DataAccessMethod);
            w.Property("identification_format", IdentificationFormat);
            w.Property("integer_format", IntegerFormat);
            w.Property("ni_format1", NiFormat1);
            w.Property("ni_format2", NiFormat2);
            w.Property("manufacturer", Manufacturer);
            w.Property("nameplate_type", NameplateType);
            w.Property("default_set_used", DefaultSetUsed);
            w.Property("max_procedure_parameter_length", MaxProcedureParameterLength);
            w.Property("max_response_data_length", MaxResponseDataLength);
            w.Property("standard_version", StandardVersion);
            w.Property("standard_revision", StandardRevision);
            w.Property("dim_basic_tables_used", DimBasicTablesUsed);
            w.Property("dim_extended_tables_used", DimExtendedTablesUsed);
            w.Property("dim_basic_procedures_used", DimBasicProceduresUsed);
            w.Property("dim_extended_procedures_used", DimExtendedProceduresUsed);
            w.Property("manufacturer_status_length", ManufacturerStatusLength);
            w.Property("pending_table_count", PendingTableCount);
        }
    }
}
