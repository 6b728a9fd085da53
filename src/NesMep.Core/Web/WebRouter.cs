using NesMep.Core.Api;
using NesMep.Core.Json;

namespace NesMep.Core.Web
{
    /// <summary>
    /// The web UI's own endpoints (session, login, settings, console, logs), shared by the firmware
    /// and the Linux host like <see cref="ApiRouter"/>: a host copies status, headers and body.
    /// Returns null for paths it does not own. Takes app.Sync itself, except around the steps that
    /// must not hold it: a password's PBKDF2 (login, password change) and anonymous session GETs.
    /// Takes the gate argument of Handle (the module lock) only around the console's access to the poller.
    /// </summary>
    public static class WebRouter
    {
        public static WebResponse? Handle(WebRequest request, WebApp app, object gate, ModuleContext context)
        {
            string path = WebText.StripQuery(request.Path);
            switch (path)
            {
                case "/api/v1/session":
                case "/api/v1/setup":
                case "/api/v1/login":
                case "/api/v1/logout":
                case "/api/v1/settings":
                case "/api/v1/logs":
                case "/api/v1/console":
                case "/api/v1/console/read":
                case "/api/v1/firmware":
                    break;
                default:
                    return null;
            }

            // One read of the settings reference (a save replaces it whole): no lock needed.
            string hostname = app.Settings.Hostname;
            if (!HostHeaderCheck.IsAllowed(request.Host, hostname))
            {
                return WebResponse.Error(403, "this module only answers its IP address, localhost or its host name '" +
                    hostname + "' (protection against DNS rebinding); behind a reverse proxy, set that host name");
            }

            bool get = request.Method == "GET" || request.Method == "HEAD";
            bool post = request.Method == "POST";
            if ((path == "/api/v1/session" && get) || (path == "/api/v1/login" && post) || (path == "/api/v1/settings" && post))
            {
                return Unlocked(path, request, app);
            }

            lock (app.Sync)
            {
                return Route(path, request, app, gate, context);
            }
        }

        /// <summary>The endpoints that take app.Sync themselves, step by step.</summary>
        private static WebResponse Unlocked(string path, WebRequest request, WebApp app)
        {
            switch (path)
            {
                case "/api/v1/session":
                    return AuthEndpoints.Session(request, app);
                case "/api/v1/login":
                    return AuthEndpoints.Login(request, app);
                default:
                    return SettingsEndpoints.Post(request, app);
            }
        }

        private static WebResponse Route(string path, WebRequest request, WebApp app, object gate, ModuleContext context)
        {
            bool get = request.Method == "GET" || request.Method == "HEAD";
            bool post = request.Method == "POST";
            switch (path)
            {
                case "/api/v1/session":
                    return WebResponse.MethodNotAllowed(path, "GET, HEAD"); // GET: Unlocked
                case "/api/v1/setup":
                    return post ? AuthEndpoints.Setup(request, app) : WebResponse.MethodNotAllowed(path, "POST");
                case "/api/v1/login":
                    return WebResponse.MethodNotAllowed(path, "POST"); // POST: Unlocked
                case "/api/v1/logout":
                    return post ? AuthEndpoints.Logout(request, app) : WebResponse.MethodNotAllowed(path, "POST");
                case "/api/v1/settings":
                    return get ? SettingsEndpoints.Get(request, app) : WebResponse.MethodNotAllowed(path, "GET, HEAD, POST"); // POST: Unlocked
                case "/api/v1/logs":
                    return get ? Logs(request, app) : WebResponse.MethodNotAllowed(path, "GET, HEAD");
                case "/api/v1/console":
                    return get ? ConsoleResult(request, app, gate, context) : WebResponse.MethodNotAllowed(path, "GET, HEAD");
                case "/api/v1/console/read":
                    return post ? ConsoleRead(request, app, gate, context) : WebResponse.MethodNotAllowed(path, "POST");
                default:
                    // /api/v1/firmware: the device's upload handler takes it before the router
                    // (streaming into the OTA partition after WebAuth.Authorize); the host has none.
                    return WebResponse.Error(404, "firmware update is only available on the device (platform " + app.Platform.Platform + ")");
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

            lock (gate)
            {
                return new WebResponse(200, app.Console.Describe(context));
            }
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
