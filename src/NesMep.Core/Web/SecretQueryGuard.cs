namespace NesMep.Core.Web
{
    /// <summary>
    /// Secrets never travel in URLs (they end up in browser history, proxy and server logs): any
    /// request whose query string names a password, key or token is refused before routing.
    /// The predecessor sent every secret as GET parameters (protocol reference §9.1).
    /// </summary>
    public static class SecretQueryGuard
    {
        private static readonly string[] SecretWords = { "pass", "pwd", "key", "token", "secret", "mbk", "csrf", "session", "sid" };

        /// <summary>A 400 response when the query names a secret, else null.</summary>
        public static WebResponse? Check(string pathAndQuery)
        {
            string query = WebText.Query(pathAndQuery);
            if (query.Length == 0)
            {
                return null;
            }

            string[] pairs = query.Split('&');
            for (int i = 0; i < pairs.Length; i++)
            {
                int eq = pairs[i].IndexOf('=');
                string raw = eq < 0 ? pairs[i] : pairs[i].Substring(0, eq);
                string? name = FormBody.Decode(raw);
                name = WebText.ToLowerAscii(name == null ? raw : name);
                for (int k = 0; k < SecretWords.Length; k++)
                {
                    if (name.IndexOf(SecretWords[k]) >= 0)
                    {
                        return WebResponse.Error(400, "secrets must not be sent in a URL; send them in a POST body");
                    }
                }
            }

            return null;
        }
    }
}
