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

        private static HaEntity[]? _own;
        private static int _meterCount = -1;

        /// <summary>
        /// The entities that are not quantities (the quantities' entities come from QuantityTable). Built on
        /// first use, not by the type's static constructor: on nanoFramework every static constructor runs at
        /// boot and one that runs out of memory is skipped silently (docs/nanoframework-subset.md, "Runtime costs"),
        /// and a module without MQTT never needs this table. Two threads building it at once build equal tables.
        /// </summary>
        private static HaEntity[] Own
        {
            get { return _own ??= BuildOwn(); }
        }

        /// <summary>The meter's entities: the quantities announced and the meter's own entries in <see cref="Own"/>.</summary>
        private static int MeterCount
        {
            get
            {
                if (_meterCount < 0)
                {
                    int n = QuantityTable.HaCount();
                    HaEntity[] own = Own;
                    for (int i = 0; i < own.Length; i++)
                    {
                        if (own[i].Device == HaEntity.MeterDevice)
                        {
                            n++;
                        }
                    }

                    _meterCount = n;
                }

                return _meterCount;
            }
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
            get { return QuantityTable.HaCount() + Own.Length; }
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

        /// <summary>
        /// Entity <paramref name="index"/>: the meter's entities in announcement order (a quantity's place is
        /// its <see cref="QuantityTable.HaPosition"/>, an own meter entity's its <see cref="HaEntity.Position"/>),
        /// then the module's. A quantity's entity is made on each call from its row, so no copy of the
        /// quantity table stays on the heap.
        /// </summary>
        public static HaEntity Entity(int index)
        {
            HaEntity[] own = Own;
            int meterCount = MeterCount;
            if (index < meterCount)
            {
                int q = QuantityTable.At(QuantityTable.ViewHa, index);
                if (q >= 0)
                {
                    return FromQuantity(q);
                }
            }

            int module = meterCount;
            for (int i = 0; i < own.Length; i++)
            {
                HaEntity e = own[i];
                if (e.Device == HaEntity.MeterDevice ? e.Position == index : module++ == index)
                {
                    return e;
                }
            }

            throw new System.ArgumentOutOfRangeException("index");
        }

        /// <summary>Index of the entity with this object id, or -1.</summary>
        public static int IndexOf(string objectId)
        {
            for (int i = 0; i < Count; i++)
            {
                if (Entity(i).ObjectId == objectId)
                {
                    return i;
                }
            }

            return -1;
        }

        private const string MeterSuffix = "_meter";
        private const string ModuleSuffix = "_module";

        public static string MeterDeviceId(string serial)
        {
            return MqttTopics.NodeId(serial) + MeterSuffix;
        }

        public static string ModuleDeviceId(string serial)
        {
            return MqttTopics.NodeId(serial) + ModuleSuffix;
        }

        public static string UniqueId(string serial, HaEntity e)
        {
            return MqttTopics.NodeId(serial) + "_" + e.ObjectId;
        }

        /// <summary>The config topic of entity <paramref name="index"/> for this meter.</summary>
        public static string ConfigTopic(MqttTopics topics, string serial, int index)
        {
            HaEntity e = Entity(index);
            return topics.DiscoveryConfig(e.Component, serial, e.ObjectId);
        }

        /// <summary>The discovery config (JSON) of entity <paramref name="index"/>.</summary>
        public static string Config(int index, MqttSettings settings, MqttTopics topics, ModuleContext context, string serial)
        {
            JsonWriter w = new JsonWriter(new System.Text.StringBuilder(1024));
            WriteConfig(w, index, settings, topics, context, serial);
            return w.ToString();
        }

        /// <summary>
        /// Writes the discovery config of entity <paramref name="index"/>. Ids and names that are the serial
        /// plus a suffix are written in parts (<see cref="JsonWriter.StringStart"/>), not joined first.
        /// </summary>
        public static void WriteConfig(JsonWriter w, int index, MqttSettings settings, MqttTopics topics, ModuleContext context, string serial)
        {
            HaEntity e = Entity(index);
            string node = MqttTopics.NodeId(serial);
            w.BeginObject();
            // The entity's words, classes, units and icons are the program's own text (Literal: no escaping
            // copy); topics, the serial and the module's name are the user's or the meter's (escaped).
            w.Name("name").Literal(e.Name);
            w.Name("unique_id").StringStart().StringPart(node).LiteralPart("_").LiteralPart(e.ObjectId).StringEnd();
            w.Property("state_topic", e.DiagnosticTopic ? topics.Diagnostics : topics.State);
            w.Name("value_template");
            if (e.ValueTemplate != null)
            {
                w.Literal(e.ValueTemplate);
            }
            else
            {
                w.StringStart().LiteralPart("{{ value_json.").LiteralPart(e.ValueKey).LiteralPart(" }}").StringEnd();
            }

            if (e.DeviceClass != null)
            {
                w.Name("device_class").Literal(e.DeviceClass);
            }

            if (e.StateClass != null)
            {
                w.Name("state_class").Literal(e.StateClass);
            }

            if (e.Unit != null)
            {
                w.Name("unit_of_measurement").Literal(e.Unit);
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
                    w.Literal(e.Options[i]);
                }

                w.EndArray();
            }

            if (e.Component == "binary_sensor")
            {
                w.Name("payload_on").Literal("ON");
                w.Name("payload_off").Literal("OFF");
            }

            if (e.EntityCategory != null)
            {
                w.Name("entity_category").Literal(e.EntityCategory);
            }

            if (!e.EnabledByDefault)
            {
                w.Property("enabled_by_default", false);
            }

            if (e.Icon != null)
            {
                w.Name("icon").Literal(e.Icon);
            }

            w.Property("expire_after", settings.ExpireAfterS);

            w.Name("availability").BeginArray();
            Availability(w, topics.Lwt, MqttTopics.LwtOnline, MqttTopics.LwtOffline);
            if (e.Device == HaEntity.MeterDevice)
            {
                Availability(w, topics.Availability, MqttTopics.AvailabilityOnline, MqttTopics.AvailabilityOffline);
            }

            w.EndArray();
            w.Name("availability_mode").Literal("all");

            w.Name("device");
            if (e.Device == HaEntity.MeterDevice)
            {
                MeterDevice(w, settings, context, serial, node);
            }
            else
            {
                ModuleDevice(w, settings, context, serial, node);
            }

            w.Name("origin").BeginObject();
            w.Property("name", context.Info.Name);
            w.Property("sw_version", context.Info.Version);
            w.EndObject();
            w.EndObject();
        }

        private static void Availability(JsonWriter w, string topic, string online, string offline)
        {
            w.BeginObject();
            w.Property("topic", topic);
            w.Name("payload_available").Literal(online);
            w.Name("payload_not_available").Literal(offline);
            w.EndObject();
        }

        private static void MeterDevice(JsonWriter w, MqttSettings settings, ModuleContext context, string serial, string node)
        {
            MeterReading? r = context.Reading;
            MeterIdentity? id = r == null || !r.Identity.Known ? null : r.Identity;
            w.BeginObject();
            w.Name("identifiers").BeginArray().StringStart().StringPart(node).LiteralPart(MeterSuffix).StringEnd().EndArray();
            w.Name("name").StringStart().LiteralPart("Electricity meter ").StringPart(serial).StringEnd();
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
            w.Name("via_device").StringStart().StringPart(node).LiteralPart(ModuleSuffix).StringEnd();
            if (settings.ConfigurationUrl.Length > 0)
            {
                w.Property("configuration_url", settings.ConfigurationUrl);
            }

            w.EndObject();
        }

        private static void ModuleDevice(JsonWriter w, MqttSettings settings, ModuleContext context, string serial, string node)
        {
            ModuleInfo info = context.Info;
            w.BeginObject();
            w.Name("identifiers").BeginArray().StringStart().StringPart(node).LiteralPart(ModuleSuffix).StringEnd().EndArray();
            w.Name("name").StringStart().StringPart(info.Name).LiteralPart(" module ").StringPart(serial).StringEnd();
            w.Property("manufacturer", info.Maker);
            w.Name("model").StringStart().StringPart(info.Name).LiteralPart(" (").StringPart(info.Platform).LiteralPart(")").StringEnd();
            w.Property("sw_version", info.Version);
            if (settings.ConfigurationUrl.Length > 0)
            {
                w.Property("configuration_url", settings.ConfigurationUrl);
            }

            w.EndObject();
        }

        private static HaEntity FromQuantity(int q)
        {
            HaEntity e = new HaEntity("sensor", QuantityTable.Key(q), QuantityTable.HaName(q)!, HaEntity.MeterDevice, false);
            e.Measure(QuantityTable.HaDeviceClass(q), QuantityTable.HaStateClass(q), QuantityTable.HaUnit(q), QuantityTable.HaDisplayPrecision(q));
            return QuantityTable.HaEnabledByDefault(q) ? e : e.Disabled();
        }

        private static HaEntity[] BuildOwn()
        {
            // The meter: the signed net power of the state body, after the total powers.
            HaEntity net = new HaEntity("sensor", MqttPayloads.NetPowerKey, "Power net", HaEntity.MeterDevice, false);
            net.Position = 4;
            net.Measure("power", "measurement", "W", 0);

            // The module: diagnostics.
            HaEntity linkState = Diag("sensor", "link_state", "Meter link state");
            linkState.DeviceClass = "enum";
            linkState.Options = LinkStates;
            linkState.Icon = "mdi:lan-connect";

            HaEntity link = Diag("binary_sensor", "meter_link", "Meter link");
            link.DeviceClass = "connectivity";
            link.ValueTemplate = "{{ 'ON' if value_json.link_state == 'up' else 'OFF' }}";

            HaEntity digest = Diag("sensor", "digest_failures", "Digest failures").Measure(null, "total_increasing", null, -1).WithIcon("mdi:shield-alert-outline");
            HaEntity age = Diag("sensor", "data_age_s", "Data age").Measure("duration", "measurement", "s", 0);
            // A timestamp, as Home Assistant expects for uptime: a growing counter would fill the
            // long-term statistics with a meaningless ever-rising line.
            HaEntity boot = Diag("sensor", MqttPayloads.LastBootKey, "Last boot");
            boot.DeviceClass = "timestamp";
            boot.Icon = "mdi:restart";

            HaEntity rssi = Diag("sensor", "wifi_rssi_dbm", "Wi-Fi signal").Measure("signal_strength", "measurement", "dBm", 0);
            rssi.NeedsWifi = true;
            return new HaEntity[] { net, linkState, link, digest, age, boot, rssi };
        }

        private static HaEntity Diag(string component, string objectId, string name)
        {
            return new HaEntity(component, objectId, name, HaEntity.ModuleDevice, true).Diagnostic();
        }
    }
}
