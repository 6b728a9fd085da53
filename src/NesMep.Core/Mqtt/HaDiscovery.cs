using NesMep.Core.Api;
using NesMep.Core.Json;
using NesMep.Core.Model;

namespace NesMep.Core.Mqtt
{
    /// <summary>
    /// Home Assistant MQTT discovery (ecosystem reference §4.2–4.3, docs/mqtt.md): one retained
    /// config per entity under &lt;prefix&gt;/&lt;component&gt;/nesmep_&lt;serial&gt;/&lt;object&gt;/config,
    /// unique_id nesmep_&lt;serial&gt;_&lt;object&gt;. Two devices: the meter (values) and the NesMep
    /// module (diagnostics); the meter names the module as its via_device, because Home Assistant
    /// reaches the meter through the module. Device class, state class and unit are combinations
    /// Home Assistant's sensor platform accepts.
    /// </summary>
    public static class HaDiscovery
    {
        /// <summary>Link states, the options of the link-state enum sensor (ModuleContext.LinkStateName).</summary>
        public static readonly string[] LinkStates = new string[] { "not_configured", "starting", "configuring", "up", "down", "key_rejected" };

        private static HaEntity[]? _table;

        /// <summary>
        /// Built on first use, not by the type's static constructor: on nanoFramework every static constructor runs at
        /// boot and one that runs out of memory is skipped silently (docs/nanoframework-subset.md, "Runtime costs"),
        /// and a module without MQTT never needs this table. Two threads building it at once build equal tables.
        /// </summary>
        private static HaEntity[] Table
        {
            get { return _table ??= Build(); }
        }

        /// <summary>
        /// Entities earlier versions announced and this one no longer does: each announcement publishes
        /// an empty retained config for them, so Home Assistant removes them instead of keeping a dead
        /// entity. ("uptime_s" was a growing duration counter; "last_boot" replaces it.)
        /// </summary>
        private static readonly HaEntity[] Retired = new HaEntity[]
        {
            Diag("sensor", "uptime_s", "Uptime"),
        };

        /// <summary>Entities announced (on platforms that measure everything).</summary>
        public static int Count
        {
            get { return Table.Length; }
        }

        /// <summary>Retired entities, removed on every announcement (topics: <see cref="RetiredConfigTopic"/>).</summary>
        public static int RetiredCount
        {
            get { return Retired.Length; }
        }

        /// <summary>The config topic of retired entity <paramref name="index"/> for this meter.</summary>
        public static string RetiredConfigTopic(MqttTopics topics, string serial, int index)
        {
            HaEntity e = Retired[index];
            return topics.DiscoveryConfig(e.Component, serial, e.ObjectId);
        }

        public static HaEntity Entity(int index)
        {
            return Table[index];
        }

        /// <summary>Index of the entity with this object id, or -1.</summary>
        public static int IndexOf(string objectId)
        {
            for (int i = 0; i < Table.Length; i++)
            {
                if (Table[i].ObjectId == objectId)
                {
                    return i;
                }
            }

            return -1;
        }

        public static string MeterDeviceId(string serial)
        {
            return MqttTopics.NodeId(serial) + "_meter";
        }

        public static string ModuleDeviceId(string serial)
        {
            return MqttTopics.NodeId(serial) + "_module";
        }

        public static string UniqueId(string serial, HaEntity e)
        {
            return MqttTopics.NodeId(serial) + "_" + e.ObjectId;
        }

        /// <summary>The config topic of entity <paramref name="index"/> for this meter.</summary>
        public static string ConfigTopic(MqttTopics topics, string serial, int index)
        {
            HaEntity e = Table[index];
            return topics.DiscoveryConfig(e.Component, serial, e.ObjectId);
        }

        /// <summary>The discovery config (JSON) of entity <paramref name="index"/>.</summary>
        public static string Config(int index, MqttSettings settings, MqttTopics topics, ModuleContext context, string serial)
        {
            HaEntity e = Table[index];
            JsonWriter w = new JsonWriter(new System.Text.StringBuilder(1024));
            w.BeginObject();
            w.Property("name", e.Name);
            w.Property("unique_id", UniqueId(serial, e));
            w.Property("state_topic", e.DiagnosticTopic ? topics.Diagnostics : topics.State);
            w.Property("value_template", e.ValueTemplate != null ? e.ValueTemplate : "{{ value_json." + e.ValueKey + " }}");
            if (e.DeviceClass != null)
            {
                w.Property("device_class", e.DeviceClass);
            }

            if (e.StateClass != null)
            {
                w.Property("state_class", e.StateClass);
            }

            if (e.Unit != null)
            {
                w.Property("unit_of_measurement", e.Unit);
            }

            if (e.DisplayPrecision >= 0)
            {
                w.Property("suggested_display_precision", e.DisplayPrecision);
            }

            if (e.Options != null)
            {
                w.Name("options").BeginArray();
                for (int i = 0; i < e.Options.Length; i++)
                {
                    w.String(e.Options[i]);
                }

                w.EndArray();
            }

            if (e.Component == "binary_sensor")
            {
                w.Property("payload_on", "ON");
                w.Property("payload_off", "OFF");
            }

            if (e.EntityCategory != null)
            {
                w.Property("entity_category", e.EntityCategory);
            }

            if (!e.EnabledByDefault)
            {
                w.Property("enabled_by_default", false);
            }

            if (e.Icon != null)
            {
                w.Property("icon", e.Icon);
            }

            w.Property("expire_after", settings.ExpireAfterS);

            w.Name("availability").BeginArray();
            Availability(w, topics.Lwt, MqttTopics.LwtOnline, MqttTopics.LwtOffline);
            if (e.Device == HaEntity.MeterDevice)
            {
                Availability(w, topics.Availability, MqttTopics.AvailabilityOnline, MqttTopics.AvailabilityOffline);
            }

            w.EndArray();
            w.Property("availability_mode", "all");

            w.Name("device");
            if (e.Device == HaEntity.MeterDevice)
            {
                MeterDevice(w, settings, context, serial);
            }
            else
            {
                ModuleDevice(w, settings, context, serial);
            }

            w.Name("origin").BeginObject();
            w.Property("name", context.Info.Name);
            w.Property("sw_version", context.Info.Version);
            w.EndObject();
            w.EndObject();
            return w.ToString();
        }

        private static void Availability(JsonWriter w, string topic, string online, string offline)
        {
            w.BeginObject();
            w.Property("topic", topic);
            w.Property("payload_available", online);
            w.Property("payload_not_available", offline);
            w.EndObject();
        }

        private static void MeterDevice(JsonWriter w, MqttSettings settings, ModuleContext context, string serial)
        {
            MeterReading? r = context.Reading;
            MeterIdentity? id = r == null || !r.Identity.Known ? null : r.Identity;
            w.BeginObject();
            w.Name("identifiers").BeginArray().String(MeterDeviceId(serial)).EndArray();
            w.Property("name", "Electricity meter " + serial);
            if (id != null && id.Manufacturer.Length > 0)
            {
                w.Property("manufacturer", id.Manufacturer);
            }

            if (id != null && id.Model.Length > 0)
            {
                w.Property("model", id.Model);
            }

            if (id != null && id.FirmwareVersion.Length > 0)
            {
                w.Property("sw_version", id.FirmwareVersion);
            }

            // No "serial_number": Home Assistant accepts it only from 2024.2 and older releases reject
            // the whole config ("extra keys not allowed"); the serial is in the device name and ids.
            w.Property("via_device", ModuleDeviceId(serial));
            if (settings.ConfigurationUrl.Length > 0)
            {
                w.Property("configuration_url", settings.ConfigurationUrl);
            }

            w.EndObject();
        }

        private static void ModuleDevice(JsonWriter w, MqttSettings settings, ModuleContext context, string serial)
        {
            ModuleInfo info = context.Info;
            w.BeginObject();
            w.Name("identifiers").BeginArray().String(ModuleDeviceId(serial)).EndArray();
            w.Property("name", info.Name + " module " + serial);
            w.Property("manufacturer", info.Maker);
            w.Property("model", info.Name + " (" + info.Platform + ")");
            w.Property("sw_version", info.Version);
            if (settings.ConfigurationUrl.Length > 0)
            {
                w.Property("configuration_url", settings.ConfigurationUrl);
            }

            w.EndObject();
        }

        private static HaEntity[] Build()
        {
            HaEntity[] t = new HaEntity[Quantity.Count + 7];
            int n = 0;
            t[n++] = Value(Quantity.EnergyImportWh, "Energy import").Measure("energy", "total_increasing", "kWh", 3);
            t[n++] = Value(Quantity.EnergyExportWh, "Energy export").Measure("energy", "total_increasing", "kWh", 3);
            t[n++] = Value(Quantity.PowerImportW, "Power import").Measure("power", "measurement", "W", 0);
            t[n++] = Value(Quantity.PowerExportW, "Power export").Measure("power", "measurement", "W", 0);
            HaEntity net = new HaEntity("sensor", MqttPayloads.NetPowerKey, "Power net", HaEntity.MeterDevice, false);
            t[n++] = net.Measure("power", "measurement", "W", 0);
            t[n++] = Value(Quantity.PowerImportL1W, "Power import L1").Measure("power", "measurement", "W", 0);
            t[n++] = Value(Quantity.PowerImportL2W, "Power import L2").Measure("power", "measurement", "W", 0);
            t[n++] = Value(Quantity.PowerImportL3W, "Power import L3").Measure("power", "measurement", "W", 0);
            t[n++] = Value(Quantity.PowerExportL1W, "Power export L1").Measure("power", "measurement", "W", 0);
            t[n++] = Value(Quantity.PowerExportL2W, "Power export L2").Measure("power", "measurement", "W", 0);
            t[n++] = Value(Quantity.PowerExportL3W, "Power export L3").Measure("power", "measurement", "W", 0);
            t[n++] = Value(Quantity.VoltageL1mV, "Voltage L1").Measure("voltage", "measurement", "V", 1);
            t[n++] = Value(Quantity.VoltageL2mV, "Voltage L2").Measure("voltage", "measurement", "V", 1);
            t[n++] = Value(Quantity.VoltageL3mV, "Voltage L3").Measure("voltage", "measurement", "V", 1);
            t[n++] = Value(Quantity.CurrentL1mA, "Current L1").Measure("current", "measurement", "A", 2);
            t[n++] = Value(Quantity.CurrentL2mA, "Current L2").Measure("current", "measurement", "A", 2);
            t[n++] = Value(Quantity.CurrentL3mA, "Current L3").Measure("current", "measurement", "A", 2);
            t[n++] = Value(Quantity.FrequencymHz, "Frequency").Measure("frequency", "measurement", "Hz", 2);
            t[n++] = Value(Quantity.PowerFactorL1Milli, "Power factor L1").Measure("power_factor", "measurement", null, 2);
            t[n++] = Value(Quantity.PowerFactorL2Milli, "Power factor L2").Measure("power_factor", "measurement", null, 2);
            t[n++] = Value(Quantity.PowerFactorL3Milli, "Power factor L3").Measure("power_factor", "measurement", null, 2);
            t[n++] = Value(Quantity.ReactivePowerImportVAr, "Reactive power import").Measure("reactive_power", "measurement", "var", 0);
            t[n++] = Value(Quantity.ReactivePowerExportVAr, "Reactive power export").Measure("reactive_power", "measurement", "var", 0);
            t[n++] = Value(Quantity.ApparentPowerVA, "Apparent power").Measure("apparent_power", "measurement", "VA", 0);

            // No device class: "reactive_energy" only exists in recent Home Assistant versions, and an
            // unknown class makes older ones reject the whole config. total_increasing alone is valid.
            t[n++] = Value(Quantity.ReactiveEnergyImportVArh, "Reactive energy import").Measure(null, "total_increasing", "kvarh", 3).Disabled();
            t[n++] = Value(Quantity.ReactiveEnergyExportVArh, "Reactive energy export").Measure(null, "total_increasing", "kvarh", 3).Disabled();
            t[n++] = Value(Quantity.AvgPowerImportW, "Average power import").Measure("power", "measurement", "W", 0).Disabled();
            t[n++] = Value(Quantity.AvgPowerExportW, "Average power export").Measure("power", "measurement", "W", 0).Disabled();
            t[n++] = Value(Quantity.AvgPowerImportL1W, "Average power import L1").Measure("power", "measurement", "W", 0).Disabled();
            t[n++] = Value(Quantity.AvgPowerImportL2W, "Average power import L2").Measure("power", "measurement", "W", 0).Disabled();
            t[n++] = Value(Quantity.AvgPowerImportL3W, "Average power import L3").Measure("power", "measurement", "W", 0).Disabled();
            t[n++] = Value(Quantity.AvgPowerExportL1W, "Average power export L1").Measure("power", "measurement", "W", 0).Disabled();
            t[n++] = Value(Quantity.AvgPowerExportL2W, "Average power export L2").Measure("power", "measurement", "W", 0).Disabled();
            t[n++] = Value(Quantity.AvgPowerExportL3W, "Average power export L3").Measure("power", "measurement", "W", 0).Disabled();

            // The module: diagnostics.
            HaEntity linkState = Diag("sensor", "link_state", "Meter link state");
            linkState.DeviceClass = "enum";
            linkState.Options = LinkStates;
            linkState.Icon = "mdi:lan-connect";
            t[n++] = linkState;
            HaEntity link = Diag("binary_sensor", "meter_link", "Meter link");
            link.DeviceClass = "connectivity";
            link.ValueTemplate = "{{ 'ON' if value_json.link_state == 'up' else 'OFF' }}";
            t[n++] = link;
            t[n++] = Diag("sensor", "digest_failures", "Digest failures").Measure(null, "total_increasing", null, -1).WithIcon("mdi:shield-alert-outline");
            t[n++] = Diag("sensor", "data_age_s", "Data age").Measure("duration", "measurement", "s", 0);
            // A timestamp, as Home Assistant expects for uptime: a growing counter would fill the
            // long-term statistics with a meaningless ever-rising line.
            HaEntity boot = Diag("sensor", MqttPayloads.LastBootKey, "Last boot");
            boot.DeviceClass = "timestamp";
            boot.Icon = "mdi:restart";
            t[n++] = boot;
            HaEntity rssi = Diag("sensor", "wifi_rssi_dbm", "Wi-Fi signal").Measure("signal_strength", "measurement", "dBm", 0);
            rssi.NeedsWifi = true;
            t[n++] = rssi;

            if (n != t.Length)
            {
                HaEntity[] exact = new HaEntity[n];
                System.Array.Copy(t, exact, n);
                return exact;
            }

            return t;
        }

        private static HaEntity Value(int quantity, string name)
        {
            return new HaEntity("sensor", SiUnits.Name(quantity), name, HaEntity.MeterDevice, false);
        }

        private static HaEntity Diag(string component, string objectId, string name)
        {
            return new HaEntity(component, objectId, name, HaEntity.ModuleDevice, true).Diagnostic();
        }
    }
}
