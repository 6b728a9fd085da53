namespace NesMep.Core.Web
{
    /// <summary>
    /// The one list of endpoints both hosts serve: path, methods, authentication, API-token
    /// protection and whether the route reads meter state. The dispatcher, the web router and the
    /// token gate take their decisions from it; paths not listed are UI files or 404.
    /// </summary>
    public static class RouteTable
    {
        public const int Dabbler = 1;
        public const int Reading = 2;
        public const int Info = 3;
        public const int Status = 4;
        public const int Metrics = 5;
        public const int Session = 6;
        public const int Setup = 7;
        public const int LoginRoute = 8;
        public const int Logout = 9;
        public const int Settings = 10;
        public const int Logs = 11;
        public const int Console = 12;
        public const int ConsoleRead = 13;
        public const int Update = 14;
        public const int CaptiveProbe = 15;
        public const int WifiNetworks = 16;
        public const int WifiConnect = 17;

        /// <summary>The web UI update endpoint (docs/firmware.md, "Updates, rollback and recovery").</summary>
        public const string UpdatePath = "/api/v1/update";

        private const string Get = "GET, HEAD";
        private const string Post = "POST";

        private static Route[]? _all;

        /// <summary>Every route, built on first use (no allocation at type initialisation on the device).</summary>
        public static Route[] All
        {
            get
            {
                if (_all == null)
                {
                    _all = new Route[]
                    {
                        //        path                    handler      allow  api    login  token  meter
                        new Route("/getDashDataWS", Dabbler, Get, true, false, false, true),
                        new Route("/api/v1/reading", Reading, Get, true, false, true, true),
                        new Route("/api/v1/info", Info, Get, true, false, true, true),
                        new Route("/api/v1/status", Status, Get, true, false, true, true),
                        new Route("/metrics", Metrics, Get, true, false, false, true),
                        new Route("/api/v1/session", Session, Get, false, false, false, false),
                        new Route("/api/v1/setup", Setup, Post, false, false, false, false),
                        new Route("/api/v1/login", LoginRoute, Post, false, false, false, false),
                        new Route("/api/v1/logout", Logout, Post, false, true, false, false),
                        new Route("/api/v1/settings", Settings, "GET, HEAD, POST", false, true, false, false),
                        new Route("/api/v1/logs", Logs, Get, false, true, false, false),
                        new Route("/api/v1/console", Console, Get, false, true, false, true),
                        new Route("/api/v1/console/read", ConsoleRead, Post, false, true, false, true),
                        new Route("/api/v1/wifi/networks", WifiNetworks, Get, false, true, false, false),
                        new Route("/api/v1/wifi/connect", WifiConnect, Post, false, true, false, false),

                        // Phones' connectivity probes (CaptivePortal): Android, Apple, Windows, Firefox.
                        new Route("/generate_204", CaptiveProbe, Get, false, false, false, false),
                        new Route("/gen_204", CaptiveProbe, Get, false, false, false, false),
                        new Route("/hotspot-detect.html", CaptiveProbe, Get, false, false, false, false),
                        new Route("/library/test/success.html", CaptiveProbe, Get, false, false, false, false),
                        new Route("/connecttest.txt", CaptiveProbe, Get, false, false, false, false),
                        new Route("/ncsi.txt", CaptiveProbe, Get, false, false, false, false),
                        new Route("/redirect", CaptiveProbe, Get, false, false, false, false),
                        new Route("/canonical.html", CaptiveProbe, Get, false, false, false, false),
                        new Route("/success.txt", CaptiveProbe, Get, false, false, false, false),

                        // Web UI updates (device only, UpdateEndpoint): POST streams its body (StreamsBody);
                        // on the Linux host every method gets a 404 naming the platform.
                        new Route(UpdatePath, Update, null, false, true, false, false),
                    };
                }

                return _all;
            }
        }

        /// <summary>
        /// Whether the host must hand this request's body over as <see cref="WebRequest.BodySource"/>
        /// (with <see cref="WebRequest.ContentLength"/>) instead of reading it into
        /// <see cref="WebRequest.Body"/>, and must not refuse it as too large: an update upload,
        /// which is written to flash as it arrives. Only the device does so; the Linux host may ignore it.
        /// </summary>
        public static bool StreamsBody(string method, string path)
        {
            return method == "POST" && WebText.StripQuery(path) == UpdatePath;
        }

        /// <summary>The route of a path (without its query), or null.</summary>
        public static Route? Find(string path)
        {
            Route[] all = All;
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].Path == path)
                {
                    return all[i];
                }
            }

            return null;
        }
    }
}
