namespace NesMep.Core.Protocol
{
    /// <summary>
    /// One MEP request as plain, reusable data (protocol reference §3.2). For writes the data bytes
    /// are referenced, not copied. Mutable on purpose: the poll loop keeps a few instances and
    /// refills them, so steady polling does not allocate.
    /// </summary>
    public sealed class MepRequest
    {
        /// <summary>Default "max length" argument of a full read; the value the Dabbler firmware uses.</summary>
        public const int DefaultFullReadMaxLength = 0x0200;

        /// <summary>
        /// <see cref="MaxLength"/> of a full read sent without the 2-byte max length (<c>30 TT TT</c>, as
        /// plain C12.18 and some open readers send it). The guide calls the length then indeterminate
        /// but no error (§3.2); meters answer with the table, capped at the frame limit.
        /// </summary>
        public const int NoMaxLength = -1;

        public byte Code;
        public int TableId;

        /// <summary>Partial read/write offset (24-bit).</summary>
        public int Offset;

        /// <summary>Partial read: bytes wanted. Writes: data length.</summary>
        public int Count;

        /// <summary>Full read: the 2-byte max length argument (§0 item 2), or <see cref="NoMaxLength"/>.</summary>
        public int MaxLength = DefaultFullReadMaxLength;

        /// <summary>
        /// The most table data a full-read reply may carry: the max length argument, or the frame
        /// limit when the request has none.
        /// </summary>
        public int FullReadLimit
        {
            get { return MaxLength == NoMaxLength ? MepCodes.MaxReadData : MaxLength; }
        }

        public byte[]? Data;
        public int DataOffset;

        public bool IsRead
        {
            get { return Code == MepCodes.FullRead || Code == MepCodes.PartialRead; }
        }

        public bool IsWrite
        {
            get { return Code == MepCodes.FullWrite || Code == MepCodes.PartialWrite; }
        }

        public MepRequest SetFullRead(int tableId, int maxLength)
        {
            Code = MepCodes.FullRead;
            TableId = tableId;
            Offset = 0;
            Count = 0;
            MaxLength = maxLength;
            Data = null;
            DataOffset = 0;
            return this;
        }

        public MepRequest SetPartialRead(int tableId, int offset, int count)
        {
            Code = MepCodes.PartialRead;
            TableId = tableId;
            Offset = offset;
            Count = count;
            Data = null;
            DataOffset = 0;
            return this;
        }

        public MepRequest SetFullWrite(int tableId, byte[] data, int dataOffset, int count)
        {
            Code = MepCodes.FullWrite;
            TableId = tableId;
            Offset = 0;
            Count = count;
            Data = data;
            DataOffset = dataOffset;
            return this;
        }

        public MepRequest SetPartialWrite(int tableId, int offset, byte[] data, int dataOffset, int count)
        {
            Code = MepCodes.PartialWrite;
            TableId = tableId;
            Offset = offset;
            Count = count;
            Data = data;
            DataOffset = dataOffset;
            return this;
        }

        /// <summary>Copies every field (data by reference).</summary>
        public void CopyFrom(MepRequest other)
        {
            Code = other.Code;
            TableId = other.TableId;
            Offset = other.Offset;
            Count = other.Count;
            MaxLength = other.MaxLength;
            Data = other.Data;
            DataOffset = other.DataOffset;
        }

        /// <summary>Length of the request message (code + arguments + data) on the wire.</summary>
        public int MessageLength
        {
            get
            {
                switch (Code)
                {
                    case MepCodes.FullRead:
                        return MaxLength == NoMaxLength ? 3 : 5;
                    case MepCodes.PartialRead:
                        return 8;
                    case MepCodes.FullWrite:
                        return 5 + Count;
                    case MepCodes.PartialWrite:
                        return 8 + Count;
                    default:
                        return 1;
                }
            }
        }

        /// <summary>Whole frame length: 2-byte length + message + sequence + digest.</summary>
        public int FrameLength
        {
            get { return 2 + MessageLength + MepCodes.RequestTrailer; }
        }
    }
}
