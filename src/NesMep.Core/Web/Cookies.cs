namespace NesMep.Core.Web
{
    /// <summary>The session cookie: reading it from a Cookie header and writing Set-Cookie.</summary>
    public static class Cookies
    {
        public const string SessionName = "nesmep_sid";

        /// <summary>The value of <paramref name="name"/> in a Cookie header ("a=1; b=2"), or null.</summary>
        public static string? Get(string? header, string name)
        {
            if (header == null)
            {
                return null;
            }

            string[] parts = header.Split(';');
            for (int i = 0; i < parts.Length; i++)
            {
                string p = parts[i].Trim();
                int eq = p.IndexOf('=');
                if (eq > 0 && p.Substring(0, eq).Trim() == name)
                {
                    return p.Substring(eq + 1).Trim();
                }
            }

            return null;
        }

        /// <summary>
        /// HttpOnly (scripts cannot read it), SameSite=Strict (other sites cannot send it), Path=/,
        /// no Max-Age (gone when the browser closes), Secure only over https (plain http on the
        /// module's access point would otherwise never send it back).
        /// </summary>
        public static string SessionCookie(string id, bool secure)
        {
            return SessionName + "=" + id + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
        }

        public static string ExpiredSessionCookie(bool secure)
        {
            return SessionName + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
        }
    }
}
