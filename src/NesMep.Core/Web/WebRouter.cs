using NesMep.Core.Api;
using NesMep.Core.Json;

namespace NesMep.Core.Web
{
    /// <summary>
    /// The web UI's own endpoints of <see cref="RouteTable"/> (session, login, settings, console, logs),
    /// called by <see cref="HttpDispatcher"/>. Returns null for paths it does not own. Takes app.Sync
    /// itself, except around the steps that must not hold it: a password's PBKDF2 (login, password
    /// change) and anonymous session GETs.
    /// Takes the gate argument of Handle (the module lock) only around the console's access to the poller.
    /// </summary>
    public static class WebRouter
    {
        public static WebResponse? Handle(WebRequest request, WebApp app, object gate, ModuleContext context)
        {
            Route? route = RouteTable.Find(WebText.StripQuery(request.Path));
            return route == null || route.Api ? null : Handle(route, request, app, gate, context);
        }

        /// <summary>A web UI route of <see cref="RouteTable"/> (not one of the read-only API's).</summary>
        public static WebResponse Handle(Route route, WebRequest request, WebApp app, object gate, ModuleContext context)
        {
            string path = route.Path;
            if (route.Handler == RouteTable.CaptiveProbe)
            {
                // Asked for under a foreign host name (the phone's probe): before the rebinding check.
                return route.Allows(request.Method) ? CaptivePortal.Probe(request, app) : WebResponse.MethodNotAllowed(path, route.Allow!);
            }

            // One read of the settings reference (a save replaces it whole): no lock needed.
            string hostname = app.Settings.Hostname;
            if (!HostHeaderCheck.IsAllowed(request.Host, hostname))
            {
                return WebResponse.Error(403, "this module only answers its IP address, localhost or its host name '" +
                    hostname + "' (protection against DNS rebinding); behind a reverse proxy, set that host name");
            }

            if (!route.Allows(request.Method))
            {
                return WebResponse.MethodNotAllowed(path, route.Allow!); // Allows is true when Allow is null
            }

            bool get = request.Method == "GET" || request.Method == "HEAD";
            int h = route.Handler;
            if ((h == RouteTable.Session && get) || h == RouteTable.LoginRoute || (h == RouteTable.Settings && !get) || h == RouteTable.Update)
            {
                return Unlocked(h, request, app);
            }

            lock (app.Sync)
            {
                return Route(h, request, app, gate, context);
            }
        }

        /// <summary>The endpoints that take app.Sync themselves, step by step.</summary>
        private static WebResponse Unlocked(int handler, WebRequest request, WebApp app)
        {
            switch (handler)
            {
                case RouteTable.Session:
                    return AuthEndpoints.Session(request, app);
                case RouteTable.LoginRoute:
                    return AuthEndpoints.Login(request, app);
                case RouteTable.Update:
                    return UpdateEndpoint.Handle(request, app); // an upload must not hold app.Sync
                default:
                    return SettingsEndpoints.Post(request, app);
            }
        }

        /// <summary>The method is one the route allows (checked by the caller).</summary>
        private static WebResponse Route(int handler, WebRequest request, WebApp app, object gate, ModuleContext context)
        {
            switch (handler)
            {
                case RouteTable.Setup:
                    return AuthEndpoints.Setup(request, app);
                case RouteTable.Logout:
                    return AuthEndpoints.Logout(request, app);
                case RouteTable.Settings:
                    return SettingsEndpoints.Get(request, app); // POST: Unlocked
                case RouteTable.Logs:
                    return Logs(request, app);
                case RouteTable.Console:
                    return ConsoleResult(request, app, gate, context);
                case RouteTable.WifiNetworks:
                    return WifiEndpoints.Networks(request, app);
                case RouteTable.WifiConnect:
                    return WifiEndpoints.Connect(request, app);
                case RouteTable.ConsoleRead:
                    return ConsoleRead(request, app, gate, context);
                default:
                    return WebResponse.Error(404, "no such resource: " + WebText.StripQuery(request.Path)); // every route has a case above
            }
        }

        private static WebResponse Logs(WebRequest request, WebApp app)
        {
            Session? s;
            WebResponse? refused = WebAuth.Authorize(request, app, false, out s);
            if (refused != null)
            {
                return refused;
            }

            string[] lines = app.Platform.RecentLogLines();
            JsonWriter w = new JsonWriter();
            w.BeginObject();
            w.Name("lines").BeginArray();
            for (int i = 0; i < lines.Length; i++)
            {
                w.String(lines[i]);
            }

            w.EndArray();
            w.EndObject();
            return new WebResponse(200, w.ToString());
        }

        private static WebResponse ConsoleResult(WebRequest request, WebApp app, object gate, ModuleContext context)
        {
            Session? s;
            WebResponse? refused = WebAuth.Authorize(request, app, false, out s);
            if (refused != null)
            {
                return refused;
            }

            // Streamed by the dispatcher into the request slot's buffer, under the locks the view takes itself.
            WebResponse r = new WebResponse(200, "");
            r.Streamed = app.Console.View(app, gate, context);
            return r;
        }

        private static WebResponse ConsoleRead(WebRequest request, WebApp app, object gate, ModuleContext context)
        {
            Session? s;
            FormBody? form;
            WebResponse? refused = WebAuth.AuthorizeForm(request, app, out s, out form);
            if (refused != null)
            {
                return refused;
            }

            lock (gate)
            {
                return app.Console.Start(form!, context); // set when nothing was refused
            }
        }
    }
}
