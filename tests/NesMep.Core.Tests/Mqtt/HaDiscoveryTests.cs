#nullable enable
using System.Text.Json;
using NesMep.Core.Mqtt;
using Xunit;

namespace NesMep.Core.Tests.Mqtt;

/// <summary>
/// The discovery configs, field by field. The allowed unit and state-class sets per device class
/// are Home Assistant's own (homeassistant/components/sensor/const.py, DEVICE_CLASS_UNITS and
/// DEVICE_CLASS_STATE_CLASSES) for the classes used here; a config outside them makes Home
/// Assistant log an error and ignore the entity's statistics.
/// </summary>
public class HaDiscoveryTests
{
    public static readonly Dictionary<string, (string?[] Units, string[] StateClasses)> HaAccepts = new()
    {
        ["energy"] = (["Wh", "kWh", "MWh", "GWh", "J", "kJ", "MJ", "GJ"], ["total", "total_increasing"]),
        ["power"] = (["W", "kW", "MW", "GW", "TW"], ["measurement"]),
        ["voltage"] = (["V", "mV", "µV", "kV", "MV"], ["measurement"]),
        ["current"] = (["A", "mA"], ["measurement"]),
        ["frequency"] = (["Hz", "kHz", "MHz", "GHz"], ["measurement"]),
        ["power_factor"] = (["%", null], ["measurement"]),
        ["reactive_power"] = (["var"], ["measurement"]),
        ["apparent_power"] = (["VA"], ["measurement"]),
        ["duration"] = (["d", "h", "min", "s", "ms"], ["measurement", "total", "total_increasing"]),
        ["signal_strength"] = (["dB", "dBm"], ["measurement"]),
        ["enum"] = ([null], []),
        ["timestamp"] = ([null], []),
    };

    private readonly PublisherRig _rig = new PublisherRig().WithData();

    private JsonElement Config(string objectId)
    {
        int i = HaDiscovery.IndexOf(objectId);
        Assert.True(i >= 0, objectId);
        string json = HaDiscovery.Config(i, _rig.Settings, _rig.Publisher.Topics, _rig.Context, PublisherRig.Serial);
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out JsonElement v) ? v.GetString() : null;

    [Fact]
    public void Every_sensor_uses_a_device_class_unit_and_state_class_combination_home_assistant_accepts()
    {
        for (int i = 0; i < HaDiscovery.Count; i++)
        {
            HaEntity e = HaDiscovery.Entity(i);
            JsonElement c = Config(e.ObjectId);
            string? dc = Str(c, "device_class");
            string? unit = Str(c, "unit_of_measurement");
            string? sc = Str(c, "state_class");
            if (e.Component == "binary_sensor")
            {
                Assert.Equal("connectivity", dc);
                Assert.Null(unit);
                Assert.Null(sc);
                continue;
            }

            if (dc == null)
            {
                // Plain sensors (reactive energy, digest failures): any unit, a valid state class.
                Assert.Contains(sc, new[] { "measurement", "total", "total_increasing" });
                continue;
            }

            Assert.True(HaAccepts.ContainsKey(dc), e.ObjectId + ": device class " + dc + " not in the checked list");
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

    [Fact]
    public void Energy_counters_are_energy_total_increasing_in_kwh_for_the_energy_dashboard()
    {
        foreach (string id in new[] { "energy_import_kwh", "energy_export_kwh" })
        {
            JsonElement c = Config(id);
            Assert.Equal("energy", Str(c, "device_class"));
            Assert.Equal("total_increasing", Str(c, "state_class"));
            Assert.Equal("kWh", Str(c, "unit_of_measurement"));
            Assert.Equal("nesmep/state", Str(c, "state_topic"));
            Assert.Equal("{{ value_json." + id + " }}", Str(c, "value_template"));
            Assert.Equal("nesmep_" + PublisherRig.Serial + "_" + id, Str(c, "unique_id"));
            Assert.False(c.TryGetProperty("entity_category", out _));
        }
    }

    [Fact]
    public void Power_is_published_total_and_per_phase_for_import_and_export()
    {
        string[] ids =
        [
            "power_import_w", "power_export_w", "power_net_w",
            "power_import_l1_w", "power_import_l2_w", "power_import_l3_w",
            "power_export_l1_w", "power_export_l2_w", "power_export_l3_w",
        ];
        foreach (string id in ids)
        {
            JsonElement c = Config(id);
            Assert.Equal("power", Str(c, "device_class"));
            Assert.Equal("measurement", Str(c, "state_class"));
            Assert.Equal("W", Str(c, "unit_of_measurement"));
        }

        Assert.Equal("V", Str(Config("voltage_l3_v"), "unit_of_measurement"));
        Assert.Equal("A", Str(Config("current_l2_a"), "unit_of_measurement"));
        Assert.Equal("Hz", Str(Config("frequency_hz"), "unit_of_measurement"));
        JsonElement pf = Config("power_factor_l1");
        Assert.Equal("power_factor", Str(pf, "device_class"));
        Assert.False(pf.TryGetProperty("unit_of_measurement", out _)); // a ratio, like the state body
        Assert.Equal("measurement", Str(pf, "state_class"));
    }

    [Fact]
    public void Meter_device_names_the_module_as_via_device_and_both_carry_their_identity()
    {
        _rig.Settings.ConfigurationUrl = "http://esp32-mep.local/";
        JsonElement meter = Config("energy_import_kwh").GetProperty("device");
        Assert.Equal("nesmep_5706567012345678_meter", meter.GetProperty("identifiers")[0].GetString());
        Assert.Equal("NES", Str(meter, "manufacturer"));
        Assert.Equal("83331-3I", Str(meter, "model"));
        Assert.Equal("3.10.21", Str(meter, "sw_version"));
        // Home Assistant before 2024.2 rejects a device block with serial_number (and with it every meter entity).
        Assert.False(meter.TryGetProperty("serial_number", out _));
        Assert.Equal("nesmep_5706567012345678_module", Str(meter, "via_device"));
        Assert.Equal("http://esp32-mep.local/", Str(meter, "configuration_url"));

        JsonElement module = Config("last_boot").GetProperty("device");
        Assert.Equal("nesmep_5706567012345678_module", module.GetProperty("identifiers")[0].GetString());
        Assert.Equal("NesMep", Str(module, "manufacturer"));
        Assert.Equal("NesMep (esp32)", Str(module, "model"));
        Assert.Equal("9.8.7", Str(module, "sw_version"));
        Assert.Equal("http://esp32-mep.local/", Str(module, "configuration_url"));
        Assert.False(module.TryGetProperty("via_device", out _));

        JsonElement origin = Config("last_boot").GetProperty("origin");
        Assert.Equal("NesMep", Str(origin, "name"));
        Assert.Equal("9.8.7", Str(origin, "sw_version"));
    }

    [Fact]
    public void Values_depend_on_module_and_meter_availability_diagnostics_only_on_the_module()
    {
        JsonElement value = Config("voltage_l1_v");
        Assert.Equal(30, value.GetProperty("expire_after").GetInt32());
        Assert.Equal("all", Str(value, "availability_mode"));
        JsonElement a = value.GetProperty("availability");
        Assert.Equal(2, a.GetArrayLength());
        Assert.Equal("nesmep/lwt", Str(a[0], "topic"));
        Assert.Equal("Online", Str(a[0], "payload_available"));
        Assert.Equal("Offline", Str(a[0], "payload_not_available"));
        Assert.Equal("nesmep/availability", Str(a[1], "topic"));
        Assert.Equal("online", Str(a[1], "payload_available"));
        Assert.Equal("offline", Str(a[1], "payload_not_available"));

        JsonElement diag = Config("link_state");
        Assert.Equal(1, diag.GetProperty("availability").GetArrayLength());
        Assert.Equal("diagnostic", Str(diag, "entity_category"));
        Assert.Equal("nesmep/diagnostics", Str(diag, "state_topic"));
        Assert.Equal("enum", Str(diag, "device_class"));
        Assert.Equal(HaDiscovery.LinkStates, diag.GetProperty("options").EnumerateArray().Select(o => o.GetString()).ToArray());
        Assert.True(diag.TryGetProperty("expire_after", out _));
    }

    [Fact]
    public void Diagnostic_entities_cover_link_digest_failures_data_age_last_boot_and_rssi()
    {
        foreach (string id in new[] { "link_state", "meter_link", "digest_failures", "data_age_s", "last_boot", "wifi_rssi_dbm" })
        {
            HaEntity e = HaDiscovery.Entity(HaDiscovery.IndexOf(id));
            Assert.Equal("diagnostic", e.EntityCategory);
            Assert.Equal(HaEntity.ModuleDevice, e.Device);
        }

        Assert.True(HaDiscovery.Entity(HaDiscovery.IndexOf("wifi_rssi_dbm")).NeedsWifi);
        JsonElement link = Config("meter_link");
        Assert.Equal("{{ 'ON' if value_json.link_state == 'up' else 'OFF' }}", Str(link, "value_template"));
        Assert.Equal("ON", Str(link, "payload_on"));
    }

    [Fact]
    public void Uptime_is_a_last_boot_timestamp_and_the_old_counter_entity_is_retired()
    {
        JsonElement boot = Config("last_boot");
        Assert.Equal("timestamp", Str(boot, "device_class"));
        Assert.False(boot.TryGetProperty("state_class", out _)); // no long-term statistics for a timestamp
        Assert.False(boot.TryGetProperty("unit_of_measurement", out _));
        Assert.Equal("{{ value_json.last_boot }}", Str(boot, "value_template"));
        Assert.Equal("nesmep/diagnostics", Str(boot, "state_topic"));
        Assert.Equal(-1, HaDiscovery.IndexOf("uptime_s"));
        Assert.Equal(1, HaDiscovery.RetiredCount);
        Assert.Equal("homeassistant/sensor/nesmep_5706567012345678/uptime_s/config", HaDiscovery.RetiredConfigTopic(_rig.Publisher.Topics, PublisherRig.Serial, 0));
    }

    [Fact]
    public void Unique_ids_and_topics_are_unique_and_stable()
    {
        var ids = new HashSet<string>();
        var topics = new HashSet<string>();
        for (int i = 0; i < HaDiscovery.Count; i++)
        {
            Assert.True(ids.Add(HaDiscovery.UniqueId(PublisherRig.Serial, HaDiscovery.Entity(i))));
            Assert.True(topics.Add(HaDiscovery.ConfigTopic(_rig.Publisher.Topics, PublisherRig.Serial, i)));
        }

        Assert.Equal(40, HaDiscovery.Count);
        Assert.Contains("homeassistant/sensor/nesmep_5706567012345678/energy_import_kwh/config", topics);
        Assert.Contains("homeassistant/binary_sensor/nesmep_5706567012345678/meter_link/config", topics);

        // The ids depend on the meter serial and the entity only: not on the host, base topic or client id.
        var other = new PublisherRig(new MqttSettings { Host = "elsewhere", BaseTopic = "x", ClientId = "other" });
        string again = HaDiscovery.Config(0, other.Settings, other.Publisher.Topics, other.Context, PublisherRig.Serial);
        Assert.Contains("\"unique_id\":\"nesmep_5706567012345678_energy_import_kwh\"", again);
    }

    [Fact]
    public void Configs_are_valid_json_with_escaped_identity_strings()
    {
        _rig.Reading.Identity.Model = "83331\"3I";
        for (int i = 0; i < HaDiscovery.Count; i++)
        {
            string json = HaDiscovery.Config(i, _rig.Settings, _rig.Publisher.Topics, _rig.Context, PublisherRig.Serial);
            using var doc = JsonDocument.Parse(json);
            Assert.True(json.Length < 1400, HaDiscovery.Entity(i).ObjectId + " config is " + json.Length + " bytes");
        }
    }
}
