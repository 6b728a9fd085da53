namespace NesMep.Core.Protocol
{
    /// <summary>How a MEP key was written (protocol reference §4.1). The length decides, not the alphabet.</summary>
    public enum MepKeyForm
    {
        /// <summary>20 characters as printed in the utility's letter; the digest uses the ASCII codes of the first 16.</summary>
        Ascii20 = 0,

        /// <summary>40 hex digits: the same 20 bytes written as hex (NES-MEP-Reader style).</summary>
        Hex40 = 1,

        /// <summary>32 hex digits: exactly the 16 key bytes.</summary>
        Hex32 = 2,

        /// <summary>Raw 16 bytes given by code (tests, simulator MAK).</summary>
        Bytes = 3,
    }
}
