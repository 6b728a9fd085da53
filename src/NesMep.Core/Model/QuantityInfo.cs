namespace NesMep.Core.Model
{
    /// <summary>
    /// One row of <see cref="QuantityTable"/>: everything the views and discovery need to publish one
    /// quantity. Positions say where the quantity appears in a view whose order is not the id order
    /// (-1: not in that view); they are contracts of other products (Dabbler, Home Assistant).
    /// </summary>
    public sealed class QuantityInfo
    {
        public QuantityInfo(int id, string meterName, string key, string unit, int decimals, int source, int sourceId, bool fast)
        {
            Id = id;
            MeterName = meterName;
            Key = key;
            Unit = unit;
            Decimals = decimals;
            Source = source;
            SourceId = sourceId;
            Fast = fast;
        }

        /// <summary>Index into <see cref="MeterReading"/> (a <see cref="Quantity"/> constant).</summary>
        public int Id { get; private set; }

        /// <summary>snake_case name in the meter's integer unit ("energy_import_wh"), used in logs.</summary>
        public string MeterName { get; private set; }

        /// <summary>
        /// snake_case name in SI-style units: the /api/v1/reading and MQTT state key, the Home Assistant
        /// object id and the quantity label of nesmep_value_age_seconds.
        /// </summary>
        public string Key { get; private set; }

        /// <summary>Unit of the value under <see cref="Key"/> ("" for the power factor, a ratio).</summary>
        public string Unit { get; private set; }

        /// <summary>Decimal places: the meter's integer divided by 10^Decimals gives <see cref="Unit"/>.</summary>
        public int Decimals { get; private set; }

        /// <summary><see cref="QuantityTable.Bt23"/> (register) or <see cref="QuantityTable.Bt28"/> (present value).</summary>
        public int Source { get; private set; }

        /// <summary>The BT22 (energy) or BT27 (present value) source id that carries the quantity (§5.4).</summary>
        public int SourceId { get; private set; }

        /// <summary>Refreshed by the fast BT28 read (see <see cref="Quantity.IsFast"/>).</summary>
        public bool Fast { get; private set; }

        /// <summary>Key in the Dabbler bodies (protocol reference §7–8), or null.</summary>
        public string? DabblerKey;

        /// <summary>Position in the /getDashDataWS body, or -1.</summary>
        public int DashPosition = -1;

        /// <summary>Dabbler MQTT topic (QuantityTable.Topic…), or -1, and the position in its body.</summary>
        public int DabblerTopic = -1;

        public int DabblerTopicPosition = -1;

        /// <summary>Home Assistant entity name (the device name is prefixed), or null: not announced.</summary>
        public string? HaName;

        /// <summary>Position among the meter's Home Assistant entities (the announcement order).</summary>
        public int HaPosition = -1;

        public string? HaDeviceClass;

        public string? HaStateClass;

        public int HaDisplayPrecision = -1;

        public bool HaEnabledByDefault = true;

        /// <summary>Index of the Prometheus family (<see cref="QuantityTable.Family"/>), or -1.</summary>
        public int MetricFamily = -1;

        /// <summary>The sample's labels inside {…}, or null for none.</summary>
        public string? MetricLabels;

        /// <summary>unit_of_measurement in discovery: the unit, left out for a ratio.</summary>
        public string? HaUnit
        {
            get { return Unit.Length == 0 ? null : Unit; }
        }

        /// <summary>Position in a view with an order of its own (<see cref="QuantityTable.At"/>), or -1.</summary>
        public int PositionIn(int view)
        {
            switch (view)
            {
                case QuantityTable.ViewDash: return DashPosition;
                case QuantityTable.ViewHa: return HaPosition;
                default: return view == DabblerTopic ? DabblerTopicPosition : -1;
            }
        }

        public QuantityInfo Dabbler(string key, int dashPosition, int topic, int topicPosition)
        {
            DabblerKey = key;
            DashPosition = dashPosition;
            DabblerTopic = topic;
            DabblerTopicPosition = topicPosition;
            return this;
        }

        public QuantityInfo Ha(int position, string name, string? deviceClass, string stateClass, int precision)
        {
            HaPosition = position;
            HaName = name;
            HaDeviceClass = deviceClass;
            HaStateClass = stateClass;
            HaDisplayPrecision = precision;
            return this;
        }

        /// <summary>Announced but disabled until the user enables it.</summary>
        public QuantityInfo HaDisabled()
        {
            HaEnabledByDefault = false;
            return this;
        }

        public QuantityInfo Metric(int family, string? labels)
        {
            MetricFamily = family;
            MetricLabels = labels;
            return this;
        }
    }
}
