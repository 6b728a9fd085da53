namespace NesMep.Core.Protocol
{
    /// <summary>
    /// A parsed response frame (protocol reference §3.3). Positions point into the frame buffer
    /// it was parsed from; nothing is copied.
    /// </summary>
    public sealed class MepResponse
    {
        public byte Code;

        /// <summary>True for a successful read reply (code 0 followed by count and data).</summary>
        public bool HasReadData;

        /// <summary>Where the table data starts in the frame buffer.</summary>
        public int DataOffset;

        /// <summary>Number of table data bytes (the reply's count field).</summary>
        public int DataCount;

        /// <summary>For 0x0C: the sequence number the meter wants next.</summary>
        public uint NextSequence;

        /// <summary>Response body (code + data, excluding length and digest) within the frame buffer.</summary>
        public int BodyOffset;

        public int BodyLength;

        public int DigestOffset;

        public void Clear()
        {
            Code = 0;
            HasReadData = false;
            DataOffset = 0;
            DataCount = 0;
            NextSequence = 0;
            BodyOffset = 0;
            BodyLength = 0;
            DigestOffset = 0;
        }
    }
}
