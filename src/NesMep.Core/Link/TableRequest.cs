using NesMep.Core.Protocol;

namespace NesMep.Core.Link
{
    /// <summary>
    /// One table request as plain, reusable data, whatever link carries it: a full or partial read or write
    /// of one table. A procedure call is a full write of BT07 followed by a read of BT08/ET59 on both links
    /// (protocol reference §3.6, §13.2). Write data is referenced, not copied. Mutable on purpose: the poller
    /// keeps a few instances and refills them, so steady polling does not allocate.
    /// </summary>
    public sealed class TableRequest
    {
        /// <summary>
        /// The most table data one read may ask for. Reads are sized from BT21/BT27 alike on both links
        /// (issue 13: "exactly as on MEP"), so this is the MEP limit (§3.2): a C12.18 link must negotiate
        /// packets that carry a reply this long.
        /// </summary>
        public const int MaxReadCount = MepCodes.MaxReadData;

        public TableOperation Operation;

        public int TableId;

        /// <summary>Partial read/write offset (24-bit).</summary>
        public int Offset;

        /// <summary>Partial read: bytes wanted. Writes: data length. Full read: 0.</summary>
        public int Count;

        public byte[]? Data;

        public int DataOffset;

        public bool IsRead
        {
            get { return Operation == TableOperation.FullRead || Operation == TableOperation.PartialRead; }
        }

        public bool IsWrite
        {
            get { return Operation == TableOperation.FullWrite || Operation == TableOperation.PartialWrite; }
        }

        /// <summary>Offset of the first byte a read reply carries: the offset of a partial read, else 0.</summary>
        public int ReplyTableOffset
        {
            get { return Operation == TableOperation.PartialRead ? Offset : 0; }
        }

        public TableRequest SetFullRead(int tableId)
        {
            return Set(TableOperation.FullRead, tableId, 0, 0, null, 0);
        }

        public TableRequest SetPartialRead(int tableId, int offset, int count)
        {
            return Set(TableOperation.PartialRead, tableId, offset, count, null, 0);
        }

        public TableRequest SetFullWrite(int tableId, byte[] data, int dataOffset, int count)
        {
            return Set(TableOperation.FullWrite, tableId, 0, count, data, dataOffset);
        }

        public TableRequest SetPartialWrite(int tableId, int offset, byte[] data, int dataOffset, int count)
        {
            return Set(TableOperation.PartialWrite, tableId, offset, count, data, dataOffset);
        }

        /// <summary>Copies every field (data by reference).</summary>
        public void CopyFrom(TableRequest other)
        {
            Set(other.Operation, other.TableId, other.Offset, other.Count, other.Data, other.DataOffset);
        }

        private TableRequest Set(TableOperation operation, int tableId, int offset, int count, byte[]? data, int dataOffset)
        {
            Operation = operation;
            TableId = tableId;
            Offset = offset;
            Count = count;
            Data = data;
            DataOffset = dataOffset;
            return this;
        }
    }
}
