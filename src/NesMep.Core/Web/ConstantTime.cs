namespace NesMep.Core.Web
{
    /// <summary>
    /// Comparisons whose duration does not depend on where the inputs differ, so a remote client
    /// cannot find a token or hash byte by byte from response times.
    /// </summary>
    public static class ConstantTime
    {
        public static bool BytesEqual(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length)
            {
                return false;
            }

            int diff = 0;
            for (int i = 0; i < a.Length; i++)
            {
                diff |= a[i] ^ b[i];
            }

            return diff == 0;
        }

        /// <summary>Only the length may leak; tokens here all have the same length.</summary>
        public static bool StringsEqual(string a, string b)
        {
            if (a == null || b == null || a.Length != b.Length)
            {
                return false;
            }

            char[] x = a.ToCharArray();
            char[] y = b.ToCharArray();
            int diff = 0;
            for (int i = 0; i < x.Length; i++)
            {
                diff |= x[i] ^ y[i];
            }

            return diff == 0;
        }
    }
}
