using NesMep.Core.Json;
using NesMep.Core.Platform;

namespace NesMep.Core.Web
{
    /// <summary>GET /api/v1/session and the POSTs that start or end one: setup, login, logout.</summary>
    public static class AuthEndpoints
    {
        /// <summary>
        /// Open to everyone: whether a password exists, whether this browser is logged in, the
        /// CSRF token for its next POST (the session's, or a login token), the platform; the host
        /// name and network only to a logged-in browser. Without a session cookie it takes no lock
        /// (the login token is stateless), so anonymous traffic never waits for or delays the web lock.
        /// </summary>
        public static WebResponse Session(WebRequest request, WebApp app)
        {
            bool setupRequired = app.SetupRequired;
            Session? s = null;
            if (!setupRequired && Cookies.Get(request.Cookie, Cookies.SessionName) != null)
            {
                lock (app.Sync)
                {
                    s = app.SessionOf(request);
                }
            }

            string? setupCode = app.SetupCode;
            ModuleSettings settings = app.Settings;
            JsonWriter w = new JsonWriter();
            w.BeginObject();
            w.Property("logged_in", s != null);
            w.Property("setup_required", setupRequired);
            w.Property("setup_allowed", request.SetupAllowed);
            w.Property("setup_code_required", setupRequired && setupCode != null && setupCode.Length > 0);
            w.Property("csrf_token", s != null ? s.CsrfToken : app.Nonces.Issue(app.Clock.NowMs));
            w.Property("platform", app.Platform.Platform);
            w.Property("version", app.Version);
            w.Property("api_token_required", settings.RequireApiToken);
            WriteProvisioning(w, app);
            if (s != null)
            {
                w.Property("hostname", settings.Hostname);
                w.Name("network");
                app.Platform.WriteNetwork(w);
            }

            w.EndObject();
            return new WebResponse(200, w.ToString());
        }

        /// <summary>
        /// "provisioning": the device's first-boot state (setup, joining, connected, fallback, rebooting), null on a
        /// host without one (Linux). The UI opens its setup wizard in "setup" and offers it in "fallback".
        /// </summary>
        private static void WriteProvisioning(JsonWriter w, WebApp app)
        {
            NesMep.Core.Provisioning.ProvisioningMachine? p = app.Provisioning;
            w.Property("provisioning", p == null ? null : NesMep.Core.Provisioning.ProvisioningState.Name(p.State));
        }

        public static WebResponse Setup(WebRequest request, WebApp app)
        {
            if (!app.SetupRequired)
            {
                return WebResponse.Error(409, "a web password is already set: log in, then change it on the configuration page");
            }

            if (!request.SetupAllowed)
            {
                return WebResponse.Error(403, "the first password can only be set through the module's own access point, within " +
                    (NesMep.Core.Provisioning.ProvisioningTimings.SetupWindowMs / 60000) + " minutes of switching it on or of holding its button for " +
                    (NesMep.Core.Provisioning.ProvisioningTimings.LongPressMs / 1000) + " s");
            }

            FormBody? form;
            WebResponse? refused = ReadLoginForm(request, app, out form);
            if (refused != null)
            {
                return refused;
            }

            long now = app.Clock.NowMs;
            WebResponse? waiting = app.Checks.Admit(request.Client, now);
            if (waiting != null)
            {
                return waiting;
            }

            string? password = form!.Get("password"); // set when nothing was refused
            string? confirm = form.Get("password_confirm");
            FieldErrors errors = new FieldErrors();
            if (app.SetupCode != null && app.SetupCode.Length > 0)
            {
                string? code = form.Get("setup_code");
                if (code == null || !ConstantTime.StringsEqual(WebText.ToLowerAscii(code.Trim()), WebText.ToLowerAscii(app.SetupCode)))
                {
                    // Any letter case (read off a file, typed on a phone). Counted like a wrong
                    // password, here and in the global budget, so the code cannot be guessed either.
                    app.Checks.Failure(request.Client, now);
                    app.Log.Write(LogLevel.Warning, "web: wrong setup code from " + request.Client);
                    errors.Add("setup_code", "wrong setup code: it is in the file named in the module's log");
                }
            }

            string? problem = password == null ? "give a password" : SettingsForm.CheckNewPassword(password);
            if (problem != null)
            {
                errors.Add("password", problem);
            }

            if (confirm == null || confirm != password)
            {
                errors.Add("password_confirm", "does not match the password");
            }

            if (errors.Count > 0)
            {
                return new WebResponse(400, errors.ToJson("no password was set"));
            }

            ModuleSettings next = app.Settings.Copy();
            next.WebPasswordHash = PasswordHash.Create(password!, app.PasswordIterations, app.Hmac, app.Random); // no errors: a password was given
            string? saveError = app.Platform.Save(next);
            if (saveError != null)
            {
                return WebResponse.Error(500, "the password was not saved: " + saveError);
            }

            app.Settings = next;
            app.SetupCode = null;
            app.Throttle.Success(request.Client, app.Clock.NowMs); // the owner's address: exempt from the global budget
            app.Log.Write(LogLevel.Info, "web: first web password set from " + request.Client);
            return LoggedIn(request, app);
        }

        /// <summary>
        /// Three steps: the checks and the one check slot under app.Sync, the PBKDF2 without any
        /// lock, the result under app.Sync again (takes the lock itself; call without it).
        /// </summary>
        public static WebResponse Login(WebRequest request, WebApp app)
        {
            string? password;
            string stored;
            lock (app.Sync)
            {
                WebResponse? refused = BeginLogin(request, app, out password);
                if (refused != null)
                {
                    return refused;
                }

                stored = app.Settings.WebPasswordHash;
            }

            bool right = app.Checks.Verify(password, stored);
            string? renewed = right ? Renew(password!, stored, app) : null; // still inside the one check slot
            lock (app.Sync)
            {
                long now = app.Clock.NowMs;
                if (app.Settings.WebPasswordHash != stored)
                {
                    app.Checks.Release(); // checked against a password no longer in force: neither right nor wrong
                    return WebResponse.Error(409, "the password was changed during the check; try again");
                }

                long delay = app.Checks.End(request.Client, right, now);
                if (!right)
                {
                    int failures = app.Throttle.Failures(request.Client, now);
                    app.Log.Write(LogLevel.Warning, "web: wrong password from " + request.Client + " (" + failures + " in a row)");
                    JsonWriter w = new JsonWriter();
                    w.BeginObject();
                    w.Property("error", "wrong password");
                    w.Property("retry_after_s", (int)((delay + 999) / 1000));
                    w.EndObject();
                    return new WebResponse(401, w.ToString());
                }

                app.Log.Write(LogLevel.Info, "web: login from " + request.Client);
                if (renewed != null)
                {
                    StoreRenewed(renewed, stored, app);
                }

                return LoggedIn(request, app);
            }
        }

        /// <summary>
        /// A new hash of the right password with the device's rounds when the stored one has more than the device's
        /// cap (e.g. 200 000 from a settings file made on Linux, seconds to minutes per check on an ESP32); else
        /// null. Runs the PBKDF2 without any lock, as the check did.
        /// </summary>
        private static string? Renew(string password, string stored, WebApp app)
        {
            int cap = app.PasswordIterationsCap;
            if (cap <= 0 || PasswordHash.IterationsOf(stored) <= cap)
            {
                return null;
            }

            try
            {
                return PasswordHash.Create(password, app.PasswordIterations, app.Hmac, app.Random);
            }
            catch (System.Exception e)
            {
                app.Log.Write(LogLevel.Warning, "web: could not renew the password hash (" + e.GetType().Name + "); the old one stays");
                return null;
            }
        }

        /// <summary>Saves the renewed hash in place of <paramref name="stored"/> (under app.Sync; the login succeeds either way).</summary>
        private static void StoreRenewed(string renewed, string stored, WebApp app)
        {
            ModuleSettings next = app.Settings.Copy();
            next.WebPasswordHash = renewed;
            string? error = app.Platform.Save(next);
            if (error != null)
            {
                app.Log.Write(LogLevel.Warning, "web: the password hash with fewer rounds was not saved (" + error + "); the next login is slow again");
                return;
            }

            app.Settings = next;
            app.Log.Write(LogLevel.Info, "web: password hash renewed with " + app.PasswordIterations + " PBKDF2 rounds (was " +
                PasswordHash.IterationsOf(stored) + ", above this module's cap of " + app.PasswordIterationsCap + ")");
        }

        /// <summary>Everything before the PBKDF2 of a login; on success the check slot is taken. Under app.Sync.</summary>
        private static WebResponse? BeginLogin(WebRequest request, WebApp app, out string? password)
        {
            password = null;
            WebResponse? waiting = app.Checks.Admit(request.Client, app.Clock.NowMs);
            if (waiting != null)
            {
                return waiting;
            }

            if (app.SetupRequired)
            {
                return WebAuth.SetupRequired();
            }

            FormBody? form;
            WebResponse? refused = ReadLoginForm(request, app, out form);
            if (refused != null)
            {
                return refused;
            }

            password = form!.Get("password"); // set when nothing was refused
            if (password == null)
            {
                return WebResponse.Error(400, "give a password");
            }

            return app.Checks.Begin(request.Client, app.Clock.NowMs);
        }

        public static WebResponse Logout(WebRequest request, WebApp app)
        {
            Session? s;
            WebResponse? refused = WebAuth.Authorize(request, app, true, out s);
            if (refused != null)
            {
                return refused;
            }

            app.Sessions.Remove(s!); // set when nothing was refused
            JsonWriter w = new JsonWriter();
            w.BeginObject().Property("logged_in", false).EndObject();
            WebResponse r = new WebResponse(200, w.ToString());
            r.SetCookie = Cookies.ExpiredSessionCookie(request.Secure);
            return r;
        }

        /// <summary>The login token checked (<see cref="CheckLoginToken"/>), then the form; null when the request may go on.</summary>
        private static WebResponse? ReadLoginForm(WebRequest request, WebApp app, out FormBody? form)
        {
            form = null;
            WebResponse? refused = CheckLoginToken(request, app);
            if (refused != null)
            {
                return refused;
            }

            form = WebAuth.ReadForm(request, out refused);
            return refused;
        }

        /// <summary>Login and setup need the login token of GET /api/v1/session (or the token of a session already open).</summary>
        private static WebResponse? CheckLoginToken(WebRequest request, WebApp app)
        {
            WebResponse? badType = WebAuth.CheckForm(request);
            if (badType != null)
            {
                return badType;
            }

            long now = app.Clock.NowMs;
            if (app.Nonces.IsValid(request.CsrfToken, now))
            {
                return null;
            }

            Session? s = app.SessionOf(request);
            if (s != null && request.CsrfToken != null && ConstantTime.StringsEqual(request.CsrfToken, s.CsrfToken))
            {
                return null;
            }

            return WebResponse.Error(403, "missing or expired CSRF token (X-CSRF-Token from GET /api/v1/session); reload the page");
        }

        private static WebResponse LoggedIn(WebRequest request, WebApp app)
        {
            Session? old = app.SessionOf(request);
            if (old != null)
            {
                app.Sessions.Remove(old); // a fresh id at every login (no session fixation)
            }

            Session s = app.Sessions.Create(app.Clock.NowMs);
            JsonWriter w = new JsonWriter();
            w.BeginObject().Property("logged_in", true).Property("csrf_token", s.CsrfToken).EndObject();
            WebResponse r = new WebResponse(200, w.ToString());
            r.SetCookie = Cookies.SessionCookie(s.Id, request.Secure);
            return r;
        }
    }
}
