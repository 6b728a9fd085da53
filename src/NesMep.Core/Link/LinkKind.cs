namespace NesMep.Core.Link
{
    /// <summary>The meter ports a module can read through, by the name settings, JSON and metrics use.</summary>
    public static class LinkKind
    {
        /// <summary>The MEP port (protocol reference §2–4); the default.</summary>
        public const string Mep = "mep";

        /// <summary>The optical port, ANSI C12.18 (§13).</summary>
        public const string Optical = "optical";
    }
}
