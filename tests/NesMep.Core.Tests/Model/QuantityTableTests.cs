#nullable enable
using System.Globalization;
using System.Text.Json;
using NesMep.Core.Api;
using NesMep.Core.Model;
using NesMep.Core.Mqtt;
using NesMep.Core.Tests.Mqtt;
using NesMep.Core.Web;
using Xunit;

namespace NesMep.Core.Tests.Model;

/// <summary>
/// QuantityTable is the one list of published quantities: every view and Home Assistant discovery shows
/// each row with the row's key, scale, unit and classes, and nothing else. A view that kept a list of its
/// own would miss a row added to the table (or show a quantity the table does not describe) and fail here.
/// </summary>
public class QuantityTableTests
{
    private static readonly Row[] Rows = Enumerable.Range(0, Quantity.Count).Select(q => new Row(q)).ToArray();

    private readonly PublisherRig _rig = new();

    private readonly long _now;

    public QuantityTableTests()
    {
        _rig.Clock.Advance(5_000);
        _now = _rig.Clock.NowMs;
        for (int q = 0; q < Quantity.Count; q++)
        {
            _rig.Reading.Set(q, RawValue(q), _now);
        }
    }

    /// <summary>A distinct positive value per quantity, so a value under the wrong key shows.</summary>
    private static int RawValue(int q) => 1_000 + 37 * q;

    private static string Scaled(int q, int decimals) =>
        (RawValue(q) / Math.Pow(10, decimals)).ToString("F" + decimals, CultureInfo.InvariantCulture);

    private static List<(string Key, string Value)> Members(JsonElement o) =>
        o.EnumerateObject().Select(p => (p.Name, p.Value.GetRawText())).ToList();

    [Fact]
    public void Rows_are_in_id_order_with_unique_keys_and_gapless_positions()
    {
        Assert.Equal(Enumerable.Range(0, Quantity.Count), Rows.Select(r => r.Id));
        Assert.Equal(Rows.Length, Rows.Select(r => r.Key).Distinct().Count());
        Assert.Equal(Rows.Length, Rows.Select(r => r.MeterName).Distinct().Count());
        Assert.All(Rows, r => Assert.True(r.Source == QuantityTable.Bt23 || r.Source == QuantityTable.Bt28, r.Key));
        string[] dabbler = Rows.Where(r => r.DabblerKey != null).Select(r => r.DabblerKey!).ToArray();
        Assert.Equal(dabbler.Length, dabbler.Distinct().Count());
        int[] dash = Rows.Where(r => r.DashPosition >= 0).Select(r => r.DashPosition).OrderBy(p => p).ToArray();
        Assert.Equal(Enumerable.Range(0, dash.Length), dash);
        for (int topic = QuantityTable.TopicSensors; topic <= QuantityTable.TopicFrequency; topic++)
        {
            int[] positions = Rows.Where(r => r.DabblerTopic == topic).Select(r => r.DabblerTopicPosition).OrderBy(p => p).ToArray();
            Assert.Equal(Enumerable.Range(0, positions.Length), positions);
        }

        Assert.All(Rows, r => Assert.True(r.DabblerKey != null || (r.DashPosition < 0 && r.DabblerTopic < 0), r.Key));
        Assert.All(Rows, r => Assert.InRange(r.MetricFamily, 0, QuantityTable.FamilyCount - 1));
    }

    [Fact]
    public void Reading_body_and_mqtt_state_carry_every_row_under_its_key_scaled_by_its_decimals()
    {
        JsonElement body = JsonDocument.Parse(ApiRouter.Render(RouteTable.Reading, _rig.Context)).RootElement;
        var expected = Rows.Select(r => (r.Key, Scaled(r.Id, r.Decimals))).ToList();
        Assert.Equal(expected, Members(body.GetProperty("values")));
        Assert.Equal(Rows.Select(r => r.Key), body.GetProperty("age_s").EnumerateObject().Select(p => p.Name));
        Assert.Equal(Rows.Select(r => r.Key), body.GetProperty("quality").EnumerateObject().Select(p => p.Name));

        var state = Members(JsonDocument.Parse(MqttPayloads.State(_rig.Reading, _now)).RootElement);
        Assert.Equal(expected, state.Take(Rows.Length));
        Assert.Equal([MqttPayloads.NetPowerKey], state.Skip(Rows.Length).Select(m => m.Key));
    }

    [Fact]
    public void Dabbler_bodies_carry_the_rows_with_a_dabbler_key_in_their_positions_as_meter_integers()
    {
        var dash = Members(JsonDocument.Parse(ApiRouter.Render(RouteTable.Dabbler, _rig.Context)).RootElement).SkipWhile(m => m.Key != "CurrentDateTime").Skip(1);
        var expectedDash = Rows.Where(r => r.DashPosition >= 0).OrderBy(r => r.DashPosition)
            .Select(r => (r.DabblerKey!, RawValue(r.Id).ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(expectedDash, dash);

        var topics = new (string[] Keys, int[] Quantities, int Topic)[]
        {
            (MqttPayloads.SensorsKeys, MqttPayloads.SensorsQuantities, QuantityTable.TopicSensors),
            (MqttPayloads.TotalKeys, MqttPayloads.TotalQuantities, QuantityTable.TopicTotal),
            (MqttPayloads.FwdKeys, MqttPayloads.FwdQuantities, QuantityTable.TopicFwd),
            (MqttPayloads.RevKeys, MqttPayloads.RevQuantities, QuantityTable.TopicRev),
            (MqttPayloads.FrequencyKeys, MqttPayloads.FrequencyQuantities, QuantityTable.TopicFrequency),
        };
        foreach (var (keys, quantities, topic) in topics)
        {
            var body = Members(JsonDocument.Parse(MqttPayloads.Dabbler(_rig.Reading, _now, keys, quantities)!).RootElement);
            var expected = Rows.Where(r => r.DabblerTopic == topic).OrderBy(r => r.DabblerTopicPosition)
                .Select(r => (r.DabblerKey!, RawValue(r.Id).ToString(CultureInfo.InvariantCulture)));
            Assert.Equal(expected, body);
        }

        Assert.Equal(Rows.Where(r => r.DabblerTopic >= 0).Select(r => r.Id).Order(), topics.SelectMany(t => t.Quantities).Order());
    }

    [Fact]
    public void Metrics_show_every_row_once_in_its_family_with_its_labels_and_type()
    {
        string text = ApiRouter.Render(RouteTable.Metrics, _rig.Context);
        string[] lines = text.Split('\n');
        foreach (Row r in Rows)
        {
            Family f = new(r.MetricFamily);
            string sample = f.Name + (r.MetricLabels == null ? "" : "{" + r.MetricLabels + "}") + " " + Scaled(r.Id, f.Decimals);
            Assert.Single(lines, sample);
            Assert.Contains("# TYPE " + f.Name + " " + f.Type, lines);
            Assert.Single(lines, l => l.StartsWith("nesmep_value_age_seconds{quantity=\"" + r.Key + "\"}", StringComparison.Ordinal));
        }

        string[] familyNames = Enumerable.Range(0, QuantityTable.FamilyCount).Select(i => QuantityTable.FamilyName(i)).ToArray();
        int samples = lines.Count(l => familyNames.Any(n => l.StartsWith(n + " ", StringComparison.Ordinal) || l.StartsWith(n + "{", StringComparison.Ordinal)));
        Assert.Equal(Rows.Length, samples);
    }

    [Fact]
    public void Discovery_announces_every_row_with_its_classes_unit_and_key()
    {
        var announced = Enumerable.Range(0, HaDiscovery.Count).Select(i => HaDiscovery.Entity(i))
            .Where(e => e.Device == HaEntity.MeterDevice && e.ObjectId != MqttPayloads.NetPowerKey).Select(e => e.ObjectId);
        Assert.Equal(Rows.Where(r => r.HaName != null).OrderBy(r => r.HaPosition).Select(r => r.Key), announced);
        foreach (Row r in Rows.Where(r => r.HaName != null))
        {
            int i = HaDiscovery.IndexOf(r.Key);
            JsonElement c = JsonDocument.Parse(HaDiscovery.Config(i, _rig.Settings, _rig.Publisher.Topics, _rig.Context, PublisherRig.Serial)).RootElement;
            Assert.Equal(r.HaName, c.GetProperty("name").GetString());
            Assert.Equal("{{ value_json." + r.Key + " }}", c.GetProperty("value_template").GetString());
            Assert.Equal(r.HaDeviceClass, c.TryGetProperty("device_class", out JsonElement dc) ? dc.GetString() : null);
            Assert.Equal(r.HaStateClass, c.GetProperty("state_class").GetString());
            Assert.Equal(r.Unit.Length == 0 ? null : r.Unit, c.TryGetProperty("unit_of_measurement", out JsonElement u) ? u.GetString() : null);
            Assert.Equal(r.HaDisplayPrecision, c.GetProperty("suggested_display_precision").GetInt32());
            Assert.Equal(r.HaEnabledByDefault, !c.TryGetProperty("enabled_by_default", out _));
        }
    }

    /// <summary>A quantity's row as the table's accessors answer it, for the assertions above.</summary>
    private sealed class Row(int q)
    {
        public int Id { get; } = q;
        public string MeterName { get; } = QuantityTable.MeterName(q);
        public string Key { get; } = QuantityTable.Key(q);
        public string Unit { get; } = QuantityTable.Unit(q);
        public int Decimals { get; } = QuantityTable.Decimals(q);
        public int Source { get; } = QuantityTable.Source(q);
        public string? DabblerKey { get; } = QuantityTable.DabblerKey(q);
        public int DashPosition { get; } = QuantityTable.DashPosition(q);
        public int DabblerTopic { get; } = QuantityTable.DabblerTopic(q);
        public int DabblerTopicPosition { get; } = QuantityTable.DabblerTopicPosition(q);
        public string? HaName { get; } = QuantityTable.HaName(q);
        public int HaPosition { get; } = QuantityTable.HaPosition(q);
        public string? HaDeviceClass { get; } = QuantityTable.HaDeviceClass(q);
        public string? HaStateClass { get; } = QuantityTable.HaStateClass(q);
        public int HaDisplayPrecision { get; } = QuantityTable.HaDisplayPrecision(q);
        public bool HaEnabledByDefault { get; } = QuantityTable.HaEnabledByDefault(q);
        public int MetricFamily { get; } = QuantityTable.MetricFamily(q);
        public string? MetricLabels { get; } = QuantityTable.MetricLabels(q);
    }

    private sealed class Family(int f)
    {
        public string Name { get; } = QuantityTable.FamilyName(f);
        public string Type { get; } = QuantityTable.FamilyType(f);
        public int Decimals { get; } = QuantityTable.FamilyDecimals(f);
    }
}
