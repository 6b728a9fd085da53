namespace NesMep.Core.Web
{
    /// <summary>What the web router needs from one HTTP request; each host copies it from its stack.</summary>
    public sealed class WebRequest
    {
        public string Method = "GET";

        /// <summary>Path with query string, as received.</summary>
        public string Path = "/";

        /// <summary>Host header as received (name or address, maybe with a port), or null.</summary>
        public string? Host;

        /// <summary>Raw Cookie header, or null.</summary>
        public string? Cookie;

        /// <summary>X-CSRF-Token header, or null.</summary>
        public string? CsrfToken;

        /// <summary>Authorization header, or null.</summary>
        public string? Authorization;

        /// <summary>Content-Type header, or null.</summary>
        public string? ContentType;

        /// <summary>The request body as text ("" when none).</summary>
        public string Body = "";

        /// <summary>
        /// The body still unread, for the requests <see cref="RouteTable.StreamsBody"/> names (then
        /// <see cref="Body"/> stays ""); null otherwise.
        /// </summary>
        public IRequestBody? BodySource;

        /// <summary>Content-Length of a streamed body; -1 when the request did not give one.</summary>
        public long ContentLength = -1;

        /// <summary>The host found the body longer than <see cref="FormBody.MaxLength"/> and read none of it: answered 413.</summary>
        public bool BodyTooLarge;

        /// <summary>Accept-Encoding header, or null (UI files are sent gzip when it accepts gzip).</summary>
        public string? AcceptEncoding;

        /// <summary>If-None-Match header, or null (a UI file whose ETag it names is answered 304).</summary>
        public string? IfNoneMatch;

        /// <summary>Client address; the key of the login slow-down.</summary>
        public string Client = "";

        /// <summary>Served over TLS: the session cookie then gets the Secure flag.</summary>
        public bool Secure;

        /// <summary>
        /// Whether the first-start password may be set from this client: always on the Linux host
        /// (it listens on loopback unless told otherwise); on the device only for clients of its
        /// own setup access point.
        /// </summary>
        public bool SetupAllowed = true;
    }
}
