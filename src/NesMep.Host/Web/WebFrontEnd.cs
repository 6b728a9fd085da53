using Microsoft.AspNetCore.Http;
using NesMep.Core.Web;
using NesMep.Host.Service;

namespace NesMep.Host.Web;

/// <summary>
/// Kestrel glue for the web UI: copies an ASP.NET request into the core's <see cref="WebRequest"/>,
/// runs the core's guards and <see cref="WebRouter"/>, serves the UI files and writes responses.
/// No decisions are made here; they live in the core so the firmware makes the same ones.
/// </summary>
public sealed class WebFrontEnd
{
    public WebFrontEnd(WebApp app, WebAssets assets)
    {
        App = app;
        Assets = assets;
    }

    public WebApp App { get; }

    public WebAssets Assets { get; }

    /// <summary>The request as the core sees it; null when the body is larger than a form may be.</summary>
    public static async Task<WebRequest?> ReadRequestAsync(HttpContext http)
    {
        HttpRequest r = http.Request;
        var request = new WebRequest
        {
            Method = r.Method,
            Path = (r.Path.Value ?? "/") + r.QueryString.Value,
            Host = r.Host.HasValue ? r.Host.Value : null,
            Cookie = Header(r, "Cookie"),
            CsrfToken = Header(r, "X-CSRF-Token"),
            Authorization = Header(r, "Authorization"),
            ContentType = r.ContentType,
            Client = http.Connection.RemoteIpAddress?.ToString() ?? "",
            Secure = r.IsHttps,
            SetupAllowed = true, // Linux: whoever reaches the port first (loopback by default); see docs/webui.md
        };
        if (HttpMethods.IsPost(r.Method) || HttpMethods.IsPut(r.Method) || HttpMethods.IsPatch(r.Method))
        {
            if (r.ContentLength > FormBody.MaxLength)
            {
                return null;
            }

            char[] buffer = new char[FormBody.MaxLength + 1];
            using var reader = new StreamReader(r.Body, System.Text.Encoding.UTF8);
            int total = 0;
            int n;
            while (total < buffer.Length && (n = await reader.ReadAsync(buffer.AsMemory(total))) > 0)
            {
                total += n;
            }

            if (total > FormBody.MaxLength)
            {
                return null;
            }

            request.Body = new string(buffer, 0, total);
        }

        return request;
    }

    /// <summary>Refusals that come before any routing: secrets in the URL, the optional API token.</summary>
    public WebResponse? Guard(WebRequest request)
    {
        WebResponse? refused = SecretQueryGuard.Check(request.Path);
        if (refused != null)
        {
            return refused;
        }

        return ApiTokenGate.Check(request, App); // locks App.Sync only to look up a session cookie
    }

    public WebResponse? Route(WebRequest request, ModuleRuntime runtime) => WebRouter.Handle(request, App, runtime.Gate, runtime.Context);

    public static async Task WriteAsync(HttpContext http, WebResponse response)
    {
        HttpResponse r = http.Response;
        r.StatusCode = response.Status;
        r.ContentType = response.ContentType;
        r.Headers.CacheControl = "no-store";
        r.Headers.XContentTypeOptions = WebHeaders.ContentTypeOptions;
        r.Headers["Referrer-Policy"] = WebHeaders.ReferrerPolicy;
        if (response.SetCookie != null)
        {
            r.Headers.SetCookie = response.SetCookie;
        }

        if (response.RetryAfterS > 0)
        {
            r.Headers.RetryAfter = response.RetryAfterS.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (response.Allow != null)
        {
            r.Headers.Allow = response.Allow;
        }

        if (response.Authenticate != null)
        {
            r.Headers.WWWAuthenticate = response.Authenticate;
        }

        if (!HttpMethods.IsHead(http.Request.Method))
        {
            await r.WriteAsync(response.Body);
        }
    }

    /// <summary>Serves a UI file (gzip when accepted, 304 when unchanged); false when the path names none.</summary>
    public async Task<bool> TryServeStaticAsync(HttpContext http, string path)
    {
        WebAssets.Asset? asset = Assets.Find(path);
        if (asset == null)
        {
            return false;
        }

        HttpResponse r = http.Response;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            await WriteAsync(http, WebResponse.MethodNotAllowed(path, "GET, HEAD"));
            return true;
        }

        bool gzip = asset.Gzipped != null && AcceptsGzip(http.Request.Headers.AcceptEncoding.ToString());
        string etag = asset.ETag(gzip);
        r.Headers.ETag = etag;
        r.Headers.CacheControl = WebHeaders.StaticCacheControl;
        r.Headers.Vary = "Accept-Encoding";
        r.Headers.XContentTypeOptions = WebHeaders.ContentTypeOptions;
        r.Headers["Referrer-Policy"] = WebHeaders.ReferrerPolicy;
        r.Headers.XFrameOptions = WebHeaders.FrameOptions;
        r.Headers.ContentSecurityPolicy = WebHeaders.ContentSecurityPolicy;
        if (http.Request.Headers.IfNoneMatch.ToString().Contains(etag, StringComparison.Ordinal))
        {
            r.StatusCode = StatusCodes.Status304NotModified;
            return true;
        }

        byte[] body = gzip ? asset.Gzipped! : asset.Raw;
        r.StatusCode = StatusCodes.Status200OK;
        r.ContentType = asset.ContentType;
        if (gzip)
        {
            r.Headers.ContentEncoding = "gzip";
        }

        r.ContentLength = body.Length;
        if (!HttpMethods.IsHead(http.Request.Method))
        {
            await r.Body.WriteAsync(body);
        }

        return true;
    }

    /// <summary>"gzip" listed and not refused with q=0.</summary>
    public static bool AcceptsGzip(string acceptEncoding)
    {
        foreach (string part in acceptEncoding.Split(','))
        {
            string[] bits = part.Split(';');
            if (!bits[0].Trim().Equals("gzip", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            return !(bits.Length > 1 && bits[1].Replace(" ", "", StringComparison.Ordinal) is "q=0" or "q=0.0" or "q=0.00" or "q=0.000");
        }

        return false;
    }

    private static string? Header(HttpRequest r, string name) => r.Headers.TryGetValue(name, out var v) ? v.ToString() : null;
}
