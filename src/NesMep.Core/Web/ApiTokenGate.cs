namespace NesMep.Core.Web
{
    /// <summary>
    /// The optional token for the read-only JSON under /api/v1 (reading, info, status: the routes
    /// <see cref="RouteTable"/> marks TokenProtected). When the setting is on, a request needs
    /// "Authorization: Bearer TOKEN" or a logged-in session. /getDashDataWS and /metrics stay open:
    /// the Home Assistant integration cannot send a token.
    /// </summary>
    public static class ApiTokenGate
    {
        /// <summary>
        /// Whether <see cref="Check"/> has anything to decide. Needs no lock (one read of the settings
        /// reference, which a save replaces whole).
        /// </summary>
        public static bool Applies(WebRequest request, WebApp app)
        {
            return app.Settings.RequireApiToken && IsProtected(WebText.StripQuery(request.Path));
        }

        /// <summary>
        /// A 401 response when the request must be refused, else null. Takes app.Sync itself, and
        /// only to look up a session: the token's hash is checked on the settings in force without it.
        /// </summary>
        public static WebResponse? Check(WebRequest request, WebApp app)
        {
            ModuleSettings settings = app.Settings;
            if (!Applies(request, app))
            {
                return null;
            }

            string? token = BearerToken(request.Authorization);
            if (token != null)
            {
                if (token.Length > 0 && PasswordHash.Verify(token, settings.ApiTokenHash, app.Hmac))
                {
                    return null;
                }
            }
            else
            {
                lock (app.Sync)
                {
                    if (app.SessionOf(request) != null)
                    {
                        return null;
                    }
                }
            }

            WebResponse r = WebResponse.Error(401, "this module requires an API token: send Authorization: Bearer TOKEN (or log in)");
            r.Authenticate = "Bearer realm=\"nesmep\"";
            return r;
        }

        /// <summary>The token of "Bearer TOKEN" (the scheme in any letter case, RFC 9110 §11.1), or null for any other header.</summary>
        public static string? BearerToken(string? authorization)
        {
            const string Scheme = "bearer ";
            if (authorization == null || authorization.Length <= Scheme.Length ||
                WebText.ToLowerAscii(authorization.Substring(0, Scheme.Length)) != Scheme)
            {
                return null;
            }

            return authorization.Substring(Scheme.Length).Trim();
        }

        public static bool IsProtected(string path)
        {
            Route? route = RouteTable.Find(path);
            return route != null && route.TokenProtected;
        }
    }
}
