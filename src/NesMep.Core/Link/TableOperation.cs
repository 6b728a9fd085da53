namespace NesMep.Core.Link
{
    /// <summary>The four C12.19 table services both links carry (MEP §3.2, C12.18 §13.2).</summary>
    public enum TableOperation
    {
        None = 0,
        FullRead = 1,
        PartialRead = 2,
        FullWrite = 3,
        PartialWrite = 4,
    }
}
