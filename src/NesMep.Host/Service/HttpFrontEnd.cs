using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NesMep.Core.Web;
using NesMep.Host.Web;

namespace NesMep.Host.Service;

/// <summary>
/// Kestrel in front of the core's <see cref="HttpDispatcher"/>: copies each request in and the bytes
/// out; routing, headers, static-file policy and the request cap are the core's, so the firmware
/// serves the same responses.
/// </summary>
public sealed class HttpFrontEnd : IAsyncDisposable
{
    private readonly WebApplication _app;

    /// <summary>
    /// <paramref name="runtime"/> is asked for the current meter runtime on every request, because
    /// new settings replace it while the HTTP server keeps running.
    /// </summary>
    public HttpFrontEnd(string url, Func<ModuleRuntime> runtime, WebFrontEnd web)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        _app = builder.Build();
        _app.Run(context => Handle(context, runtime, web.Dispatcher));
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

    private static async Task Handle(HttpContext http, Func<ModuleRuntime> runtime, HttpDispatcher dispatcher)
    {
        WebRequest request = await WebFrontEnd.ReadRequestAsync(http);
        var sink = new WebFrontEnd.KestrelSink(http.Response);
        RequestSlot? slot = null;
        try
        {
            if (!dispatcher.TryServeFile(request, sink))
            {
                slot = dispatcher.TryAcquire(request);
                if (slot == null)
                {
                    dispatcher.Busy(sink);
                }
                else
                {
                    ModuleRuntime meter = runtime();
                    dispatcher.Dispatch(slot, request, meter.Context, meter.Gate, sink);
                }
            }

            await sink.CopyOutAsync(); // the slot stays taken until its bytes are out
        }
        finally
        {
            if (slot != null)
            {
                dispatcher.Release(slot);
            }
        }
    }
}
