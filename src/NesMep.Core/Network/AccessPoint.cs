namespace NesMep.Core.Network
{
    /// <summary>The module's own access point while it is being set up.</summary>
    public static class AccessPoint
    {
        /// <summary>The module's address on its access point, 192.168.4.1 (nanoFramework's and ESP-IDF's soft-AP default); a new array each call.</summary>
        public static byte[] Address()
        {
            return new byte[] { 192, 168, 4, 1 };
        }
    }
}
