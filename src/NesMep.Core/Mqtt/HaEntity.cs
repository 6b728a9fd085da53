namespace NesMep.Core.Mqtt
{
    /// <summary>One Home Assistant entity the module announces (quantities: from QuantityTable; the others: <see cref="HaDiscovery"/>).</summary>
    public sealed class HaEntity
    {
        public const int MeterDevice = 0;
        public const int ModuleDevice = 1;

        public HaEntity(string component, string objectId, string name, int device, bool diagnosticTopic)
        {
            Component = component;
            ObjectId = objectId;
            Name = name;
            Device = device;
            DiagnosticTopic = diagnosticTopic;
            ValueKey = objectId;
        }

        /// <summary>"sensor" or "binary_sensor".</summary>
        public string Component { get; private set; }

        /// <summary>Object id in the discovery topic and the suffix of the unique_id.</summary>
        public string ObjectId { get; private set; }

        /// <summary>Entity name; Home Assistant prefixes the device name.</summary>
        public string Name { get; private set; }

        /// <summary><see cref="MeterDevice"/> or <see cref="ModuleDevice"/>.</summary>
        public int Device { get; private set; }

        /// <summary>True: state from &lt;base&gt;/diagnostics; false: from &lt;base&gt;/state.</summary>
        public bool DiagnosticTopic { get; private set; }

        /// <summary>JSON key in the state body.</summary>
        public string ValueKey;

        /// <summary>Full value_template when the plain "{{ value_json.key }}" does not fit.</summary>
        public string? ValueTemplate;

        public string? DeviceClass;

        public string? StateClass;

        public string? Unit;

        public int DisplayPrecision = -1;

        /// <summary>"diagnostic" or null.</summary>
        public string? EntityCategory;

        public bool EnabledByDefault = true;

        public string? Icon;

        /// <summary>Options of an enum sensor.</summary>
        public string[]? Options;

        /// <summary>
        /// Place among the meter's entities of a meter entity that is not a quantity (the quantities' places
        /// are in QuantityTable); -1 for the module's entities, which follow in table order.
        /// </summary>
        public int Position = -1;

        /// <summary>Announced only when the platform measures Wi-Fi signal strength.</summary>
        public bool NeedsWifi;

        public HaEntity Measure(string? deviceClass, string? stateClass, string? unit, int precision)
        {
            DeviceClass = deviceClass;
            StateClass = stateClass;
            Unit = unit;
            DisplayPrecision = precision;
            return this;
        }

        public HaEntity Disabled()
        {
            EnabledByDefault = false;
            return this;
        }

        public HaEntity Diagnostic()
        {
            EntityCategory = "diagnostic";
            return this;
        }

        public HaEntity WithIcon(string icon)
        {
            Icon = icon;
            return this;
        }
    }
}
