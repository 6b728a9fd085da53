#nullable enable
using System.Text.Json;
using NesMep.Core.Mqtt;
using NesMep.Core.Tests.Support;
using Xunit;

namespace NesMep.Core.Tests.Mqtt;

/// <summary>The publish decisions under virtual time, against the scripted meter.</summary>
public class MqttPublisherTests
{
    private const string ConfigPrefix = "homeassistant/sensor/nesmep_5706567012345678/";

    /// <summary>Configs one discovery round publishes: every entity, plus an empty one per retired entity.</summary>
    private static readonly int RoundSize = HaDiscovery.Count + HaDiscovery.RetiredCount;

    private static bool IsConfig(Sent m) => m.Topic.StartsWith("homeassistant/", StringComparison.Ordinal) && m.Topic.EndsWith("/config", StringComparison.Ordinal);

    [Fact]
    public void Connect_publishes_lwt_then_discovery_then_availability_then_state_after_a_grace()
    {
        var rig = new PublisherRig().WithData();
        rig.Connect();

        List<Sent> m = rig.Sink.Messages;
        Assert.Equal(new Sent(m[0].AtMs, "nesmep/lwt", "Online", 1, true), m[0]);
        List<Sent> configs = m.Where(IsConfig).ToList();
        Assert.Equal(RoundSize, configs.Count);
        Assert.All(configs, c => Assert.True(c.Retain && c.Qos == 1));
        // Linux-like platform without Wi-Fi: the RSSI entity is removed (empty retained config), all others announced.
        Sent rssi = Assert.Single(configs, c => c.Topic.EndsWith("/wifi_rssi_dbm/config", StringComparison.Ordinal));
        Assert.Equal("", rssi.Payload);
        Assert.Equal(HaDiscovery.Count - 1, configs.Count(c => c.Payload.Length > 0));
        Assert.Equal("", Assert.Single(configs, c => c.Topic.EndsWith("/uptime_s/config", StringComparison.Ordinal)).Payload);

        // The log names what was published: the announced configs, not the size of the entity table.
        Assert.Equal(HaDiscovery.Count - 1, rig.Publisher.AnnouncedEntities);
        Assert.Contains(rig.Log.Lines, l => l.Contains("announced " + (HaDiscovery.Count - 1) + " Home Assistant entities", StringComparison.Ordinal));
        Sent availability = Assert.Single(rig.Sink.On("nesmep/availability"));
        Assert.Equal(("online", 1, true), (availability.Payload, availability.Qos, availability.Retain));
        Assert.True(m.IndexOf(availability) > m.IndexOf(configs[^1]));
        Assert.Empty(rig.Sink.On("nesmep/state"));

        rig.Run(MqttPublisher.DiscoveryGraceMs + 100);
        Sent state = Assert.Single(rig.Sink.On("nesmep/state"));
        Assert.Equal((0, false), (state.Qos, state.Retain));
        Assert.Contains("\"energy_import_kwh\":1234.567", state.Payload);
        Assert.Contains("\"power_import_w\":432", state.Payload);
        Assert.Contains("\"power_factor_l2\":-0.975", state.Payload);
        Assert.Single(rig.Sink.On("nesmep/diagnostics"));
        Assert.Equal("{\"Fwd_Act_Wh\":1234567,\"Rev_Act_Wh\":4321}", Assert.Single(rig.Sink.On("nesmep/meterConsumptionTotal/mydatajson")).Payload);
        Assert.Contains("\"L1_Rev_W\":-7", Assert.Single(rig.Sink.On("nesmep/meterConsumptionRev/mydatajson")).Payload);
        Assert.Contains("\"L2_PF_Fac\":-975", Assert.Single(rig.Sink.On("nesmep/sensors/mydatajson")).Payload);
        Assert.Equal("{\"Freq_mHz\":50012}", Assert.Single(rig.Sink.On("nesmep/frequency/mydatajson")).Payload);
        Assert.All(rig.Sink.Messages.Where(x => x.Topic.EndsWith("mydatajson", StringComparison.Ordinal)), x => Assert.Equal((0, false), (x.Qos, x.Retain)));
        Assert.Equal(new[] { "homeassistant/status" }, rig.Publisher.SubscribeTopics);
    }

    [Fact]
    public void Nothing_is_published_while_disconnected()
    {
        var rig = new PublisherRig();
        rig.Run(20_000);
        Assert.Empty(rig.Sink.Messages);
        rig.Connect();
        rig.Publisher.OnDisconnected();
        rig.Sink.Clear();
        rig.Run(20_000);
        Assert.Empty(rig.Sink.Messages);
    }

    [Fact]
    public void Before_the_first_reading_no_value_is_published_as_zero_and_discovery_waits_for_the_serial()
    {
        var rig = new PublisherRig();
        rig.Connect();
        rig.Run(300);

        Assert.Equal("Online", rig.Sink.Messages[0].Payload);
        Assert.DoesNotContain(rig.Sink.Messages, IsConfig);
        Assert.Equal("offline", rig.Sink.Last("nesmep/availability")!.Payload);
        using (var state = JsonDocument.Parse(rig.Sink.Last("nesmep/state")!.Payload))
        {
            Assert.All(state.RootElement.EnumerateObject(), p => Assert.Equal(JsonValueKind.Null, p.Value.ValueKind));
        }

        Assert.DoesNotContain(rig.Sink.Messages, m => m.Topic.EndsWith("mydatajson", StringComparison.Ordinal));
        Assert.Contains("\"link_state\":\"starting\"", rig.Sink.Last("nesmep/diagnostics")!.Payload);
        Assert.Contains("\"data_age_s\":null", rig.Sink.Last("nesmep/diagnostics")!.Payload);

        // The serial arrives with the configuration reads; discovery follows, then values.
        rig.Run(15_000);
        Assert.Equal(RoundSize, rig.Sink.Messages.Count(IsConfig));
        Assert.Equal("online", rig.Sink.Last("nesmep/availability")!.Payload);
        Assert.Contains("\"energy_import_kwh\":1234.567", rig.Sink.Last("nesmep/state")!.Payload);
    }

    [Fact]
    public void Interval_mode_publishes_every_interval()
    {
        var rig = new PublisherRig().WithData();
        rig.Connect();
        rig.Run(MqttPublisher.DiscoveryGraceMs + 100);
        rig.Sink.Clear();
        rig.Run(60_000);
        List<Sent> states = rig.Sink.On("nesmep/state");
        Assert.Equal(6, states.Count);
        for (int i = 1; i < states.Count; i++)
        {
            Assert.Equal(10_000, states[i].AtMs - states[i - 1].AtMs);
        }

        Assert.Equal(6, rig.Sink.On("nesmep/diagnostics").Count);
        Assert.Equal(6, rig.Sink.On("nesmep/meterConsumptionFwd/mydatajson").Count);
        Assert.DoesNotContain(rig.Sink.Messages, IsConfig);
    }

    [Fact]
    public void On_change_mode_respects_the_minimum_interval_and_keeps_a_heartbeat()
    {
        var settings = new MqttSettings { Host = "h", ClientId = "c", PublishMode = MqttSettings.ModeOnChange, MinIntervalS = 2, IntervalS = 30 };
        var rig = new PublisherRig(settings).WithData();
        rig.Connect();
        rig.Run(MqttPublisher.DiscoveryGraceMs + 100);
        rig.Sink.Clear();
        long start = rig.Clock.NowMs;

        // 40 s quiet (only the slow values come and go), then power changes on every BT28 read for 10 s.
        rig.Run(40_000);
        int quiet = rig.Sink.On("nesmep/state").Count;
        for (int i = 0; i < 10; i++)
        {
            rig.PowerImportW = 500 + i;
            rig.Run(1000);
        }

        rig.Run(2500);
        List<Sent> states = rig.Sink.On("nesmep/state");
        var gaps = states.Zip(states.Skip(1), (a, b) => b.AtMs - a.AtMs).ToList();
        Assert.All(gaps, g => Assert.True(g >= 2000, "publications " + g + " ms apart"));
        Assert.True(states[0].AtMs - start <= 30_100, "heartbeat");
        Assert.All(gaps, g => Assert.True(g <= 30_100, "silence of " + g + " ms"));
        Assert.InRange(quiet, 1, 3);
        Assert.InRange(states.Count - quiet, 4, 6);
        Assert.Contains("\"power_import_w\":509", states[^1].Payload);

        // Diagnostics stay on the heartbeat period, not on every change.
        List<Sent> diagnostics = rig.Sink.On("nesmep/diagnostics");
        Assert.All(diagnostics.Zip(diagnostics.Skip(1), (a, b) => b.AtMs - a.AtMs), g => Assert.True(g >= 30_000));
    }

    [Fact]
    public void Home_assistant_birth_message_republishes_discovery_availability_and_state()
    {
        var rig = new PublisherRig().WithData();
        rig.Connect();
        rig.Run(3000);
        rig.Sink.Clear();

        rig.Birth("offline");
        rig.Run(500);
        Assert.DoesNotContain(rig.Sink.Messages, IsConfig);

        rig.Birth("online");
        rig.Run(100);
        Assert.Equal(RoundSize, rig.Sink.Messages.Count(IsConfig));
        Assert.Equal("online", Assert.Single(rig.Sink.On("nesmep/availability")).Payload);
        Assert.Empty(rig.Sink.On("nesmep/state"));
        rig.Run(MqttPublisher.DiscoveryGraceMs);
        Assert.Single(rig.Sink.On("nesmep/state"));
        Assert.Equal(2, rig.Publisher.DiscoveryRounds);
        Assert.Contains(rig.Log.Lines, l => l.Contains("Home Assistant is online"));
    }

    [Fact]
    public void A_flood_of_birth_messages_gives_one_log_line_and_one_announcement_per_burst()
    {
        var rig = new PublisherRig().WithData();
        rig.Connect();
        rig.Run(3000);
        int roundsBefore = rig.Publisher.DiscoveryRounds;
        int linesBefore = rig.Log.Lines.Count(l => l.Contains("Home Assistant is online", StringComparison.Ordinal));
        rig.Sink.Clear();

        // 2000 "online" messages, one per millisecond, with the MQTT thread polling as usual.
        for (int i = 0; i < 2000; i++)
        {
            rig.Birth();
            rig.Run(1);
        }

        rig.Run(MqttPublisher.DiscoveryGraceMs + 500);
        Assert.Equal(roundsBefore + 1, rig.Publisher.DiscoveryRounds);
        Assert.Equal(RoundSize, rig.Sink.Messages.Count(IsConfig));
        Assert.Equal(linesBefore + 1, rig.Log.Lines.Count(l => l.Contains("Home Assistant is online", StringComparison.Ordinal)));
        Assert.Equal(1999, rig.Publisher.CoalescedBirths);

        // A later, separate burst (Home Assistant restarted again) is answered once more.
        rig.Run(MqttPublisher.BirthBurstGapMs);
        rig.Sink.Clear();
        for (int i = 0; i < 100; i++)
        {
            rig.Birth();
            rig.Run(1);
        }

        rig.Run(500);
        Assert.Equal(roundsBefore + 2, rig.Publisher.DiscoveryRounds);
        Assert.Equal(RoundSize, rig.Sink.Messages.Count(IsConfig));
        Assert.Equal(linesBefore + 2, rig.Log.Lines.Count(l => l.Contains("Home Assistant is online", StringComparison.Ordinal)));
        Assert.Contains(rig.Log.Lines, l => l.Contains("the previous burst had 2000 birth messages", StringComparison.Ordinal));
    }

    [Fact]
    public void Diagnostics_carry_the_boot_time_which_stays_put_while_uptime_grows()
    {
        var rig = new PublisherRig().WithData();
        rig.Connect();
        rig.Run(3000);
        string first = rig.Sink.Last("nesmep/diagnostics")!.Payload;
        rig.Run(25_000);
        string later = rig.Sink.Last("nesmep/diagnostics")!.Payload;
        using var a = JsonDocument.Parse(first);
        using var b = JsonDocument.Parse(later);
        string boot = a.RootElement.GetProperty("last_boot").GetString()!;
        Assert.Equal(boot, b.RootElement.GetProperty("last_boot").GetString());
        Assert.True(b.RootElement.GetProperty("uptime_s").GetInt64() > a.RootElement.GetProperty("uptime_s").GetInt64());

        // The boot time is the wall clock minus the uptime (virtual clock: started at StartedMs).
        DateTime expected = rig.Clock.UtcNow.AddMilliseconds(rig.Context.StartedMs - rig.Clock.NowMs);
        DateTime parsed = DateTime.Parse(boot, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        Assert.InRange((expected - parsed).TotalSeconds, 0, 1);
        Assert.EndsWith("Z", boot);
    }

    [Fact]
    public void Link_loss_sets_availability_offline_and_then_values_null_never_zero()
    {
        var rig = new PublisherRig().WithData();
        rig.Connect();
        rig.Run(3000);
        Assert.Equal("online", rig.Sink.Last("nesmep/availability")!.Payload);
        rig.Sink.Clear();

        rig.Meter.Enqueue(Enumerable.Repeat(MeterAction.LoseRequest, 1000).ToArray());
        rig.Run(15_000);
        Sent offline = Assert.Single(rig.Sink.On("nesmep/availability"));
        Assert.Equal(("offline", true), (offline.Payload, offline.Retain));
        Assert.InRange(offline.AtMs - (rig.Clock.NowMs - 15_000), 9_000, 13_000);
        Assert.Contains("\"link_state\":\"down\"", rig.Sink.Last("nesmep/diagnostics")!.Payload);

        // Past the stale limit (30 s): values are null, the Dabbler bodies are not sent at all.
        rig.Run(25_000);
        rig.Sink.Clear();
        rig.Run(10_000);
        using var state = JsonDocument.Parse(rig.Sink.Last("nesmep/state")!.Payload);
        Assert.All(state.RootElement.EnumerateObject(), p => Assert.Equal(JsonValueKind.Null, p.Value.ValueKind));
        Assert.DoesNotContain(rig.Sink.Messages, m => m.Topic.EndsWith("mydatajson", StringComparison.Ordinal));
        Assert.DoesNotContain(rig.Sink.Messages, m => m.Payload.Contains(":0,") && m.Topic.EndsWith("mydatajson", StringComparison.Ordinal));
    }

    [Fact]
    public void Discovery_off_removes_the_entities_with_empty_retained_configs_and_does_not_subscribe()
    {
        var rig = new PublisherRig(new MqttSettings { Host = "h", ClientId = "c", Discovery = false }).WithData();
        Assert.Empty(rig.Publisher.SubscribeTopics);
        rig.Connect();
        List<Sent> configs = rig.Sink.Messages.Where(IsConfig).ToList();
        Assert.Equal(RoundSize, configs.Count);
        Assert.All(configs, c => Assert.Equal(("", 1, true), (c.Payload, c.Qos, c.Retain)));
        Assert.Null(rig.Publisher.AnnouncedSerial);

        rig.Birth();
        rig.Run(3000);
        Assert.Equal(RoundSize, rig.Sink.Messages.Count(IsConfig));
        Assert.NotEmpty(rig.Sink.On("nesmep/meterConsumptionTotal/mydatajson"));
    }

    [Fact]
    public void A_new_meter_serial_removes_the_old_entities_and_announces_the_new_ones()
    {
        var rig = new PublisherRig().WithData();
        rig.Connect();
        rig.Run(2000);
        rig.Sink.Clear();

        rig.Reading.Identity.UtilitySerial = "5706567099999999";
        rig.Run(200);
        List<Sent> configs = rig.Sink.Messages.Where(IsConfig).ToList();
        Assert.Equal(HaDiscovery.Count + RoundSize, configs.Count);
        Assert.All(configs.Take(HaDiscovery.Count), c =>
        {
            Assert.Contains("nesmep_5706567012345678", c.Topic);
            Assert.Equal("", c.Payload);
        });
        Assert.All(configs.Skip(HaDiscovery.Count), c => Assert.Contains("nesmep_5706567099999999", c.Topic));
        Assert.Equal("5706567099999999", rig.Publisher.AnnouncedSerial);
    }

    [Fact]
    public void A_full_queue_is_retried_where_it_stopped_without_losing_configs()
    {
        var rig = new PublisherRig().WithData();
        rig.Sink.AcceptBudget = 10;
        rig.Connect();
        rig.Run(1000);
        Assert.Equal(10, rig.Sink.Messages.Count);
        Assert.True(rig.Publisher.Refused > 0);

        rig.Sink.AcceptBudget = -1;
        rig.Run(200);
        List<string> topics = rig.Sink.Messages.Where(IsConfig).Select(m => m.Topic).ToList();
        Assert.Equal(RoundSize, topics.Count);
        Assert.Equal(topics.Count, topics.Distinct().Count());
        Assert.Single(rig.Sink.On("nesmep/lwt"));
    }

    [Fact]
    public void A_sink_without_room_is_asked_first_so_no_state_payload_is_built_to_be_dropped()
    {
        var rig = new PublisherRig().WithData();
        rig.Connect();
        rig.Run(3000);
        rig.Sink.AcceptBudget = 0;
        rig.Sink.Offered.Clear();
        int refused = rig.Publisher.Refused;
        rig.Run(rig.Settings.IntervalS * 1000 + 200); // state is due
        Assert.Contains("nesmep/state", rig.Sink.Asked);
        Assert.Empty(rig.Sink.Offered);
        Assert.True(rig.Publisher.Refused > refused);
    }

    [Fact]
    public void Reconnect_repeats_everything_retained()
    {
        var rig = new PublisherRig().WithData();
        rig.Connect();
        rig.Run(3000);
        rig.Publisher.OnDisconnected();
        rig.Sink.Clear();
        rig.Connect();
        Assert.Equal("Online", rig.Sink.Messages[0].Payload);
        Assert.Equal(RoundSize, rig.Sink.Messages.Count(IsConfig));
        Assert.Equal("online", rig.Sink.Last("nesmep/availability")!.Payload);
    }

    [Fact]
    public void Clean_shutdown_publishes_offline_retained()
    {
        var rig = new PublisherRig().WithData();
        rig.Connect();
        rig.Sink.Clear();
        Assert.True(rig.Publisher.PublishOffline());
        Assert.Equal(new[] { ("nesmep/availability", "offline", true), ("nesmep/lwt", "Offline", true) }, rig.Sink.Messages.Select(m => (m.Topic, m.Payload, m.Retain)));
        Assert.Equal(("nesmep/lwt", "Offline"), (rig.Publisher.WillTopic, rig.Publisher.WillPayload));
    }

    [Fact]
    public void Wifi_platforms_announce_rssi_and_publish_it_in_diagnostics()
    {
        var rig = new PublisherRig(wifi: new FixedWifi { Dbm = -67 }).WithData();
        rig.Connect();
        rig.Run(MqttPublisher.DiscoveryGraceMs + 100);
        Sent rssi = Assert.Single(rig.Sink.Messages, m => m.Topic == ConfigPrefix + "wifi_rssi_dbm/config");
        Assert.Contains("\"device_class\":\"signal_strength\"", rssi.Payload);
        Assert.Contains("\"wifi_rssi_dbm\":-67", rig.Sink.Last("nesmep/diagnostics")!.Payload);
    }

    [Fact]
    public void Without_a_meter_key_diagnostics_say_not_configured_and_nothing_else_is_claimed()
    {
        var rig = new PublisherRig(noKey: true);
        rig.Connect();
        rig.Run(1000);
        Assert.Contains("\"link_state\":\"not_configured\"", rig.Sink.Last("nesmep/diagnostics")!.Payload);
        Assert.Equal("offline", rig.Sink.Last("nesmep/availability")!.Payload);
        Assert.DoesNotContain(rig.Sink.Messages, IsConfig);
    }

    [Fact]
    public void Invalid_settings_are_refused_with_the_setting_name()
    {
        var e = Assert.Throws<ArgumentException>(() => new PublisherRig(new MqttSettings { Host = "" }));
        Assert.Equal("mqtt.host: give the broker's host name or IP address", e.Message);
    }
}
