using Microsoft.AspNetCore.Http;
using NesMep.Core.Web;

namespace NesMep.Host.Web;

/// <summary>
/// Kestrel glue for the core's <see cref="HttpDispatcher"/>: copies an ASP.NET request into the core's
/// <see cref="WebRequest"/> and the core's response out through <see cref="KestrelSink"/>.
/// No decisions are made here; they live in the core so the firmware makes the same ones.
/// </summary>
public sealed class WebFrontEnd
{
    public WebFrontEnd(WebApp app, WebAssets assets, int maxRequests = HttpDispatcher.DefaultMaxRequests)
    {
        App = app;
        Dispatcher = new HttpDispatcher(app, assets, maxRequests, BodyWriter.DefaultChunkBytes);
    }

    public WebApp App { get; }

    public HttpDispatcher Dispatcher { get; }

    /// <summary>The request as the core sees it; a body larger than a form may be is not read (BodyTooLarge).</summary>
    public static async Task<WebRequest> ReadRequestAsync(HttpContext http)
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
            AcceptEncoding = Header(r, "Accept-Encoding"),
            IfNoneMatch = Header(r, "If-None-Match"),
            Client = http.Connection.RemoteIpAddress?.ToString() ?? "",
            Secure = r.IsHttps,
            SetupAllowed = true, // Linux: whoever reaches the port first (loopback by default); see docs/webui.md
        };
        if (HttpMethods.IsPost(r.Method) || HttpMethods.IsPut(r.Method) || HttpMethods.IsPatch(r.Method))
        {
            if (r.ContentLength > FormBody.MaxLength)
            {
                request.BodyTooLarge = true;
                return request;
            }

            char[] buffer = new char[FormBody.MaxLength + 1];
            using var reader = new StreamReader(r.Body, System.Text.Encoding.UTF8);
            int total = 0;
            int n;
            while (total < buffer.Length && (n = await reader.ReadAsync(buffer.AsMemory(total))) > 0)
            {
                total += n;
            }

            request.BodyTooLarge = total > FormBody.MaxLength;
            request.Body = request.BodyTooLarge ? "" : new string(buffer, 0, total);
        }

        return request;
    }

    private static string? Header(HttpRequest r, string name) => r.Headers.TryGetValue(name, out var v) ? v.ToString() : null;

    /// <summary>
    /// Status and headers go straight onto the ASP.NET response; body chunks are copied into memory
    /// and sent by <see cref="CopyOutAsync"/> after the dispatcher returned, so the meter lock is
    /// never held while a client reads.
    /// </summary>
    public sealed class KestrelSink(HttpResponse response) : IResponseSink
    {
        private readonly MemoryStream _body = new();

        public void Status(int code) => response.StatusCode = code;

        public void Header(string name, string value) => response.Headers.Append(name, value);

        public void Write(byte[] buffer, int offset, int count) => _body.Write(buffer, offset, count);

        public Task CopyOutAsync() => _body.Length == 0 ? Task.CompletedTask : response.Body.WriteAsync(_body.GetBuffer(), 0, (int)_body.Length);
    }
}
