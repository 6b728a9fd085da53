using System.Text.Json;
using NesMep.Core.Api;
using NesMep.Core.Link;
using NesMep.Core.Model;
using NesMep.Core.Mqtt;
using NesMep.Core.Settings;
using NesMep.Host.Mqtt;
using NesMep.Host.Service;
using NesMep.Simulator;
using NesMep.Host.Tests.EndToEnd;
using Xunit;
using Xunit.Abstractions;

namespace NesMep.Host.Tests.Mqtt;

/// <summary>
/// Issue 13's "same MQTT values as over MEP": the service on its built-in simulated meter with meter.port optical and,
/// at the same time on a second mosquitto, with meter.port mep. Both must retain the same Home Assistant discovery
/// topics and publish the same topics and state keys; each value is checked against its own meter (real time, two
/// processes' worth of threads: exact equality between the runs is not expected, see OpticalParityTests for that
/// on virtual time).
/// </summary>
[Collection("Mosquitto")]
public class OpticalMqttBrokerTests
{
    private static readonly MqttSupervisorOptions Fast = new() { InitialBackoffMs = 100, MaxBackoffMs = 400, ConnectTimeoutMs = 2000, PollIntervalMs = 20, ShutdownFlushMs = 1000 };

    private readonly ITestOutputHelper _output;

    public OpticalMqttBrokerTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Optical_port_publishes_the_same_state_keys_topics_and_discovery_as_mep()
    {
        using var mep = new Run(LinkKind.Mep);
        using var optical = new Run(LinkKind.Optical);
        Run[] runs = [mep, optical];

        // Each run: a state topic with every value the profile has, then one more full round of the Dabbler bodies.
        foreach (Run r in runs)
        {
            r.State = r.Live.WaitFor(m => m.Topic == "nesmep/state" && r.Complete(m.Payload), r.Port + ": a state with every value the profile has", 20_000);
            r.Live.WaitFor(m => m.Topic == "nesmep/frequency/mydatajson", r.Port + ": a Dabbler round after it", 5_000, r.State.AtMs);
        }

        Assert.Equal(NonNullKeys(mep.State!.Payload), NonNullKeys(optical.State!.Payload));
        Assert.Equal(mep.Topics(), optical.Topics());
        foreach (string topic in mep.Topics().Where(t => t.EndsWith("/mydatajson", StringComparison.Ordinal)))
        {
            // The Dabbler bodies of the round after the complete state: the same keys carry numbers (null = not read).
            Assert.Equal(NonNullKeys(mep.Live.On(topic).Last().Payload), NonNullKeys(optical.Live.On(topic).Last().Payload));
        }

        Dictionary<string, Seen> retainedMep = Subscriber.Snapshot(mep.Broker.Port);
        Dictionary<string, Seen> retainedOptical = Subscriber.Snapshot(optical.Broker.Port);
        List<string> configs = retainedMep.Keys.Where(k => k.StartsWith("homeassistant/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(configs);
        Assert.Equal(configs, retainedOptical.Keys.Where(k => k.StartsWith("homeassistant/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList());
        foreach (string topic in configs)
        {
            // Entity by entity the same unit, device class and state key (the link is no part of an entity).
            Assert.Equal(Entity(retainedMep[topic].Payload), Entity(retainedOptical[topic].Payload));
        }

        foreach (Run r in runs)
        {
            r.AssertPlausible();
        }

        _output.WriteLine($"{configs.Count} discovery configs, {NonNullKeys(optical.State.Payload).Count} state values, topics {string.Join(",", optical.Topics())}");
        optical.Live.WaitFor(m => m.Topic == "nesmep/diagnostics" && m.Payload.Contains("\"link_state\":\"up\""), "optical diagnostics");
        lock (optical.Runtime.Gate)
        {
            Assert.Equal("optical", optical.Runtime.Poller.Link.LinkName); // the run really read through the optical port
            Assert.Equal("mep", mep.Runtime.Poller.Link.LinkName);
        }
    }

    private static List<string> NonNullKeys(string payload)
    {
        using JsonDocument doc = JsonDocument.Parse(payload);
        return ProfileValues.Present(doc.RootElement);
    }

    private static string Entity(string config)
    {
        using JsonDocument doc = JsonDocument.Parse(config);
        JsonElement c = doc.RootElement;
        string Field(string name) => c.TryGetProperty(name, out JsonElement v) ? v.ToString() : "-";
        return string.Join("|", Field("unique_id"), Field("unit_of_measurement"), Field("device_class"), Field("state_class"), Field("value_template"), Field("state_topic"));
    }

    private sealed class Run : IDisposable
    {
        private readonly string[] _expectedKeys;

        public Run(string port)
        {
            Port = port;
            Broker = new Mosquitto();
            Live = new Subscriber(Broker.Port);
            var config = new HostConfig();
            config.Settings.MeterPort = SettingsTable.MeterPort.ChoiceIndex(port);
            Runtime = new ModuleRuntime(config, SystemClock.Instance, Log, new ModuleInfo { Version = "0.1.0", Name = "NesMep", Maker = "NesMep" });
            Runtime.Start();
            _expectedKeys = ProfileValues.Keys(Runtime.Simulator!.Profile);
            Service = new MqttService(new MqttSettings { Host = "127.0.0.1", Port = Broker.Port, ClientId = "nesmep-" + port, IntervalS = 1 }, Runtime, Log, Fast);
            Service.Start();
        }

        public string Port { get; }

        public Mosquitto Broker { get; }

        public Subscriber Live { get; }

        public MqttServiceBrokerTests.ListLog Log { get; } = new();

        public ModuleRuntime Runtime { get; }

        public MqttService Service { get; }

        public Seen? State { get; set; }

        /// <summary>True when every quantity the simulated profile has is a number in the state payload.</summary>
        public bool Complete(string payload)
        {
            using JsonDocument doc = JsonDocument.Parse(payload);
            return ProfileValues.AllNumbers(doc.RootElement, _expectedKeys);
        }

        /// <summary>The nesmep/ topics seen so far (state and Dabbler bodies, lwt, availability; diagnostics has its own interval).</summary>
        public List<string> Topics() =>
            Live.All.Select(m => m.Topic).Where(t => t.StartsWith("nesmep/", StringComparison.Ordinal) && t != "nesmep/diagnostics").Distinct().Order(StringComparer.Ordinal).ToList();

        /// <summary>Energy between the household's start and the meter's register now; grid voltage and frequency; power not negative.</summary>
        public void AssertPlausible()
        {
            MeterSimulator meter = Runtime.Simulator!;
            using JsonDocument doc = JsonDocument.Parse(State!.Payload);
            JsonElement s = doc.RootElement;
            long importWh = (long)Math.Round(s.GetProperty("energy_import_kwh").GetDouble() * 1000);
            long nowWh;
            lock (Runtime.Gate)
            {
                nowWh = meter.Tables.SummationValue(0, 0);
            }

            Assert.InRange(importWh, meter.Load.Options.InitialFwdWh, nowWh);
            Assert.InRange(s.GetProperty("voltage_l1_v").GetDouble(), 180, 260);
            Assert.InRange(s.GetProperty("frequency_hz").GetDouble(), 49, 51);
            Assert.True(s.GetProperty("power_import_w").GetDouble() >= 0, Port + ": " + State.Payload);
        }

        public void Dispose()
        {
            Service.Dispose();
            Runtime.Dispose();
            Live.Dispose();
            Broker.Dispose();
        }
    }
}
