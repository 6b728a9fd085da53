using NesMep.Core.Json;
using NesMep.Core.Module;
using NesMep.Core.Network;
using NesMep.Core.Platform;
using NesMep.Core.Provisioning;
using NesMep.Core.Storage;
using NesMep.Core.Web;
using NesMep.Host.Service;
using NesMep.Host.Web;
using Xunit;

namespace NesMep.WebUi.Tests;

/// <summary>
/// The device's web side on its access point, composed as the firmware composes it (docs/firmware.md, "Firmware
/// wiring"), for the browser: the core's <see cref="WebApp"/> with a real <see cref="ProvisioningMachine"/> (its record
/// in a temporary file) booted on the access point, served through the core dispatcher and the host's Kestrel glue,
/// with the host's simulated meter and UI files. The Linux host has no Wi-Fi, so two parts stand in for the
/// device, in this test project only: <see cref="DevicePlatform"/> (an "esp32" with the Wi-Fi settings, saving into
/// memory) and the radio of <see cref="Supervise"/> (a scan answers <see cref="ScanResult"/>; a reboot is recorded).
/// Requests come from loopback, so SetupAllowed stays true as on the Linux host; the rule that only access-point
/// clients may choose the first password is tested in the core (ProvisioningWebTests).
/// </summary>
internal sealed class AccessPointModule : IAsyncDisposable
{
    public static readonly byte[] Mac = [0x24, 0x6F, 0x28, 0xA1, 0xB2, 0xC3];

    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly HttpFrontEnd _http;
    private Task _supervisor = Task.CompletedTask;

    private AccessPointModule(ModuleHost host, string dir, ModuleSettings settings, ILog log)
    {
        Platform = new DevicePlatform();
        Web = new WebApp(Platform, HmacSha256Primitive.Instance, SystemRandomSource.Instance, Clock, log, settings, ModuleHost.Version)
        {
            PasswordIterations = host.Web.PasswordIterations,
        };
        RecordPath = Path.Combine(dir, "provisioning.txt");
        Machine = new ProvisioningMachine(LocalFileSystem.Instance, RecordPath, AccessPoint.Ssid(Mac), Clock, log);
        Machine.Waker = new Waker(_wake);
        Web.Provisioning = Machine;
        _http = new HttpFrontEnd("http://127.0.0.1:0", () => host.Runtime, new WebFrontEnd(Web, host.Assets));
    }

    /// <summary>The machine's clock, moved by the test (scan age, reboot delay); the web side's too.</summary>
    public ManualClock Clock { get; } = new();

    public DevicePlatform Platform { get; }

    public WebApp Web { get; }

    public ProvisioningMachine Machine { get; }

    public string RecordPath { get; }

    public string Url => _http.BoundUrl;

    /// <summary>What the next scan finds (empty: a failed scan).</summary>
    public WifiNetwork[] ScanResult { get; set; } = [];

    public int Scans { get; private set; }

    public int Reboots { get; private set; }

    /// <summary>
    /// Boots the machine on the access point: in setup (a module never set up), or with <paramref name="fallback"/> in
    /// fallback, as after the network of <paramref name="settings"/> could not be joined.
    /// </summary>
    public static async Task<AccessPointModule> StartAsync(ModuleHost host, string dir, ModuleSettings settings, ILog log, bool fallback)
    {
        var m = new AccessPointModule(host, dir, settings, log);
        if (fallback)
        {
            var record = new ProvisioningRecord { Mode = ProvisioningRecord.ModeFallback, Reason = ProvisioningRecord.ReasonNoJoin };
            Assert.Null(new SafeFileStore(LocalFileSystem.Instance, m.RecordPath).Save(record.Encode()));
        }

        int action = m.Machine.Boot(RadioMode.AccessPoint, settings.WifiSsid.Length > 0, settings.WebPasswordHash.Length > 0);
        Assert.Equal(ProvisioningAction.StartAccessPoint, action);
        await m._http.StartAsync(CancellationToken.None);
        m._supervisor = Task.Run(m.Supervise);
        return m;
    }

    /// <summary>The firmware's supervisor thread: performs what the machine asks for.</summary>
    private async Task Supervise()
    {
        while (!_stop.IsCancellationRequested)
        {
            int action = Machine.Step();
            if (action == ProvisioningAction.Scan)
            {
                Scans++;
                WifiNetwork[] found = ScanResult;
                _ = Task.Delay(400).ContinueWith(_ => Machine.NetworksScanned(found)); // a scan takes a moment: the page polls meanwhile
            }
            else if (action == ProvisioningAction.Reboot)
            {
                Reboots++;
            }
            else
            {
                try
                {
                    await _wake.WaitAsync(50, _stop.Token); // the test's clock moves without waking: look again soon
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _supervisor;
        await _http.DisposeAsync();
    }

    private sealed class Waker(SemaphoreSlim s) : IWake
    {
        public void Wake() => s.Release();
    }

    /// <summary>A virtual clock the test moves (starts at one hour, as a module that has run a while).</summary>
    internal sealed class ManualClock : IClock
    {
        private long _now = 3_600_000;

        public long NowMs => Interlocked.Read(ref _now);

        public DateTime UtcNow => new DateTime(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc).AddMilliseconds(NowMs);

        public void Advance(long ms) => Interlocked.Add(ref _now, ms);
    }

    /// <summary>The ESP32's web platform as far as the wizard needs it: Wi-Fi settings exist; saves are kept in memory.</summary>
    internal sealed class DevicePlatform : IWebPlatform
    {
        private readonly object _sync = new();
        private ModuleSettings? _saved;

        public string Platform => "esp32";

        public bool HasWifi => true;

        /// <summary>The settings last saved (null before the first save).</summary>
        public ModuleSettings? Saved
        {
            get { lock (_sync) { return _saved; } }
        }

        public string? Save(ModuleSettings settings)
        {
            lock (_sync)
            {
                _saved = settings.Copy();
            }

            return null;
        }

        public void Apply(ModuleSettings settings)
        {
        }

        public string[] RecentLogLines() => [];

        public void WriteNetwork(JsonWriter w)
        {
            w.BeginObject();
            w.Property("kind", "access_point");
            w.Property("address", "192.168.4.1");
            w.EndObject();
        }
    }
}
