using NesMep.Core.Api;
using NesMep.Core.Module;
using NesMep.Core.Platform;
using NesMep.Core.Web;
using NesMep.Host.Web;
using NesMep.Simulator;

namespace NesMep.Host.Service;

/// <summary>
/// The whole service: the core module on its thread (<see cref="ModuleRuntime"/>), the web app, HTTP front
/// end and MQTT, started and stopped together. New settings from the web UI start a new "generation": MQTT
/// stops, the module rebuilds its meter side, MQTT starts again, while the HTTP server (and with it the web
/// sessions) keeps running.
/// </summary>
public sealed class ModuleHost : IAsyncDisposable
{
    public const string Version = "0.1.0";

    private readonly ILog _log;
    private readonly IClock _clock;
    private readonly SemaphoreSlim _restartLock = new(1, 1);
    private readonly object _pendingLock = new();
    private readonly CancellationTokenSource _failed = new();
    private bool _disposing;
    private readonly ModuleRuntime _runtime;
    private NesMep.Host.Mqtt.MqttService? _mqtt;
    private Task _pendingRestart = Task.CompletedTask;
    private HttpFrontEnd? _http;

    private ModuleHost(HostConfig config, ILog log, IClock clock, ModuleRuntime runtime, IHmacSha256 hmac)
    {
        _log = log;
        _clock = clock;
        _runtime = runtime;
        Config = config;
        var platform = new HostWebPlatform(this, log);
        Web = new WebApp(platform, hmac, SystemRandomSource.Instance, clock, log, HostSettingsMapper.FromConfig(config), Version)
        {
            PasswordIterations = config.PasswordIterations,
        };
        Assets = WebAssets.Load(config.WebRoot ?? Path.Combine(AppContext.BaseDirectory, "webui"));
    }

    /// <summary>The core module and its thread (new settings rebuild the meter side inside it).</summary>
    public ModuleRuntime Runtime => _runtime;

    public HttpFrontEnd Http => _http!;

    /// <summary>MQTT publishing, or null when not configured.</summary>
    public NesMep.Host.Mqtt.MqttService? Mqtt => Volatile.Read(ref _mqtt);

    /// <summary>The settings as last saved (the next restart applies them).</summary>
    public HostConfig Config { get; internal set; }

    /// <summary>The web UI state (sessions, login slow-down, settings view).</summary>
    public WebApp Web { get; }

    public WebAssets Assets { get; }

    /// <summary>The file holding the first-start setup code while one is needed, else null.</summary>
    public string? SetupCodeFile { get; internal set; }

    /// <summary>How many times new settings were applied since start.</summary>
    public int Generation { get; private set; }

    public string Url => Http.BoundUrl;

    /// <summary>
    /// Cancelled when the service cannot go on (the meter side starts neither with the new nor with
    /// the previous settings); the command then stops with <see cref="FailureReason"/> and exit code 3.
    /// </summary>
    public CancellationToken Failed => _failed.Token;

    public string? FailureReason { get; private set; }

    /// <param name="hmac">The web side's HMAC-SHA256; tests pass one that can hold a password check in progress.</param>
    public static async Task<ModuleHost> StartAsync(HostConfig config, ILog log, CancellationToken token, IClock? clock = null, IHmacSha256? hmac = null)
    {
        clock ??= new SystemClock();
        NesMep.Host.Web.HostSettingsWriter.RemoveLeftovers(config.SettingsPath, log);
        var runtime = NewRuntime(config, clock, log);
        HttpFrontEnd? http = null;
        try
        {
            var host = new ModuleHost(config, log, clock, runtime, hmac ?? HmacSha256Primitive.Instance);
            if (host.Web.SetupRequired)
            {
                // Before the port opens: otherwise a network client could set the first password
                // without the code in the moment between listening and issuing it.
                log.Write(LogLevel.Info, "web: no web password yet; open the UI to set one (" + (host.Assets.Count > 0 ? host.Assets.Count + " UI files" : "no UI files found in " + host.Assets.Root) + ")");
                host.SetupCodeFile = SetupCode.Issue(config, host.Web, log);
            }

            http = new HttpFrontEnd(config.HttpUrl(), () => host.Runtime, new WebFrontEnd(host.Web, host.Assets));
            await http.StartAsync(token);
            host._http = http;
            runtime.Start();
            host._mqtt = config.MqttActive ? NesMep.Host.Mqtt.MqttHostSetup.Create(config, runtime, log) : null;
            return host;
        }
        catch
        {
            if (http != null)
            {
                await http.DisposeAsync();
            }

            runtime.Dispose();
            throw;
        }
    }

    /// <summary>Starts applying <see cref="Config"/> in the background (after the HTTP response that saved it).</summary>
    public void RequestRestart()
    {
        lock (_pendingLock)
        {
            if (_disposing)
            {
                return; // a save in the moment of shutdown: nothing may start after DisposeAsync
            }

            _pendingRestart = _pendingRestart.ContinueWith(_ => RestartAsync(), TaskScheduler.Default).Unwrap();
        }
    }

    /// <summary>Completes when every requested restart has finished (tests wait on it).</summary>
    public Task PendingRestart
    {
        get
        {
            lock (_pendingLock)
            {
                return _pendingRestart;
            }
        }
    }

    /// <summary>
    /// Applies <see cref="Config"/>: MQTT stops, the core module rebuilds the meter side (falling back to the
    /// previous settings when the new ones cannot start, failing when neither can), MQTT starts again.
    /// </summary>
    public async Task RestartAsync()
    {
        await _restartLock.WaitAsync();
        try
        {
            NesMep.Host.Mqtt.MqttService? oldMqtt = Interlocked.Exchange(ref _mqtt, null);
            oldMqtt?.Dispose();
            if (await Runtime.ApplyAsync(Config) == MeterModule.Failed)
            {
                // Nothing polls the meter any more: the command stops with exit code 3 (systemd restarts it).
                FailureReason = Runtime.Module.FailureReason;
                _failed.Cancel();
                return;
            }

            HostConfig next = Runtime.Settings;
            Generation++;
            if (next.MqttActive)
            {
                try
                {
                    Volatile.Write(ref _mqtt, NesMep.Host.Mqtt.MqttHostSetup.Create(next, Runtime, _log));
                }
                catch (ArgumentException e)
                {
                    _log.Write(LogLevel.Error, "new settings: MQTT not started: " + e.Message);
                }
            }

            _log.Write(LogLevel.Info, "new settings applied: meter link" + (next.MqttActive ? " and MQTT" : "") + " restarted (generation " + Generation + ")");
        }
        finally
        {
            _restartLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_pendingLock)
        {
            _disposing = true;
        }

        try
        {
            await PendingRestart;
        }
        catch (Exception e)
        {
            _log.Write(LogLevel.Error, "settings restart failed: " + e.Message);
        }

        Mqtt?.Dispose();
        if (_http != null)
        {
            await _http.DisposeAsync();
        }

        Runtime.Dispose();
    }

    private static ModuleRuntime NewRuntime(HostConfig config, IClock clock, ILog log)
    {
        var info = new ModuleInfo { Version = Version, Platform = "linux", Maker = "NesMep", Name = "NesMep", Hostname = config.Web.Hostname };
        return new ModuleRuntime(config, clock, log, info);
    }
}
