namespace NesMep.Core.Polling
{
    /// <summary>A contiguous run of BT28 present values to read in one partial read.</summary>
    public sealed class ReadRange
    {
        public int FirstIndex;
        public int ValueCount;
    }
}
