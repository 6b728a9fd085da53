using System.Net;
using System.Text.Json;
using NesMep.Host.Service;
using NesMep.Host.Tests.EndToEnd;
using Xunit;

namespace NesMep.Host.Tests.Web;

/// <summary>
/// A host with a temporary state directory and a cookie-less HTTP client: the tests handle the
/// session cookie and CSRF token themselves, to see exactly what the server sends.
/// </summary>
internal sealed class WebHttp : IAsyncDisposable
{
    public const string Password = "web-password-1";

    private WebHttp(RunningHost host, string dir)
    {
        Running = host;
        StateDir = dir;
        Client = new HttpClient(new HttpClientHandler { UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = host.Client.BaseAddress,
            Timeout = TimeSpan.FromSeconds(10),
        };
    }

    public RunningHost Running { get; }

    public ModuleHost Host => Running.Host;

    public HttpClient Client { get; }

    public string StateDir { get; }

    public string SettingsFile => Path.Combine(StateDir, "nesmep.json");

    public string? Cookie { get; set; }

    public string? Csrf { get; set; }

    public static async Task<WebHttp> StartAsync(Action<HostConfig>? configure = null, NesMep.Core.Web.IHmacSha256? hmac = null)
    {
        string dir = Directory.CreateTempSubdirectory("nesmep-web-").FullName;
        var config = new HostConfig { SettingsPath = Path.Combine(dir, "nesmep.json"), PasswordIterations = 20_000 };
        configure?.Invoke(config);
        return new WebHttp(await RunningHost.StartAsync(config, hmac), dir);
    }

    public async Task<(HttpStatusCode Status, JsonElement Json, HttpResponseMessage Response)> GetAsync(string path, string? cookie = null, string? bearer = null)
    {
        var req = new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/'));
        if ((cookie ?? Cookie) is { } c)
        {
            req.Headers.Add("Cookie", c);
        }

        if (bearer != null)
        {
            req.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        HttpResponseMessage resp = await Client.SendAsync(req);
        return (resp.StatusCode, await JsonOf(resp), resp);
    }

    public async Task<(HttpStatusCode Status, JsonElement Json, HttpResponseMessage Response)> PostAsync(string path, IDictionary<string, string> form, bool withCookie = true, bool withCsrf = true)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/')) { Content = new FormUrlEncodedContent(form) };
        if (withCookie && Cookie != null)
        {
            req.Headers.Add("Cookie", Cookie);
        }

        if (withCsrf && Csrf != null)
        {
            req.Headers.Add("X-CSRF-Token", Csrf);
        }

        HttpResponseMessage resp = await Client.SendAsync(req);
        return (resp.StatusCode, await JsonOf(resp), resp);
    }

    /// <summary>Takes the login token from /api/v1/session (what the UI does before login or setup).</summary>
    public async Task RefreshTokenAsync()
    {
        var (_, json, _) = await GetAsync("api/v1/session");
        Csrf = json.GetProperty("csrf_token").GetString();
    }

    /// <summary>First-start setup: sets <see cref="Password"/>, keeps the session cookie and CSRF token.</summary>
    public async Task<HttpResponseMessage> SetupAsync()
    {
        await RefreshTokenAsync();
        var (status, json, resp) = await PostAsync("api/v1/setup", new Dictionary<string, string> { ["password"] = Password, ["password_confirm"] = Password });
        Assert.Equal(HttpStatusCode.OK, status);
        Cookie = resp.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        Csrf = json.GetProperty("csrf_token").GetString();
        return resp;
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage resp)
    {
        string text = await resp.Content.ReadAsStringAsync();
        if (resp.Content.Headers.ContentType?.MediaType != "application/json" || text.Length == 0)
        {
            return default;
        }

        using JsonDocument doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Running.DisposeAsync();
        Directory.Delete(StateDir, recursive: true);
    }
}
