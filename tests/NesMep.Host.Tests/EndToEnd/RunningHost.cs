using System.Diagnostics;
using System.Text.Json;
using NesMep.Core.Platform;
using NesMep.Host.Service;
using Xunit;

namespace NesMep.Host.Tests.EndToEnd;

/// <summary>
/// A <see cref="ModuleHost"/> started on a free loopback port plus an HTTP client for it. Log lines
/// are kept in memory and shown when a wait times out.
/// </summary>
internal sealed class RunningHost : IAsyncDisposable
{
    private readonly TestLog _log;

    private RunningHost(ModuleHost host, TestLog log)
    {
        Host = host;
        _log = log;
        Client = new HttpClient { BaseAddress = new Uri(host.Url.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(5) };
    }

    public ModuleHost Host { get; }

    public HttpClient Client { get; }

    public string Log => _log.Text;

    public static async Task<RunningHost> StartAsync(HostConfig config, NesMep.Core.Web.IHmacSha256? hmac = null)
    {
        config.HttpListen = "127.0.0.1:0";
        Assert.Null(config.Validate());
        var log = new TestLog(config.LogLevel);
        ModuleHost host = await ModuleHost.StartAsync(config, log.Log, CancellationToken.None, hmac: hmac);
        Assert.StartsWith("http://127.0.0.1:", host.Url);
        Assert.DoesNotContain(":0/", host.Url + "/");
        return new RunningHost(host, log);
    }

    /// <summary>Polls /api/v1/status until link_state is "up" (deadline 15 s); returns how long it took.</summary>
    public async Task<TimeSpan> WaitForLinkUpAsync(int deadlineMs = 15000)
    {
        var sw = Stopwatch.StartNew();
        string last = "";
        while (sw.ElapsedMilliseconds < deadlineMs)
        {
            last = await Client.GetStringAsync("api/v1/status");
            using JsonDocument doc = JsonDocument.Parse(last);
            if (doc.RootElement.GetProperty("link_state").GetString() == "up")
            {
                return sw.Elapsed;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"link not up after {deadlineMs} ms; last status: {last}\nlog:\n{Log}");
        return sw.Elapsed;
    }

    /// <summary>GETs <paramref name="path"/> until <paramref name="ready"/> holds for its JSON (deadline), returning that body.</summary>
    public async Task<string> WaitForJsonAsync(string path, Func<JsonElement, bool> ready, string what, int deadlineMs = 10000)
    {
        var sw = Stopwatch.StartNew();
        string body = "";
        while (sw.ElapsedMilliseconds < deadlineMs)
        {
            body = await Client.GetStringAsync(path);
            using JsonDocument doc = JsonDocument.Parse(body);
            if (ready(doc.RootElement))
            {
                return body;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{what}: not seen on {path} within {deadlineMs} ms; last body: {body}\nlog:\n{Log}");
        return body;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }
}
