#nullable enable
using System.Text;
using System.Text.Json;
using NesMep.Core.Api;
using NesMep.Core.Mqtt;
using Xunit;

namespace NesMep.Core.Tests.Mqtt;

/// <summary>
/// The publisher's payload builder writes the same bytes as the string builders (MqttPayloads, HaDiscovery.Config)
/// whether a payload fits its bounded buffer (one pass, copied out) or not (a counting pass, then straight into the
/// exact array), reads its volatile inputs once, and keeps user text with non-BMP characters intact.
/// </summary>
public class MqttPayloadBuilderTests
{
    private static readonly DateTime Boot = new(2026, 12, 2, 6, 0, 0, DateTimeKind.Utc);
    private readonly PublisherRig _rig = new PublisherRig().WithData();

    /// <summary>Every payload kind through the builder and through the string builders (encoded as the publisher did).</summary>
    private IEnumerable<(string Name, byte[]? Built, string? Expected)> Every(MqttPayloadBuilder b, ModuleContext context, IWifiSignal? wifi)
    {
        long now = _rig.Clock.NowMs;
        yield return ("state", b.State(_rig.Reading, now), MqttPayloads.State(_rig.Reading, now));
        foreach ((string[] keys, int[] quantities) in new[]
        {
            (MqttPayloads.SensorsKeys, MqttPayloads.SensorsQuantities), (MqttPayloads.TotalKeys, MqttPayloads.TotalQuantities),
            (MqttPayloads.FwdKeys, MqttPayloads.FwdQuantities), (MqttPayloads.RevKeys, MqttPayloads.RevQuantities),
            (MqttPayloads.FrequencyKeys, MqttPayloads.FrequencyQuantities),
        })
        {
            yield return ("dabbler " + keys[0], b.Dabbler(_rig.Reading, now, keys, quantities), MqttPayloads.Dabbler(_rig.Reading, now, keys, quantities));
        }

        yield return ("diagnostics", b.Diagnostics(context, now, wifi, Boot), MqttPayloads.Diagnostics(context, now, wifi, Boot));
        for (int i = 0; i < HaDiscovery.Count; i++)
        {
            yield return ("config " + i, b.Config(i, _rig.Settings, _rig.Publisher.Topics, context, PublisherRig.Serial),
                HaDiscovery.Config(i, _rig.Settings, _rig.Publisher.Topics, context, PublisherRig.Serial));
        }
    }

    [Theory]
    [InlineData(MqttPayloadBuilder.DefaultBufferBytes)]
    [InlineData(64)]
    [InlineData(16)]
    public void Every_payload_is_the_string_builders_bytes_through_either_pass(int bufferBytes)
    {
        var b = new MqttPayloadBuilder(bufferBytes);
        int kinds = 0;
        foreach ((string name, byte[]? built, string? expected) in Every(b, _rig.Context, new FixedWifi()))
        {
            Assert.True(expected != null, name + " has values after WithData");
            Assert.Equal(expected, Encoding.UTF8.GetString(built!));
            Assert.Equal(Encoding.UTF8.GetByteCount(expected!), built!.Length);
            kinds++;
        }

        Assert.Equal(7 + HaDiscovery.Count, kinds);
        Assert.True(b.PeakBytes <= b.BufferBytes, "peak " + b.PeakBytes);
        if (bufferBytes == MqttPayloadBuilder.DefaultBufferBytes)
        {
            Assert.Equal(0, b.SecondPasses); // the default buffer holds every payload of a Gen 3 meter
        }
        else
        {
            Assert.True(b.SecondPasses >= HaDiscovery.Count, "second passes: " + b.SecondPasses);
        }
    }

    [Fact]
    public void A_dabbler_body_without_values_is_not_built()
    {
        var rig = new PublisherRig(); // no meter data yet
        var b = new MqttPayloadBuilder(MqttPayloadBuilder.DefaultBufferBytes);
        Assert.Null(b.Dabbler(rig.Reading, 0, MqttPayloads.TotalKeys, MqttPayloads.TotalQuantities));
        Assert.Equal(0, b.PeakBytes);
    }

    [Fact]
    public void The_signal_is_read_once_so_both_passes_write_the_same_diagnostics()
    {
        // A signal whose every read differs in length (-9, -100, -9, ...): read twice, the two passes would disagree.
        var wifi = new FlickeringWifi();
        var b = new MqttPayloadBuilder(16);
        for (int i = 0; i < 4; i++)
        {
            byte[] body = b.Diagnostics(_rig.Context, _rig.Clock.NowMs, wifi, Boot);
            int rssi = JsonDocument.Parse(body).RootElement.GetProperty("wifi_rssi_dbm").GetInt32();
            Assert.Equal(wifi.Last, rssi);
        }

        Assert.Equal(4, wifi.Reads);
        Assert.Equal(4, b.SecondPasses);
    }

    [Fact]
    public void User_text_with_non_bmp_characters_survives_every_config()
    {
        // Module name, platform, serial and configuration URL are written as string parts: the emoji must stay one
        // code point (not "\ud83d\ud83d", issue 10) and quotes in user text must be escaped.
        const string name = "M\u00f8dule \U0001F50C \"x\"";
        var info = new ModuleInfo { Name = name, Maker = "NesMep", Version = "9.8.7", Platform = "esp\U0001F600" };
        var context = new ModuleContext(info, _rig.Clock, _rig.Poller);
        var settings = new MqttSettings { Host = "broker", ClientId = "test", ConfigurationUrl = "http://m\U0001F600/" };
        var topics = new MqttTopics(settings);
        const string serial = "57\U0001F4A1";
        var b = new MqttPayloadBuilder(64);
        for (int i = 0; i < HaDiscovery.Count; i++)
        {
            byte[] built = b.Config(i, settings, topics, context, serial);
            Assert.Equal(HaDiscovery.Config(i, settings, topics, context, serial), Encoding.UTF8.GetString(built));
            JsonElement device = JsonDocument.Parse(built).RootElement.GetProperty("device");
            Assert.Equal("http://m\U0001F600/", device.GetProperty("configuration_url").GetString());
            if (HaDiscovery.Entity(i).Device == HaEntity.ModuleDevice)
            {
                Assert.Equal(name + " module " + serial, device.GetProperty("name").GetString());
                Assert.Equal(name + " (esp\U0001F600)", device.GetProperty("model").GetString());
            }
            else
            {
                Assert.Equal("Electricity meter " + serial, device.GetProperty("name").GetString());
            }
        }
    }

    [Fact]
    public void The_publisher_hands_over_the_builders_payloads()
    {
        _rig.Connect();
        _rig.Run(3000);
        Sent? state = _rig.Sink.Last(_rig.Publisher.Topics.State);
        Assert.NotNull(state);
        Assert.True(_rig.Sink.Messages.Count(m => m.Topic.EndsWith("/config", StringComparison.Ordinal) && m.Payload.Length > 0) >= HaDiscovery.Count - 1);
        Assert.Equal(0, _rig.Publisher.Payloads.SecondPasses);
        Assert.True(_rig.Publisher.Payloads.PeakBytes > 500, "the builder wrote the configs and the state");
    }

    private sealed class FlickeringWifi : IWifiSignal
    {
        public int Reads { get; private set; }

        public int Last { get; private set; }

        public bool TryGetRssi(out int dbm)
        {
            Reads++;
            Last = dbm = Reads % 2 == 1 ? -9 : -100;
            return true;
        }
    }
}
