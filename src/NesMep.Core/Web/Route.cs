namespace NesMep.Core.Web
{
    /// <summary>One endpoint of <see cref="RouteTable"/>.</summary>
    public sealed class Route
    {
        public Route(string path, int handler, string? allow, bool api, bool login, bool tokenProtected, bool readsMeter)
        {
            Path = path;
            Handler = handler;
            Allow = allow;
            Api = api;
            Login = login;
            TokenProtected = tokenProtected;
            ReadsMeter = readsMeter;
        }

        public string Path { get; private set; }

        /// <summary>One of the RouteTable handler numbers.</summary>
        public int Handler { get; private set; }

        /// <summary>The methods allowed, as the Allow header lists them; null: the handler answers any method.</summary>
        public string? Allow { get; private set; }

        /// <summary>
        /// The documented read-only data API (docs/api.md): answered to any Host header and with its
        /// own 405 wording. The other routes are the web UI's, behind the DNS-rebinding check.
        /// </summary>
        public bool Api { get; private set; }

        /// <summary>Needs a logged-in session (401 without one).</summary>
        public bool Login { get; private set; }

        /// <summary>Refused without the API token (or a session) while the token setting is on.</summary>
        public bool TokenProtected { get; private set; }

        /// <summary>Reads meter state, so it takes the meter lock; nothing else does.</summary>
        public bool ReadsMeter { get; private set; }

        public bool Allows(string method)
        {
            if (Allow == null)
            {
                return true;
            }

            if (method == "HEAD")
            {
                method = "GET"; // every GET route answers HEAD without its body
            }

            // Allow lists whole names separated by ", ".
            return (", " + Allow + ",").IndexOf(" " + method + ",") >= 0;
        }
    }
}
