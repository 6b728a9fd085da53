using NesMep.Core.Api;
using NesMep.Core.Platform;
using NesMep.Simulator;

namespace NesMep.Host.Service;

/// <summary>The whole service: meter runtime plus HTTP front end, started and stopped together.</summary>
public sealed class ModuleHost : IAsyncDisposable
{
    public const string Version = "0.1.0";

    private ModuleHost(ModuleRuntime runtime, HttpFrontEnd http, NesMep.Host.Mqtt.MqttService? mqtt)
    {
        Runtime = runtime;
        Http = http;
        Mqtt = mqtt;
    }

    public ModuleRuntime Runtime { get; }

    public HttpFrontEnd Http { get; }

    /// <summary>MQTT publishing, or null when not configured.</summary>
    public NesMep.Host.Mqtt.MqttService? Mqtt { get; }

    public string Url => Http.BoundUrl;

    public static async Task<ModuleHost> StartAsync(HostConfig config, ILog log, CancellationToken token, IClock? clock = null)
    {
        var info = new ModuleInfo { Version = Version, Platform = "linux", Maker = "NesMep", Name = "NesMep" };
        var runtime = new ModuleRuntime(config, clock ?? new SystemClock(), log, info);
        HttpFrontEnd? http = null;
        try
        {
            http = new HttpFrontEnd(config.HttpUrl(), runtime);
            await http.StartAsync(token);
            runtime.Start();
            var mqtt = config.Mqtt == null ? null : NesMep.Host.Mqtt.MqttHostSetup.Create(config, runtime, log);
            return new ModuleHost(runtime, http, mqtt);
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

    public async ValueTask DisposeAsync()
    {
        Mqtt?.Dispose();
        await Http.DisposeAsync();
        Runtime.Dispose();
    }
}
