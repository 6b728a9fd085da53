using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using NesMep.Core.Platform;
using NesMep.Host.Service;
using Xunit;
using Xunit.Abstractions;

namespace NesMep.WebUi.Tests;

/// <summary>
/// One test's world: the service on its simulated meter (loopback, free port, temporary state
/// directory, 3 s stale limit), a fresh browser context whose every request is checked to stay on
/// 127.0.0.1, and screenshots written to TestResults/screenshots of this test project.
/// </summary>
internal sealed class UiSession : IAsyncDisposable
{
    public const string Password = "browser-pass-1";

    private readonly StringWriter _log = new();
    private readonly List<string> _external = new();
    private readonly List<string> _scriptErrors = new();
    private readonly ITestOutputHelper _output;

    private UiSession(ITestOutputHelper output, string stateDir)
    {
        _output = output;
        StateDir = stateDir;
    }

    public ModuleHost Host { get; private set; } = null!;

    /// <summary>The device's web side on its access point (<see cref="StartAsync"/> with its settings), else null.</summary>
    public AccessPointModule? Device { get; private set; }

    public IBrowserContext Context { get; private set; } = null!;

    public IPage Page { get; private set; } = null!;

    public string StateDir { get; }

    public string SettingsFile => Path.Combine(StateDir, "nesmep.json");

    public string BaseUrl => (Device?.Url ?? Host.Url).TrimEnd('/');

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <param name="accessPoint">Settings of a device on its access point (<see cref="AccessPointModule"/>): the browser
    /// then talks to it instead of the Linux host's web side. Null: the Linux host.</param>
    /// <param name="fallback">With <paramref name="accessPoint"/>: boot in fallback instead of setup.</param>
    public static async Task<UiSession> StartAsync(BrowserFixture browser, ITestOutputHelper output,
        NesMep.Core.Web.ModuleSettings? accessPoint = null, bool fallback = false)
    {
        var s = new UiSession(output, Directory.CreateTempSubdirectory("nesmep-ui-").FullName);
        var config = new HostConfig
        {
            HttpListen = "127.0.0.1:0",
            SettingsPath = s.SettingsFile,
            PasswordIterations = 20_000,
        };
        config.Quality.StaleAfterMs = 3000; // values go unavailable 3 s after the link is cut
        Assert.Null(config.Validate());
        var log = new ConsoleLog(TextWriter.Synchronized(s._log), LogLevel.Info);
        s.Host = await ModuleHost.StartAsync(config, log, CancellationToken.None);
        if (accessPoint != null)
        {
            s.Device = await AccessPointModule.StartAsync(s.Host, s.StateDir, accessPoint, log, fallback);
        }

        s.Context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = s.BaseUrl,
            ViewportSize = new ViewportSize { Width = 1200, Height = 900 },
            ServiceWorkers = ServiceWorkerPolicy.Block,
        });
        s.Context.SetDefaultTimeout(15_000);

        // No request may leave the module: everything not on 127.0.0.1 is recorded and aborted.
        await s.Context.RouteAsync("**", async route =>
        {
            var uri = new Uri(route.Request.Url);
            if (uri.Host != "127.0.0.1" && uri.Scheme is "http" or "https" or "ws" or "wss")
            {
                lock (s._external)
                {
                    s._external.Add(route.Request.Url);
                }

                await route.AbortAsync();
                return;
            }

            await route.ContinueAsync();
        });
        s.Page = await s.Context.NewPageAsync();
        s.Page.PageError += (_, e) =>
        {
            lock (s._scriptErrors)
            {
                s._scriptErrors.Add(e);
            }
        };
        return s;
    }

    /// <summary>First start: the UI sends the browser to the setup form; returns on the configuration page.</summary>
    public async Task SetUpPasswordAsync()
    {
        await Page.GotoAsync("/config.html");
        await Page.WaitForURLAsync("**/login.html?next=%2Fconfig.html");
        await Assertions.Expect(Page.Locator("#setup")).ToBeVisibleAsync();
        await Page.FillAsync("#s-password", Password);
        await Page.FillAsync("#s-confirm", Password);
        await Page.ClickAsync("#setup-form button[type=submit]");
        await Page.WaitForURLAsync("**/config.html");
    }

    public async Task WaitForLinkUpAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl + "/") };
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < 15_000)
        {
            using JsonDocument doc = JsonDocument.Parse(await http.GetStringAsync("api/v1/status"));
            if (doc.RootElement.GetProperty("link_state").GetString() == "up")
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("link not up\n" + Log);
    }

    /// <summary>A full-page screenshot in tests/NesMep.WebUi.Tests/TestResults/screenshots.</summary>
    public async Task ScreenshotAsync(string name)
    {
        string dir = ScreenshotDirectory();
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        _output.WriteLine("screenshot: " + path);
    }

    public static string ScreenshotDirectory()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d != null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "NesMep.WebUi.Tests.csproj")))
            {
                return Path.Combine(d.FullName, "TestResults", "screenshots");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "screenshots");
    }

    /// <summary>Nothing left localhost and no script failed.</summary>
    public void AssertClean()
    {
        lock (_external)
        {
            Assert.True(_external.Count == 0, "requests left the module: " + string.Join(", ", _external));
        }

        lock (_scriptErrors)
        {
            Assert.True(_scriptErrors.Count == 0, "script errors: " + string.Join("\n", _scriptErrors));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        if (Device != null)
        {
            await Device.DisposeAsync();
        }

        await Host.DisposeAsync();
        Directory.Delete(StateDir, recursive: true);
    }
}
