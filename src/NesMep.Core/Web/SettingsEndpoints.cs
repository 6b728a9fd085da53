using NesMep.Core.Json;
using NesMep.Core.Platform;

namespace NesMep.Core.Web
{
    /// <summary>GET and POST /api/v1/settings: the masked view and the all-or-nothing save.</summary>
    public static class SettingsEndpoints
    {
        public static WebResponse Get(WebRequest request, WebApp app)
        {
            Session s;
            WebResponse refused = WebAuth.Authorize(request, app, false, out s);
            if (refused != null)
            {
                return refused;
            }

            return new WebResponse(200, SettingsJson.Build(app.Settings, app.Platform.HasWifi));
        }

        /// <summary>
        /// Validates every field, checks the current password when the password changes, hashes
        /// new secrets, stores the result atomically and only then makes it the settings in force.
        /// Any problem: 400 with field messages and nothing changed.
        /// </summary>
        public static WebResponse Post(WebRequest request, WebApp app)
        {
            Session session;
            WebResponse refused = WebAuth.Authorize(request, app, true, out session);
            if (refused != null)
            {
                return refused;
            }

            WebResponse badForm;
            FormBody form = WebAuth.ReadForm(request, out badForm);
            if (form == null)
            {
                return badForm;
            }

            ModuleSettings current = app.Settings;
            FieldErrors errors = new FieldErrors();
            SettingsChange change = SettingsForm.Parse(form, current, app.Platform.HasWifi, errors);
            if (change.NewWebPassword != null && !errors.Has("current_password"))
            {
                long now = app.Clock.NowMs;
                long wait = app.Throttle.WaitMs(request.Client, now);
                if (wait > 0)
                {
                    return WebAuth.TooManyAttempts(wait);
                }

                if (!PasswordHash.Verify(change.CurrentPassword, current.WebPasswordHash, app.Hmac))
                {
                    app.Throttle.Failure(request.Client, now);
                    app.Log.Write(LogLevel.Warning, "web: wrong current password on a password change from " + request.Client);
                    errors.Add("current_password", "wrong password");
                }
            }

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
            string saveError = app.Platform.Save(next);
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
