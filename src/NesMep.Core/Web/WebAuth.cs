using NesMep.Core.Json;

namespace NesMep.Core.Web
{
    /// <summary>The checks in front of every protected endpoint: password set, logged in, CSRF token, body type.</summary>
    public static class WebAuth
    {
        public const string FormContentType = "application/x-www-form-urlencoded";

        /// <summary>
        /// Null when the request may go on, else the refusal: 401 before the first password is set
        /// or without a session, 403 for a change without the session's CSRF token, 415 for a body
        /// that is not a form. Call under app.Sync. The device's firmware-upload handler uses it too.
        /// </summary>
        public static WebResponse? Authorize(WebRequest request, WebApp app, bool change, out Session? session)
        {
            session = null;
            if (app.SetupRequired)
            {
                return SetupRequired();
            }

            session = app.SessionOf(request);
            if (session == null)
            {
                return WebResponse.Error(401, "log in first");
            }

            if (change)
            {
                if (request.CsrfToken == null || !ConstantTime.StringsEqual(request.CsrfToken, session.CsrfToken))
                {
                    return WebResponse.Error(403, "missing or wrong CSRF token (X-CSRF-Token from GET /api/v1/session)");
                }

                return CheckForm(request);
            }

            return null;
        }

        /// <summary>
        /// <see cref="Authorize"/> for a change, then the form: null when the request may go on
        /// (<paramref name="form"/> set), else the refusal. Call under app.Sync.
        /// </summary>
        public static WebResponse? AuthorizeForm(WebRequest request, WebApp app, out Session? session, out FormBody? form)
        {
            form = null;
            WebResponse? refused = Authorize(request, app, true, out session);
            if (refused != null)
            {
                return refused;
            }

            form = ReadForm(request, out refused);
            return refused;
        }

        /// <summary>
        /// The request's urlencoded form, or null with <paramref name="refused"/> set to the 400 that
        /// says why it could not be read.
        /// </summary>
        public static FormBody? ReadForm(WebRequest request, out WebResponse? refused)
        {
            string? error;
            FormBody? form = FormBody.Parse(request.Body, out error);
            refused = form == null ? WebResponse.Error(400, error!) : null; // Parse gives the reason with null
            return form;
        }

        /// <summary>415 unless the body is empty or a urlencoded form.</summary>
        public static WebResponse? CheckForm(WebRequest request)
        {
            if (request.Body == null || request.Body.Length == 0)
            {
                return null;
            }

            string type = request.ContentType == null ? "" : WebText.ToLowerAscii(request.ContentType);
            int semi = type.IndexOf(';');
            if (semi >= 0)
            {
                type = type.Substring(0, semi);
            }

            if (type.Trim() != FormContentType)
            {
                return WebResponse.Error(415, "send the body as " + FormContentType);
            }

            return null;
        }

        public static WebResponse SetupRequired()
        {
            JsonWriter w = new JsonWriter();
            w.BeginObject().Property("error", "set a web password first").Property("setup_required", true).EndObject();
            return new WebResponse(401, w.ToString());
        }

        /// <summary>429 with Retry-After for a client still waiting after wrong passwords.</summary>
        public static WebResponse TooManyAttempts(long waitMs)
        {
            int seconds = (int)((waitMs + 999) / 1000);
            JsonWriter w = new JsonWriter();
            w.BeginObject();
            w.Property("error", "too many wrong passwords; try again in " + seconds + " s");
            w.Property("retry_after_s", seconds);
            w.EndObject();
            WebResponse r = new WebResponse(429, w.ToString());
            r.RetryAfterS = seconds;
            return r;
        }
    }
}
