namespace NesMep.Core.Link
{
    /// <summary>
    /// Response codes the table model acts on. MEP and C12.18 number 0x00–0x0A alike (both come from the C12.18
    /// response codes: protocol reference §3.3 and §13.2), so the poller can test them without knowing the link.
    /// </summary>
    public static class TableResponseCodes
    {
        public const byte Ok = 0x00;

        /// <summary>onp: for a BT07 write, the procedure sequence number repeated (§3.6).</summary>
        public const byte OperationNotPossible = 0x04;
    }
}
