namespace NesMep.Core.Web
{
    /// <summary>A response of the web router; the host copies status, headers and body onto its stack.</summary>
    public sealed class WebResponse
    {
        public const string Json = "application/json";

        public WebResponse(int status, string body)
        {
            Status = status;
            Body = body;
        }

        public int Status;
        public string ContentType = Json;
        public string Body;

        /// <summary>
        /// A body the dispatcher writes into the request slot's bounded buffer instead of <see cref="Body"/>
        /// (which is then empty), for bodies that are large or grow with the meter's data (the console's
        /// frames and decoded table); it takes the locks it needs itself. Null for a string body.
        /// </summary>
        public NesMep.Core.Json.IJsonWritable? Streamed;

        /// <summary>Set-Cookie header value, or null.</summary>
        public string? SetCookie;

        /// <summary>Retry-After in seconds (429), or 0.</summary>
        public int RetryAfterS;

        /// <summary>Allow header for 405, or null.</summary>
        public string? Allow;

        /// <summary>Location header of a redirect (the captive portal's 302), or null.</summary>
        public string? Location;

        /// <summary>WWW-Authenticate header for 401 on token-protected endpoints, or null.</summary>
        public string? Authenticate;

        /// <summary>{"error":"…"} with the given status.</summary>
        public static WebResponse Error(int status, string message)
        {
            NesMep.Core.Json.JsonWriter w = new NesMep.Core.Json.JsonWriter();
            w.BeginObject().Property("error", message).EndObject();
            return new WebResponse(status, w.ToString());
        }

        public static WebResponse MethodNotAllowed(string path, string allow)
        {
            WebResponse r = Error(405, "only " + allow + " allowed on " + path);
            r.Allow = allow;
            return r;
        }
    }
}
