namespace NesMep.Core.Web
{
    /// <summary>
    /// The one header policy of every response, written by <see cref="HttpDispatcher"/> on both hosts.
    /// Every response: nosniff and no referrer. Generated bodies: never cached. UI files: revalidated
    /// (ETag), varying by Accept-Encoding. UI files and any HTML (the landing page): no framing and a content
    /// security policy that allows only the module's own files (no inline script, no external fonts or CDNs).
    /// </summary>
    public static class WebHeaders
    {
        public const string ContentSecurityPolicy =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

        public const string ReferrerPolicy = "no-referrer";

        public const string ContentTypeOptions = "nosniff";

        public const string FrameOptions = "DENY";

        /// <summary>UI files change with each firmware or package version: revalidate every time (cheap with ETag/304).</summary>
        public const string StaticCacheControl = "no-cache";

        /// <summary>Cache-Control of every generated body: always fresh.</summary>
        public const string DynamicCacheControl = "no-store";

        public const string Html = "text/html; charset=utf-8";

        /// <summary>Status and the headers of a generated body (API, web UI endpoints, errors, the landing page).</summary>
        public static void BeginDynamic(IResponseSink sink, int status, string contentType)
        {
            sink.Status(status);
            sink.Header("Content-Type", contentType);
            sink.Header("Cache-Control", DynamicCacheControl);
            Common(sink, contentType == Html);
        }

        /// <summary>Status and the headers of a UI file; a 304 carries no content type.</summary>
        public static void BeginStatic(IResponseSink sink, int status, string contentType, string etag)
        {
            sink.Status(status);
            if (status != 304)
            {
                sink.Header("Content-Type", contentType);
            }

            sink.Header("ETag", etag);
            sink.Header("Cache-Control", StaticCacheControl);
            sink.Header("Vary", "Accept-Encoding");
            Common(sink, true);
        }

        private static void Common(IResponseSink sink, bool page)
        {
            sink.Header("X-Content-Type-Options", ContentTypeOptions);
            sink.Header("Referrer-Policy", ReferrerPolicy);
            if (page)
            {
                sink.Header("X-Frame-Options", FrameOptions);
                sink.Header("Content-Security-Policy", ContentSecurityPolicy);
            }
        }

        /// <summary>Content type by file extension; null for anything the UI does not ship.</summary>
        public static string? ContentTypeFor(string path)
        {
            string p = WebText.ToLowerAscii(path);
            if (p.EndsWith(".html"))
            {
                return Html;
            }

            if (p.EndsWith(".css"))
            {
                return "text/css; charset=utf-8";
            }

            if (p.EndsWith(".js"))
            {
                return "text/javascript; charset=utf-8";
            }

            if (p.EndsWith(".svg"))
            {
                return "image/svg+xml";
            }

            if (p.EndsWith(".png"))
            {
                return "image/png";
            }

            if (p.EndsWith(".ico"))
            {
                return "image/x-icon";
            }

            if (p.EndsWith(".json"))
            {
                return "application/json";
            }

            if (p.EndsWith(".txt"))
            {
                return "text/plain; charset=utf-8";
            }

            return null;
        }

        /// <summary>The UI file for a request path ("/" → "index.html"), or null when the path cannot name one.</summary>
        public static string? FileFor(string path)
        {
            string p = WebText.StripQuery(path);
            if (p == "/" || p.Length == 0)
            {
                return "index.html";
            }

            if (!p.StartsWith("/") || p.IndexOf("..") >= 0 || p.IndexOf('\\') >= 0 || p.IndexOf('/', 1) >= 0)
            {
                return null; // flat folder: no sub-directories, no traversal
            }

            // Only plain names: no hidden files (the device's settings or temp files may share the
            // partition), no '%' left encoded by a host, no drive letters (':'), no control characters.
            string name = p.Substring(1);
            char[] chars = name.ToCharArray();
            if (chars.Length == 0 || chars[0] == '.')
            {
                return null;
            }

            foreach (char c in chars)
            {
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_'))
                {
                    return null;
                }
            }

            return ContentTypeFor(name) == null ? null : name;
        }
    }
}
