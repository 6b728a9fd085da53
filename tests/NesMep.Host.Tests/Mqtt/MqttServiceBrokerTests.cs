using System.Diagnostics;
using System.Text.Json;
using NesMep.Core.Api;
using NesMep.Core.Mqtt;
using NesMep.Core.Platform;
using NesMep.Host.Mqtt;
using NesMep.Host.Service;
using NesMep.Simulator;
using Xunit;

namespace NesMep.Host.Tests.Mqtt;

/// <summary>
/// The whole MQTT path against mosquitto: the built-in simulated meter, the core publisher and
/// the host client, checked from a subscriber's point of view.
/// </summary>
[Collection("Mosquitto")]
public class MqttServiceBrokerTests
{
    private const string Node = "nesmep_5706567012345678";

    /// <summary>Home Assistant's accepted units and state classes per device class (see the core's HaDiscoveryTests).</summary>
    private static readonly Dictionary<string, (string?[] Units, string[] StateClasses)> HaAccepts = new()
    {
        ["energy"] = (["Wh", "kWh", "MWh"], ["total", "total_increasing"]),
        ["power"] = (["W", "kW"], ["measurement"]),
        ["voltage"] = (["V", "mV"], ["measurement"]),
        ["current"] = (["A", "mA"], ["measurement"]),
        ["frequency"] = (["Hz", "kHz"], ["measurement"]),
        ["power_factor"] = (["%", null], ["measurement"]),
        ["reactive_power"] = (["var"], ["measurement"]),
        ["apparent_power"] = (["VA"], ["measurement"]),
        ["duration"] = (["s", "min", "h", "d", "ms"], ["measurement", "total", "total_increasing"]),
        ["enum"] = ([null], []),
        ["timestamp"] = ([null], []),
        ["connectivity"] = ([null], []),
    };

    private static readonly MqttSupervisorOptions Fast = new() { InitialBackoffMs = 100, MaxBackoffMs = 400, ConnectTimeoutMs = 2000, PollIntervalMs = 20, ShutdownFlushMs = 1000 };

    private sealed class Rig : IDisposable
    {
        public Rig(int port, Action<MqttSettings>? configure = null)
        {
            Runtime = new ModuleRuntime(new HostConfig(), SystemClock.Instance, Log, new ModuleInfo { Version = "0.1.0", Name = "NesMep", Maker = "NesMep" });
            Runtime.Start();
            Settings = new MqttSettings { Host = "127.0.0.1", Port = port, ClientId = "nesmep-test", IntervalS = 1, ConfigurationUrl = "http://127.0.0.1:8080/" };
            configure?.Invoke(Settings);
            Service = new MqttService(Settings, Runtime, Log, Fast);
            Service.Start();
        }

        public ListLog Log { get; } = new();

        public ModuleRuntime Runtime { get; }

        public MqttSettings Settings { get; }

        public MqttService Service { get; }

        public void Dispose()
        {
            Service.Dispose();
            Runtime.Dispose();
        }
    }

    internal sealed class ListLog : ILog
    {
        private readonly List<string> _lines = new();

        public string Text
        {
            get
            {
                lock (_lines)
                {
                    return string.Join("\n", _lines);
                }
            }
        }

        public bool IsEnabled(LogLevel level) => true;

        public void Write(LogLevel level, string message)
        {
            lock (_lines)
            {
                _lines.Add(level + " " + message);
            }
        }
    }

    [Fact]
    public void Publishes_dabbler_topics_state_and_retained_availability_and_discovery()
    {
        using var broker = new Mosquitto();
        using var live = new Subscriber(broker.Port);
        using var rig = new Rig(broker.Port);

        live.WaitFor("nesmep/lwt", "Online");
        live.WaitFor("nesmep/availability", "online");
        Seen total = live.WaitFor(m => m.Topic == "nesmep/meterConsumptionTotal/mydatajson", "a Dabbler total");
        live.WaitFor(m => m.Topic == "nesmep/frequency/mydatajson", "a Dabbler frequency", 3000, total.AtMs - 1);

        // Dabbler bodies: the firmware's keys in its order, integers (signed), null never 0 for missing values.
        CheckDabbler(live, "nesmep/sensors/mydatajson", MqttPayloads.SensorsKeys);
        CheckDabbler(live, "nesmep/meterConsumptionTotal/mydatajson", MqttPayloads.TotalKeys);
        CheckDabbler(live, "nesmep/meterConsumptionFwd/mydatajson", MqttPayloads.FwdKeys);
        CheckDabbler(live, "nesmep/meterConsumptionRev/mydatajson", MqttPayloads.RevKeys);
        CheckDabbler(live, "nesmep/frequency/mydatajson", MqttPayloads.FrequencyKeys);
        using (JsonDocument t = JsonDocument.Parse(total.Payload))
        {
            Assert.True(t.RootElement.GetProperty("Fwd_Act_Wh").GetInt64() > 0);
        }

        Seen state = live.WaitFor(m => m.Topic == "nesmep/state" && !m.Payload.Contains("\"energy_import_kwh\":null"), "a state with energy");
        Assert.Equal(0, state.Qos);
        using (JsonDocument s = JsonDocument.Parse(state.Payload))
        {
            Assert.Equal(JsonValueKind.Number, s.RootElement.GetProperty("voltage_l1_v").ValueKind);
        }

        Seen diag = live.WaitFor(m => m.Topic == "nesmep/diagnostics" && m.Payload.Contains("\"link_state\":\"up\""), "diagnostics");
        Assert.DoesNotContain("wifi_rssi_dbm", diag.Payload); // Linux has no Wi-Fi RSSI

        // Retained: lwt, availability, discovery. Not retained: state, diagnostics, Dabbler bodies.
        Dictionary<string, Seen> retained = Subscriber.Snapshot(broker.Port);
        Assert.Equal("Online", retained["nesmep/lwt"].Payload);
        Assert.Equal("online", retained["nesmep/availability"].Payload);
        Assert.DoesNotContain(retained.Keys, k => k.StartsWith("nesmep/", StringComparison.Ordinal) && k is not ("nesmep/lwt" or "nesmep/availability"));
        List<string> configs = retained.Keys.Where(k => k.StartsWith("homeassistant/", StringComparison.Ordinal)).ToList();
        Assert.Equal(HaDiscovery.Count - 1, configs.Count); // all but Wi-Fi RSSI (its empty config deletes nothing)
        Assert.DoesNotContain(configs, k => k.Contains("wifi_rssi"));

        // Discovery field by field, as Home Assistant receives it.
        JsonElement energy = Parse(retained["homeassistant/sensor/" + Node + "/energy_import_kwh/config"]);
        Assert.Equal("energy", energy.GetProperty("device_class").GetString());
        Assert.Equal("total_increasing", energy.GetProperty("state_class").GetString());
        Assert.Equal("kWh", energy.GetProperty("unit_of_measurement").GetString());
        Assert.Equal("nesmep/state", energy.GetProperty("state_topic").GetString());
        Assert.Equal(Node + "_energy_import_kwh", energy.GetProperty("unique_id").GetString());
        Assert.Equal(30, energy.GetProperty("expire_after").GetInt32());
        Assert.Equal(Node + "_module", energy.GetProperty("device").GetProperty("via_device").GetString());
        Assert.Equal("http://127.0.0.1:8080/", energy.GetProperty("device").GetProperty("configuration_url").GetString());
        Assert.Equal("nesmep/availability", energy.GetProperty("availability")[1].GetProperty("topic").GetString());
        Assert.False(energy.GetProperty("device").TryGetProperty("serial_number", out _)); // Home Assistant < 2024.2 rejects it
        Assert.Contains("mqtt: announced " + configs.Count + " Home Assistant entities", rig.Log.Text); // what was retained, not the table size

        foreach (string topic in configs)
        {
            JsonElement c = Parse(retained[topic]);
            Assert.StartsWith(Node + "_", c.GetProperty("unique_id").GetString());
            Assert.True(c.TryGetProperty("expire_after", out _), topic);
            Assert.True(c.TryGetProperty("device", out JsonElement device), topic);
            Assert.True(device.TryGetProperty("manufacturer", out _), topic);
            Assert.True(device.TryGetProperty("model", out _), topic);
            Assert.True(device.TryGetProperty("sw_version", out _), topic);
            string? dc = c.TryGetProperty("device_class", out JsonElement d) ? d.GetString() : null;
            string? unit = c.TryGetProperty("unit_of_measurement", out JsonElement u) ? u.GetString() : null;
            string? sc = c.TryGetProperty("state_class", out JsonElement s) ? s.GetString() : null;
            if (dc == null)
            {
                Assert.Equal("total_increasing", sc);
                continue;
            }

            Assert.True(HaAccepts.ContainsKey(dc), topic + ": " + dc);
            Assert.Contains(unit, HaAccepts[dc].Units);
            if (HaAccepts[dc].StateClasses.Length == 0)
            {
                Assert.Null(sc);
            }
            else
            {
                Assert.Contains(sc, HaAccepts[dc].StateClasses);
            }
        }
    }

    /// <summary>One birth message, or a flood of them in one burst: answered once, logged once.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2000)]
    public void Home_assistant_birth_messages_bring_discovery_and_state_again_once_per_burst(int messages)
    {
        using var broker = new Mosquitto();
        using var live = new Subscriber(broker.Port);
        using var rig = new Rig(broker.Port, s => s.IntervalS = 30);
        live.WaitFor("nesmep/availability", "online");
        // With a 30 s interval the first state with energy is either the one published at connect (energy read
        // first) or the next one 30 s later (a loaded machine connects before the first energy read).
        live.WaitFor(m => m.Topic == "nesmep/state" && !m.Payload.Contains("\"energy_import_kwh\":null"), "first state with energy", 45_000);
        live.WaitQuiet(300);

        long birth = live.NowMs;
        int rounds = rig.Service.Publisher.DiscoveryRounds;
        for (int i = 0; i < messages; i++)
        {
            live.Publish("homeassistant/status", "online");
        }

        // The broker may drop QoS 0 messages to a client that reads slowly (mosquitto's per-client queue holds 1000),
        // so a flood is waited for until it stops arriving, not counted to the last message.
        WaitForBirthsToSettle(rig.Service.Publisher, messages - 1);
        live.WaitFor(m => m.Topic == "nesmep/state" && m.AtMs > birth, "a state after the birth message", 5000);
        live.WaitQuiet(500);
        Assert.Equal(rounds + 1, rig.Service.Publisher.DiscoveryRounds);
        Assert.True(messages == 1 || rig.Service.Publisher.CoalescedBirths > 0, "the flood reached the publisher");
        Assert.Single(rig.Log.Text.Split('\n'), l => l.Contains("Home Assistant is online", StringComparison.Ordinal));
        if (messages == 1)
        {
            // (A flooded observer loses messages in the broker's per-client queue; one message does not flood it.)
            List<Seen> again = live.All.Where(m => m.AtMs > birth && m.Topic.StartsWith("homeassistant/", StringComparison.Ordinal) && m.Topic.EndsWith("/config", StringComparison.Ordinal)).ToList();
            Assert.Equal(HaDiscovery.Count + HaDiscovery.RetiredCount, again.Count);
            Assert.Contains(live.All, m => m.AtMs > birth && m.Topic == "nesmep/availability" && m.Payload == "online");
        }
    }

    [Fact]
    public void Broker_restart_reconnects_restores_retained_state_and_never_stalls_the_meter()
    {
        using var broker = new Mosquitto();
        using var rig = new Rig(broker.Port);
        using (var live = new Subscriber(broker.Port))
        {
            live.WaitFor("nesmep/availability", "online");
        }

        broker.Stop();
        WaitUntil(() => !rig.Service.IsConnected, "the service to notice", 5000);
        long before;
        lock (rig.Runtime.Gate)
        {
            before = rig.Runtime.Reading.LastUpdateMs();
        }

        Thread.Sleep(1500); // meanwhile: reconnect attempts with backoff, refused
        lock (rig.Runtime.Gate)
        {
            Assert.True(rig.Runtime.Reading.LastUpdateMs() > before, "meter polling continued while the broker was down");
        }

        Assert.Equal(MqttErrorKind.Unreachable, rig.Service.LastErrorKind);
        Assert.True(rig.Service.ConnectAttempts >= 3, "attempts: " + rig.Service.ConnectAttempts);

        broker.Start(); // no persistence: every retained message is gone
        WaitUntil(() => rig.Service.Connections == 2, "a reconnect", 5000);
        using var after = new Subscriber(broker.Port);
        after.WaitFor("nesmep/availability", "online", 5000);
        after.WaitFor(m => m.Topic.EndsWith("/last_boot/config", StringComparison.Ordinal), "discovery again", 5000);
        Dictionary<string, Seen> retained = Subscriber.Snapshot(broker.Port);
        Assert.Equal("online", retained["nesmep/availability"].Payload);
        Assert.Equal("Online", retained["nesmep/lwt"].Payload);
        Assert.Equal(HaDiscovery.Count - 1, retained.Keys.Count(k => k.EndsWith("/config", StringComparison.Ordinal)));
        Assert.Contains("connection", rig.Log.Text);
        Assert.Contains("retrying in", rig.Log.Text);
    }

    [Fact]
    public void Meter_link_loss_turns_availability_offline_and_clean_shutdown_turns_lwt_offline()
    {
        using var broker = new Mosquitto();
        using var live = new Subscriber(broker.Port);
        var rig = new Rig(broker.Port);
        try
        {
            live.WaitFor("nesmep/availability", "online");
            long cut = live.NowMs;
            rig.Runtime.Simulator!.Faults.CutLink(true);
            Seen offline = live.WaitFor("nesmep/availability", "offline", 15_000, cut);
            Assert.InRange(offline.AtMs - cut, 7_500, 25_000); // ModuleContext.LinkDownAfterMs after the last verified reply
            live.WaitFor(m => m.Topic == "nesmep/diagnostics" && m.Payload.Contains("\"link_state\":\"down\"") && m.AtMs > cut, "link down in diagnostics", 3000);
            Assert.Equal("offline", Subscriber.Snapshot(broker.Port, "nesmep/availability")["nesmep/availability"].Payload);
            Assert.Equal("Online", Subscriber.Snapshot(broker.Port, "nesmep/lwt")["nesmep/lwt"].Payload);
        }
        finally
        {
            rig.Dispose();
        }

        Assert.Equal("Offline", Subscriber.Snapshot(broker.Port, "nesmep/lwt")["nesmep/lwt"].Payload);
        Assert.Contains("mqtt: disconnected", rig.Log.Text);
    }

    [Fact]
    public void Wrong_password_is_reported_by_name_and_retried_with_backoff()
    {
        using var dir = new TempDir();
        dir.Run("/usr/bin/mosquitto_passwd", "-c", "-b", dir.File("passwd"), "meter", "s3cret");
        using var broker = new Mosquitto("password_file " + dir.File("passwd"), anonymous: false, dir: dir);
        using var rig = new Rig(broker.Port, s =>
        {
            s.User = "meter";
            s.Password = "not-it";
        });
        WaitUntil(() => rig.Service.ConnectAttempts >= 3, "three attempts", 5000);
        Assert.False(rig.Service.IsConnected);
        Assert.Contains(rig.Service.LastErrorKind, new[] { MqttErrorKind.NotAuthorized, MqttErrorKind.BadCredentials });
        Assert.Matches("Error mqtt: cannot connect \\((not authorised|bad credentials)\\)", rig.Log.Text);
        Assert.DoesNotContain("not-it", rig.Log.Text);
    }

    [Fact]
    public void Mqtts_with_a_ca_file_publishes_over_tls()
    {
        using var dir = new TempDir();
        TestPki.CreateAll(dir);
        using var broker = new Mosquitto(TestPki.ListenerTls(dir, false), dir: dir);
        using var rig = new Rig(broker.Port, s =>
        {
            s.Tls = true;
            s.CaFile = dir.File("ca.pem");
        });
        using var live = new Subscriber(broker.Port, "nesmep/#", o =>
        {
            o.Tls = true;
            o.CaFile = dir.File("ca.pem");
        });
        live.WaitFor("nesmep/availability", "online");
        Assert.Contains("mqtt: connected to mqtts://127.0.0.1:" + broker.Port, rig.Log.Text);
    }

    [Fact]
    public async Task Run_with_an_mqtt_url_publishes_the_simulated_meter_with_discovery_and_default_prefixes()
    {
        using var broker = new Mosquitto();
        using var live = new Subscriber(broker.Port);
        var config = new HostConfig { HttpListen = "127.0.0.1:0" };
        MqttHostSetup.ApplyUrl("mqtt://127.0.0.1:" + broker.Port, config);
        Assert.Null(config.Validate());
        var log = new ListLog();
        await using (ModuleHost host = await ModuleHost.StartAsync(config, log, CancellationToken.None))
        {
            Assert.NotNull(host.Mqtt);
            Assert.Matches("^nesmep-[a-z0-9_-]+-[0-9a-f]{6}$", host.Mqtt!.ClientId);
            live.WaitFor(m => m.Topic == "homeassistant/sensor/" + Node + "/energy_import_kwh/config", "discovery under homeassistant/");
            live.WaitFor(m => m.Topic == "nesmep/meterConsumptionFwd/mydatajson", "Dabbler topics under nesmep/");
            live.WaitFor("nesmep/availability", "online");
        }

        // Wait for the retained message itself rather than for a quiet moment: on a loaded machine the broker's
        // retained delivery can pause longer than a snapshot's quiet window.
        using var after = new Subscriber(broker.Port, "nesmep/lwt");
        Assert.Equal("Offline", after.WaitFor(m => m.Topic == "nesmep/lwt" && m.Retain, "retained nesmep/lwt").Payload);
    }

    private static void CheckDabbler(Subscriber live, string topic, string[] keys)
    {
        Seen m = live.WaitFor(x => x.Topic == topic, topic, 5000);
        Assert.False(m.Retain);
        using JsonDocument doc = JsonDocument.Parse(m.Payload);
        Assert.Equal(keys, doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
        foreach (JsonProperty p in doc.RootElement.EnumerateObject())
        {
            Assert.True(p.Value.ValueKind is JsonValueKind.Number or JsonValueKind.Null, topic + "." + p.Name);
            if (p.Value.ValueKind == JsonValueKind.Number)
            {
                Assert.True(p.Value.TryGetInt32(out _), topic + "." + p.Name + " is not a 32-bit integer: " + p.Value.GetRawText());
            }
        }
    }

    private static JsonElement Parse(Seen m)
    {
        using JsonDocument doc = JsonDocument.Parse(m.Payload);
        return doc.RootElement.Clone();
    }

    /// <summary>Waits until <paramref name="all"/> coalesced births arrived, or none arrived for 2 s (at most 30 s).</summary>
    private static void WaitForBirthsToSettle(MqttPublisher publisher, int all)
    {
        var watch = Stopwatch.StartNew();
        int seen = -1;
        long lastChangeMs = 0;
        while (watch.ElapsedMilliseconds < 30_000 && publisher.CoalescedBirths < all)
        {
            if (publisher.CoalescedBirths != seen)
            {
                seen = publisher.CoalescedBirths;
                lastChangeMs = watch.ElapsedMilliseconds;
            }
            else if (watch.ElapsedMilliseconds - lastChangeMs > 2000)
            {
                return;
            }

            Thread.Sleep(20);
        }
    }

    private static void WaitUntil(Func<bool> condition, string what, int timeoutMs)
    {
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < timeoutMs)
        {
            if (condition())
            {
                return;
            }

            Thread.Sleep(20);
        }

        Assert.Fail("no " + what + " within " + timeoutMs + " ms");
    }
}
