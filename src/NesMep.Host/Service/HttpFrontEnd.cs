using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NesMep.Core.Api;

namespace NesMep.Host.Service;

/// <summary>
/// Kestrel in front of the core's <see cref="ApiRouter"/>: every body comes from the core, built
/// under the module lock, so the firmware serves the same bytes.
/// </summary>
public sealed class HttpFrontEnd : IAsyncDisposable
{
    private readonly WebApplication _app;

    public HttpFrontEnd(string url, ModuleRuntime runtime)
        : this(url, () => runtime, null)
    {
    }

    /// <summary>
    /// With the web UI: <paramref name="runtime"/> is asked for the current meter runtime on every
    /// request, because new settings replace it while the HTTP server keeps running.
    /// </summary>
    public HttpFrontEnd(string url, Func<ModuleRuntime> runtime, NesMep.Host.Web.WebFrontEnd? web)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        _app = builder.Build();
        _app.Run(context => Handle(context, runtime(), web));
    }

    /// <summary>The bound base URL (with the real port when 0 was asked for).</summary>
    public string BoundUrl { get; private set; } = "";

    public async Task StartAsync(CancellationToken token)
    {
        await _app.StartAsync(token);
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        BoundUrl = addresses?.Addresses.FirstOrDefault() ?? "";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>
    /// Order: URL/token guards, the core's read-only API, the core's web router, the UI files,
    /// the plain landing page (when no UI files are installed), 404.
    /// </summary>
    private static async Task Handle(HttpContext http, ModuleRuntime runtime, NesMep.Host.Web.WebFrontEnd? web)
    {
        string path = http.Request.Path.Value ?? "/";
        NesMep.Core.Web.WebRequest? webRequest = null;
        if (web != null)
        {
            webRequest = await NesMep.Host.Web.WebFrontEnd.ReadRequestAsync(http);
            if (webRequest == null)
            {
                await NesMep.Host.Web.WebFrontEnd.WriteAsync(http, NesMep.Core.Web.WebResponse.Error(413, "request body too large"));
                return;
            }

            NesMep.Core.Web.WebResponse? refused = web.Guard(webRequest);
            if (refused != null)
            {
                await NesMep.Host.Web.WebFrontEnd.WriteAsync(http, refused);
                return;
            }
        }

        ApiResponse? response;
        lock (runtime.Gate)
        {
            response = ApiRouter.Handle(http.Request.Method, path, runtime.Context);
        }

        if (response == null && web != null)
        {
            NesMep.Core.Web.WebResponse? routed = web.Route(webRequest!, runtime);
            if (routed != null)
            {
                await NesMep.Host.Web.WebFrontEnd.WriteAsync(http, routed);
                return;
            }

            if (await web.TryServeStaticAsync(http, path))
            {
                return;
            }
        }

        if (response == null && path == "/")
        {
            response = new ApiResponse(200, "text/html; charset=utf-8", LandingPage);
        }

        response ??= ApiRouter.Error(404, "no such resource: " + path);
        http.Response.StatusCode = response.Status;
        http.Response.ContentType = response.ContentType;
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XContentTypeOptions = NesMep.Core.Web.WebHeaders.ContentTypeOptions;
        if (response.Status == 405)
        {
            http.Response.Headers.Allow = "GET, HEAD";
        }

        if (!HttpMethods.IsHead(http.Request.Method))
        {
            await http.Response.WriteAsync(response.Body);
        }
    }

    private const string LandingPage =
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>NesMep</title></head><body>" +
        "<h1>NesMep</h1><p>Meter data:</p><ul>" +
        "<li><a href=\"/api/v1/reading\">/api/v1/reading</a></li>" +
        "<li><a href=\"/api/v1/status\">/api/v1/status</a></li>" +
        "<li><a href=\"/api/v1/info\">/api/v1/info</a></li>" +
        "<li><a href=\"/getDashDataWS\">/getDashDataWS</a> (Home Assistant)</li>" +
        "<li><a href=\"/metrics\">/metrics</a> (Prometheus)</li></ul></body></html>";
}
