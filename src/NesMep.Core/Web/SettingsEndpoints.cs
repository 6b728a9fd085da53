using NesMep.Core.Json;
using NesMep.Core.Platform;

namespace NesMep.Core.Web
{
    /// <summary>GET and POST /api/v1/settings: the masked view and the all-or-nothing save.</summary>
    public static class SettingsEndpoints
    {
        public static WebResponse Get(WebRequest request, WebApp app)
        {
            Session? s;
            WebResponse? refused = WebAuth.Authorize(request, app, false, out s);
            if (refused != null)
            {
                return refused;
            }

            return new WebResponse(200, SettingsJson.Build(app.Settings, app.Platform.HasWifi));
        }

        /// <summary>
        /// Validates every field, checks the current password when the password changes, hashes
        /// new secrets, stores the result atomically and only then makes it the settings in force.
        /// Any problem: 400 with field messages and nothing changed. Takes app.Sync itself (call
        /// without it): the current password's PBKDF2 runs outside it, one check at a time.
        /// </summary>
        public static WebResponse Post(WebRequest request, WebApp app)
        {
            Session? session;
            ModuleSettings current;
            SettingsChange? change;
            FieldErrors errors = new FieldErrors();
            lock (app.Sync)
            {
                WebResponse? refused = Prepare(request, app, errors, out session, out current, out change);
                if (refused != null)
                {
                    return refused;
                }

                if (change!.NewWebPassword == null || errors.Has("current_password")) // change and session are set when nothing was refused
                {
                    return Commit(request, app, session!, current, change, errors);
                }

                refused = app.Checks.Begin(request.Client, app.Clock.NowMs);
                if (refused != null)
                {
                    return refused;
                }
            }

            bool right = app.Checks.Verify(change.CurrentPassword, current.WebPasswordHash);
            lock (app.Sync)
            {
                if (app.Settings != current || app.SessionOf(request) != session)
                {
                    app.Checks.Release(); // checked against settings no longer in force: neither right nor wrong
                    return WebResponse.Error(409, "the settings or the session changed during the password check; reload and try again");
                }

                app.Checks.End(request.Client, right, app.Clock.NowMs);
                if (!right)
                {
                    app.Log.Write(LogLevel.Warning, "web: wrong current password on a password change from " + request.Client);
                    errors.Add("current_password", "wrong password");
                }

                return Commit(request, app, session!, current, change, errors);
            }
        }

        /// <summary>Session, CSRF token and form checks, then every field parsed into <paramref name="change"/>. Under app.Sync.</summary>
        private static WebResponse? Prepare(WebRequest request, WebApp app, FieldErrors errors, out Session? session, out ModuleSettings current, out SettingsChange? change)
        {
            current = app.Settings;
            change = null;
            FormBody? form;
            WebResponse? refused = WebAuth.AuthorizeForm(request, app, out session, out form);
            if (refused != null)
            {
                return refused;
            }

            change = SettingsForm.Parse(form!, current, // set when nothing was refused
                app.Platform.HasWifi, errors);
            return null;
        }

        /// <summary>Saves the checked change, or answers 400 with the field errors. Under app.Sync.</summary>
        private static WebResponse Commit(WebRequest request, WebApp app, Session session, ModuleSettings current, SettingsChange change, FieldErrors errors)
        {
            if (errors.Count > 0)
            {
                return new WebResponse(400, errors.ToJson("nothing was saved: " + errors.Count + (errors.Count == 1 ? " field needs" : " fields need") + " attention"));
            }

            ModuleSettings next = change.Candidate;
            if (change.NewWebPassword != null)
            {
                next.WebPasswordHash = PasswordHash.Create(change.NewWebPassword, app.PasswordIterations, app.Hmac, app.Random);
            }

            if (change.NewApiToken != null)
            {
                next.ApiTokenHash = PasswordHash.Create(change.NewApiToken, WebApp.TokenIterations, app.Hmac, app.Random);
            }

            string changed = current.DescribeChanges(next);
            string? saveError = app.Platform.Save(next);
            if (saveError != null)
            {
                app.Log.Write(LogLevel.Error, "web: settings not saved: " + saveError);
                return WebResponse.Error(500, "nothing was saved: " + saveError);
            }

            bool restart = current.NeedsRestartFor(next);
            app.Settings = next;
            app.Log.Write(LogLevel.Info, "web: settings saved from " + request.Client + " (changed: " + changed + ")");
            if (change.NewWebPassword != null)
            {
                app.Sessions.RemoveAllExcept(session);
            }

            if (restart)
            {
                app.Platform.Apply(next);
            }

            JsonWriter w = new JsonWriter();
            w.BeginObject();
            w.Property("saved", true);
            w.Property("changed", changed);
            w.Property("restarting", restart);
            w.EndObject();
            return new WebResponse(200, w.ToString());
        }
    }
}
