namespace NesMep.Core.Model
{
    /// <summary>
    /// The one description of every published quantity: where it is read, its names, unit and scale in
    /// each view (/api/v1/reading, MQTT state, Dabbler bodies, Home Assistant discovery, /metrics). The
    /// views and discovery read it through the accessors below; adding a quantity is a <see cref="Quantity"/>
    /// id and one row in each of <see cref="Number"/> and <see cref="Text"/>.
    /// The rows are code, not objects: each accessor answers from a switch over the id, so the table keeps
    /// nothing on the heap (as objects it kept 13.4 KB, the largest item of the poll loop's heap budget,
    /// docs/firmware.md "Memory"), and no static constructor builds it (on nanoFramework every static
    /// constructor runs at boot and one that runs out of memory is skipped silently). The numbers and the
    /// texts are separate rows because the poll loop reads the numbers (<see cref="Quantity.IsEnergy"/>,
    /// <see cref="Quantity.SourceId"/>) and a row of string literals would allocate each literal on nanoFramework.
    /// </summary>
    public static class QuantityTable
    {
        /// <summary>Sources: a BT23 summation register, a BT28 present value.</summary>
        public const int Bt23 = 23;
        public const int Bt28 = 28;

        /// <summary>Dabbler MQTT topics (MqttTopics.Dabbler…), in the firmware's terms; also views for <see cref="At"/>.</summary>
        public const int TopicSensors = 0;
        public const int TopicTotal = 1;
        public const int TopicFwd = 2;
        public const int TopicRev = 3;
        public const int TopicFrequency = 4;

        /// <summary>The other views with an order of their own: /getDashDataWS and Home Assistant's meter entities.</summary>
        public const int ViewDash = 5;
        public const int ViewHa = 6;

        /// <summary>Metric families, in exposition order (indices for <see cref="FamilyName"/> and the like).</summary>
        public const int FamilyEnergy = 0;
        public const int FamilyReactiveEnergy = 1;
        public const int FamilyPower = 2;
        public const int FamilyAveragePower = 3;
        public const int FamilyVoltage = 4;
        public const int FamilyCurrent = 5;
        public const int FamilyFrequency = 6;
        public const int FamilyPowerFactor = 7;
        public const int FamilyReactivePower = 8;
        public const int FamilyApparentPower = 9;

        public const int FamilyCount = 10;

        private const string Import = "direction=\"import\"";
        private const string Export = "direction=\"export\"";
        private const string L1 = "phase=\"l1\"";
        private const string L2 = "phase=\"l2\"";
        private const string L3 = "phase=\"l3\"";
        private const string ImportTotal = Import + ",phase=\"total\"";
        private const string ExportTotal = Export + ",phase=\"total\"";

        private const string Total = "total_increasing";
        private const string Measurement = "measurement";

        // Columns of the number rows.
        private const int ColSource = 0;
        private const int ColSourceId = 1;
        private const int ColDecimals = 2;
        private const int ColFast = 3;
        private const int ColDash = 4;
        private const int ColTopic = 5;
        private const int ColTopicPosition = 6;
        private const int ColHaPosition = 7;
        private const int ColHaPrecision = 8;
        private const int ColHaEnabled = 9;
        private const int ColFamily = 10;

        // Columns of the text rows.
        private const int ColMeterName = 0;
        private const int ColKey = 1;
        private const int ColUnit = 2;
        private const int ColDabblerKey = 3;
        private const int ColHaName = 4;
        private const int ColHaDeviceClass = 5;
        private const int ColHaStateClass = 6;
        private const int ColMetricLabels = 7;

        // Cells of the number rows: refreshed by the fast BT28 read or not; announced enabled or disabled.
        private const int Fast = 1;
        private const int Slow = 0;
        private const int On = 1;
        private const int Off = 0;

        /// <summary>snake_case name in the meter's integer unit ("energy_import_wh"), used in logs.</summary>
        public static string MeterName(int quantity)
        {
            return Text(quantity, ColMeterName)!;
        }

        /// <summary>
        /// snake_case name in SI-style units: the /api/v1/reading and MQTT state key, the Home Assistant
        /// object id and the quantity label of nesmep_value_age_seconds.
        /// </summary>
        public static string Key(int quantity)
        {
            return Text(quantity, ColKey)!;
        }

        /// <summary>Unit of the value under <see cref="Key"/> ("" for the power factor, a ratio).</summary>
        public static string Unit(int quantity)
        {
            return Text(quantity, ColUnit)!;
        }

        /// <summary>unit_of_measurement in discovery: the unit, left out (null) for a ratio.</summary>
        public static string? HaUnit(int quantity)
        {
            string unit = Unit(quantity);
            return unit.Length == 0 ? null : unit;
        }

        /// <summary>Decimal places: the meter's integer divided by 10^Decimals gives <see cref="Unit"/>.</summary>
        public static int Decimals(int quantity)
        {
            return Number(quantity, ColDecimals);
        }

        /// <summary><see cref="Bt23"/> (register) or <see cref="Bt28"/> (present value).</summary>
        public static int Source(int quantity)
        {
            return Number(quantity, ColSource);
        }

        /// <summary>The BT22 (energy) or BT27 (present value) source id that carries the quantity (§5.4).</summary>
        public static int SourceId(int quantity)
        {
            return Number(quantity, ColSourceId);
        }

        /// <summary>Refreshed by the fast BT28 read (see <see cref="Quantity.IsFast"/>).</summary>
        public static bool IsFast(int quantity)
        {
            return Number(quantity, ColFast) == Fast;
        }

        /// <summary>Key in the Dabbler bodies (protocol reference §7–8), or null.</summary>
        public static string? DabblerKey(int quantity)
        {
            return Text(quantity, ColDabblerKey);
        }

        /// <summary>Position in the /getDashDataWS body, or -1.</summary>
        public static int DashPosition(int quantity)
        {
            return Number(quantity, ColDash);
        }

        /// <summary>Dabbler MQTT topic (Topic…), or -1.</summary>
        public static int DabblerTopic(int quantity)
        {
            return Number(quantity, ColTopic);
        }

        /// <summary>Position in the body of its <see cref="DabblerTopic"/>, or -1.</summary>
        public static int DabblerTopicPosition(int quantity)
        {
            return Number(quantity, ColTopicPosition);
        }

        /// <summary>Home Assistant entity name (the device name is prefixed), or null: not announced.</summary>
        public static string? HaName(int quantity)
        {
            return Text(quantity, ColHaName);
        }

        /// <summary>Position among the meter's Home Assistant entities (the announcement order), or -1.</summary>
        public static int HaPosition(int quantity)
        {
            return Number(quantity, ColHaPosition);
        }

        public static string? HaDeviceClass(int quantity)
        {
            return Text(quantity, ColHaDeviceClass);
        }

        public static string? HaStateClass(int quantity)
        {
            return Text(quantity, ColHaStateClass);
        }

        public static int HaDisplayPrecision(int quantity)
        {
            return Number(quantity, ColHaPrecision);
        }

        /// <summary>False: announced but disabled until the user enables it.</summary>
        public static bool HaEnabledByDefault(int quantity)
        {
            return Number(quantity, ColHaEnabled) == On;
        }

        /// <summary>Index of the Prometheus family (<see cref="FamilyName"/>).</summary>
        public static int MetricFamily(int quantity)
        {
            return Number(quantity, ColFamily);
        }

        /// <summary>The sample's labels inside {…}, or null for none.</summary>
        public static string? MetricLabels(int quantity)
        {
            return Text(quantity, ColMetricLabels);
        }

        /// <summary>
        /// The quantity at <paramref name="position"/> of a view whose order is not the id order
        /// (<see cref="ViewDash"/>, <see cref="ViewHa"/> or a Dabbler topic), or -1 where the view has no
        /// quantity there (past its end; for <see cref="ViewHa"/> also a meter entity that is not a quantity).
        /// </summary>
        public static int At(int view, int position)
        {
            for (int q = 0; q < Quantity.Count; q++)
            {
                if (PositionIn(q, view) == position)
                {
                    return q;
                }
            }

            return -1;
        }

        /// <summary>Quantities announced to Home Assistant.</summary>
        public static int HaCount()
        {
            int n = 0;
            for (int q = 0; q < Quantity.Count; q++)
            {
                if (HaPosition(q) >= 0)
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>Position of <paramref name="quantity"/> in a view with an order of its own (<see cref="At"/>), or -1.</summary>
        private static int PositionIn(int quantity, int view)
        {
            switch (view)
            {
                case ViewDash: return DashPosition(quantity);
                case ViewHa: return HaPosition(quantity);
                default: return view == DabblerTopic(quantity) ? DabblerTopicPosition(quantity) : -1;
            }
        }

        public static string FamilyName(int family)
        {
            return FamilyText(family, 0);
        }

        /// <summary>"counter" or "gauge".</summary>
        public static string FamilyType(int family)
        {
            return FamilyText(family, 1);
        }

        public static string FamilyHelp(int family)
        {
            return FamilyText(family, 2);
        }

        /// <summary>Decimal places that scale the meter's integer to the family's base unit.</summary>
        public static int FamilyDecimals(int family)
        {
            return family == FamilyVoltage || family == FamilyCurrent || family == FamilyFrequency || family == FamilyPowerFactor ? 3 : 0;
        }

        // One row per family: name, type, help. Decimals: FamilyDecimals.
        private static string FamilyText(int family, int field)
        {
            switch (family)
            {
                case FamilyEnergy: return Pick(field, "nesmep_energy_watt_hours_total", "counter", "Active energy registers (BT23), Wh.");
                case FamilyReactiveEnergy: return Pick(field, "nesmep_reactive_energy_var_hours_total", "counter", "Reactive energy registers (BT23), varh.");
                case FamilyPower: return Pick(field, "nesmep_power_watts", "gauge", "Active power (BT28), W.");
                case FamilyAveragePower: return Pick(field, "nesmep_average_power_watts", "gauge", "Average active power (BT28), W.");
                case FamilyVoltage: return Pick(field, "nesmep_voltage_volts", "gauge", "RMS voltage per phase, V.");
                case FamilyCurrent: return Pick(field, "nesmep_current_amperes", "gauge", "RMS current per phase, A.");
                case FamilyFrequency: return Pick(field, "nesmep_frequency_hertz", "gauge", "Grid frequency, Hz.");
                case FamilyPowerFactor: return Pick(field, "nesmep_power_factor", "gauge", "Power factor per phase.");
                case FamilyReactivePower: return Pick(field, "nesmep_reactive_power_var", "gauge", "Reactive power, var.");
                case FamilyApparentPower: return Pick(field, "nesmep_apparent_power_va", "gauge", "Apparent power, VA.");
                default: throw new System.ArgumentOutOfRangeException("family");
            }
        }

        // The number row of each quantity, in id order: source, source id, decimals, fast or slow read,
        // /getDashDataWS position, Dabbler topic and position in it, Home Assistant position, display
        // precision and enabled by default, metric family (-1: not in that view). Positions are contracts
        // of other products (Dabbler, Home Assistant); position 4 of the meter's Home Assistant entities
        // is power_net_w, which is not a quantity (HaDiscovery).
        private static int Number(int quantity, int field)
        {
            switch (quantity)
            {
                case Quantity.EnergyImportWh: return N(field, Bt23, 0, 3, Slow, 0, TopicTotal, 0, 0, 3, On, FamilyEnergy);
                case Quantity.EnergyExportWh: return N(field, Bt23, 1, 3, Slow, 1, TopicTotal, 1, 1, 3, On, FamilyEnergy);
                case Quantity.ReactiveEnergyImportVArh: return N(field, Bt23, 2, 3, Slow, -1, -1, -1, 24, 3, Off, FamilyReactiveEnergy);
                case Quantity.ReactiveEnergyExportVArh: return N(field, Bt23, 3, 3, Slow, -1, -1, -1, 25, 3, Off, FamilyReactiveEnergy);
                case Quantity.PowerImportW: return N(field, Bt28, 8, 0, Fast, 2, TopicFwd, 0, 2, 0, On, FamilyPower);
                case Quantity.PowerExportW: return N(field, Bt28, 9, 0, Fast, 3, TopicRev, 0, 3, 0, On, FamilyPower);
                case Quantity.PowerImportL1W: return N(field, Bt28, 185, 0, Fast, 11, TopicFwd, 2, 5, 0, On, FamilyPower);
                case Quantity.PowerImportL2W: return N(field, Bt28, 186, 0, Fast, 12, TopicFwd, 3, 6, 0, On, FamilyPower);
                case Quantity.PowerImportL3W: return N(field, Bt28, 187, 0, Fast, 13, TopicFwd, 4, 7, 0, On, FamilyPower);
                case Quantity.PowerExportL1W: return N(field, Bt28, 188, 0, Fast, 14, TopicRev, 2, 8, 0, On, FamilyPower);
                case Quantity.PowerExportL2W: return N(field, Bt28, 189, 0, Fast, 15, TopicRev, 3, 9, 0, On, FamilyPower);
                case Quantity.PowerExportL3W: return N(field, Bt28, 190, 0, Fast, 16, TopicRev, 4, 10, 0, On, FamilyPower);
                case Quantity.CurrentL1mA: return N(field, Bt28, 12, 3, Fast, 5, TopicSensors, 0, 14, 2, On, FamilyCurrent);
                case Quantity.CurrentL2mA: return N(field, Bt28, 13, 3, Fast, 6, TopicSensors, 1, 15, 2, On, FamilyCurrent);
                case Quantity.CurrentL3mA: return N(field, Bt28, 14, 3, Fast, 7, TopicSensors, 2, 16, 2, On, FamilyCurrent);
                case Quantity.VoltageL1mV: return N(field, Bt28, 15, 3, Fast, 8, TopicSensors, 3, 11, 1, On, FamilyVoltage);
                case Quantity.VoltageL2mV: return N(field, Bt28, 16, 3, Fast, 9, TopicSensors, 4, 12, 1, On, FamilyVoltage);
                case Quantity.VoltageL3mV: return N(field, Bt28, 17, 3, Fast, 10, TopicSensors, 5, 13, 1, On, FamilyVoltage);
                case Quantity.FrequencymHz: return N(field, Bt28, 19, 3, Fast, 4, TopicFrequency, 0, 17, 2, On, FamilyFrequency);
                case Quantity.PowerFactorL1Milli: return N(field, Bt28, 18, 3, Fast, -1, TopicSensors, 6, 18, 2, On, FamilyPowerFactor);
                case Quantity.PowerFactorL2Milli: return N(field, Bt28, 21, 3, Fast, -1, TopicSensors, 7, 19, 2, On, FamilyPowerFactor);
                case Quantity.PowerFactorL3Milli: return N(field, Bt28, 22, 3, Fast, -1, TopicSensors, 8, 20, 2, On, FamilyPowerFactor);
                case Quantity.ReactivePowerImportVAr: return N(field, Bt28, 10, 0, Slow, -1, TopicSensors, 10, 21, 0, On, FamilyReactivePower);
                case Quantity.ReactivePowerExportVAr: return N(field, Bt28, 11, 0, Slow, -1, TopicSensors, 9, 22, 0, On, FamilyReactivePower);
                case Quantity.ApparentPowerVA: return N(field, Bt28, 20, 0, Slow, -1, -1, -1, 23, 0, On, FamilyApparentPower);
                case Quantity.AvgPowerImportW: return N(field, Bt28, 208, 0, Slow, 17, TopicFwd, 1, 26, 0, Off, FamilyAveragePower);
                case Quantity.AvgPowerExportW: return N(field, Bt28, 209, 0, Slow, 18, TopicRev, 1, 27, 0, Off, FamilyAveragePower);
                case Quantity.AvgPowerImportL1W: return N(field, Bt28, 210, 0, Slow, 19, TopicFwd, 5, 28, 0, Off, FamilyAveragePower);
                case Quantity.AvgPowerImportL2W: return N(field, Bt28, 211, 0, Slow, 20, TopicFwd, 6, 29, 0, Off, FamilyAveragePower);
                case Quantity.AvgPowerImportL3W: return N(field, Bt28, 212, 0, Slow, 21, TopicFwd, 7, 30, 0, Off, FamilyAveragePower);
                case Quantity.AvgPowerExportL1W: return N(field, Bt28, 213, 0, Slow, 22, TopicRev, 5, 31, 0, Off, FamilyAveragePower);
                case Quantity.AvgPowerExportL2W: return N(field, Bt28, 214, 0, Slow, 23, TopicRev, 6, 32, 0, Off, FamilyAveragePower);
                case Quantity.AvgPowerExportL3W: return N(field, Bt28, 215, 0, Slow, 24, TopicRev, 7, 33, 0, Off, FamilyAveragePower);
                default: throw new System.ArgumentOutOfRangeException("quantity");
            }
        }

        // The text row of each quantity, in id order: meter name, key, unit, Dabbler key, Home Assistant
        // name, device class and state class, metric labels (null: none, or not in that view). Home
        // Assistant: "reactive_energy" has no device class because only recent Home Assistant versions know
        // it and an unknown class makes older ones reject the whole config; total_increasing alone is valid.
        private static string? Text(int quantity, int field)
        {
            switch (quantity)
            {
                case Quantity.EnergyImportWh: return T(field, "energy_import_wh", "energy_import_kwh", "kWh", "Fwd_Act_Wh", "Energy import", "energy", Total, Import);
                case Quantity.EnergyExportWh: return T(field, "energy_export_wh", "energy_export_kwh", "kWh", "Rev_Act_Wh", "Energy export", "energy", Total, Export);
                case Quantity.ReactiveEnergyImportVArh: return T(field, "reactive_energy_import_varh", "reactive_energy_import_kvarh", "kvarh", null, "Reactive energy import", null, Total, Import);
                case Quantity.ReactiveEnergyExportVArh: return T(field, "reactive_energy_export_varh", "reactive_energy_export_kvarh", "kvarh", null, "Reactive energy export", null, Total, Export);
                case Quantity.PowerImportW: return T(field, "power_import_w", "power_import_w", "W", "Fwd_W", "Power import", "power", Measurement, ImportTotal);
                case Quantity.PowerExportW: return T(field, "power_export_w", "power_export_w", "W", "Rev_W", "Power export", "power", Measurement, ExportTotal);
                case Quantity.PowerImportL1W: return T(field, "power_import_l1_w", "power_import_l1_w", "W", "L1_Fwd_W", "Power import L1", "power", Measurement, Import + "," + L1);
                case Quantity.PowerImportL2W: return T(field, "power_import_l2_w", "power_import_l2_w", "W", "L2_Fwd_W", "Power import L2", "power", Measurement, Import + "," + L2);
                case Quantity.PowerImportL3W: return T(field, "power_import_l3_w", "power_import_l3_w", "W", "L3_Fwd_W", "Power import L3", "power", Measurement, Import + "," + L3);
                case Quantity.PowerExportL1W: return T(field, "power_export_l1_w", "power_export_l1_w", "W", "L1_Rev_W", "Power export L1", "power", Measurement, Export + "," + L1);
                case Quantity.PowerExportL2W: return T(field, "power_export_l2_w", "power_export_l2_w", "W", "L2_Rev_W", "Power export L2", "power", Measurement, Export + "," + L2);
                case Quantity.PowerExportL3W: return T(field, "power_export_l3_w", "power_export_l3_w", "W", "L3_Rev_W", "Power export L3", "power", Measurement, Export + "," + L3);
                case Quantity.CurrentL1mA: return T(field, "current_l1_ma", "current_l1_a", "A", "L1_RMS_A", "Current L1", "current", Measurement, L1);
                case Quantity.CurrentL2mA: return T(field, "current_l2_ma", "current_l2_a", "A", "L2_RMS_A", "Current L2", "current", Measurement, L2);
                case Quantity.CurrentL3mA: return T(field, "current_l3_ma", "current_l3_a", "A", "L3_RMS_A", "Current L3", "current", Measurement, L3);
                case Quantity.VoltageL1mV: return T(field, "voltage_l1_mv", "voltage_l1_v", "V", "L1_RMS_V", "Voltage L1", "voltage", Measurement, L1);
                case Quantity.VoltageL2mV: return T(field, "voltage_l2_mv", "voltage_l2_v", "V", "L2_RMS_V", "Voltage L2", "voltage", Measurement, L2);
                case Quantity.VoltageL3mV: return T(field, "voltage_l3_mv", "voltage_l3_v", "V", "L3_RMS_V", "Voltage L3", "voltage", Measurement, L3);
                case Quantity.FrequencymHz: return T(field, "frequency_mhz", "frequency_hz", "Hz", "Freq_mHz", "Frequency", "frequency", Measurement, null);
                case Quantity.PowerFactorL1Milli: return T(field, "power_factor_l1_milli", "power_factor_l1", "", "L1_PF_Fac", "Power factor L1", "power_factor", Measurement, L1);
                case Quantity.PowerFactorL2Milli: return T(field, "power_factor_l2_milli", "power_factor_l2", "", "L2_PF_Fac", "Power factor L2", "power_factor", Measurement, L2);
                case Quantity.PowerFactorL3Milli: return T(field, "power_factor_l3_milli", "power_factor_l3", "", "L3_PF_Fac", "Power factor L3", "power_factor", Measurement, L3);
                case Quantity.ReactivePowerImportVAr: return T(field, "reactive_power_import_var", "reactive_power_import_var", "var", "ImportReactive_VAr", "Reactive power import", "reactive_power", Measurement, Import);
                case Quantity.ReactivePowerExportVAr: return T(field, "reactive_power_export_var", "reactive_power_export_var", "var", "ExportReactive_VAr", "Reactive power export", "reactive_power", Measurement, Export);
                case Quantity.ApparentPowerVA: return T(field, "apparent_power_va", "apparent_power_va", "VA", null, "Apparent power", "apparent_power", Measurement, null);
                case Quantity.AvgPowerImportW: return T(field, "avg_power_import_w", "avg_power_import_w", "W", "Fwd_Avg_W", "Average power import", "power", Measurement, ImportTotal);
                case Quantity.AvgPowerExportW: return T(field, "avg_power_export_w", "avg_power_export_w", "W", "Rev_Avg_W", "Average power export", "power", Measurement, ExportTotal);
                case Quantity.AvgPowerImportL1W: return T(field, "avg_power_import_l1_w", "avg_power_import_l1_w", "W", "L1_Fwd_Avg_W", "Average power import L1", "power", Measurement, Import + "," + L1);
                case Quantity.AvgPowerImportL2W: return T(field, "avg_power_import_l2_w", "avg_power_import_l2_w", "W", "L2_Fwd_Avg_W", "Average power import L2", "power", Measurement, Import + "," + L2);
                case Quantity.AvgPowerImportL3W: return T(field, "avg_power_import_l3_w", "avg_power_import_l3_w", "W", "L3_Fwd_Avg_W", "Average power import L3", "power", Measurement, Import + "," + L3);
                case Quantity.AvgPowerExportL1W: return T(field, "avg_power_export_l1_w", "avg_power_export_l1_w", "W", "L1_Rev_Avg_W", "Average power export L1", "power", Measurement, Export + "," + L1);
                case Quantity.AvgPowerExportL2W: return T(field, "avg_power_export_l2_w", "avg_power_export_l2_w", "W", "L2_Rev_Avg_W", "Average power export L2", "power", Measurement, Export + "," + L2);
                case Quantity.AvgPowerExportL3W: return T(field, "avg_power_export_l3_w", "avg_power_export_l3_w", "W", "L3_Rev_Avg_W", "Average power export L3", "power", Measurement, Export + "," + L3);
                default: throw new System.ArgumentOutOfRangeException("quantity");
            }
        }

        private static int N(int field, int source, int sourceId, int decimals, int fast, int dash, int topic, int topicPosition,
            int haPosition, int haPrecision, int haEnabled, int family)
        {
            switch (field)
            {
                case ColSource: return source;
                case ColSourceId: return sourceId;
                case ColDecimals: return decimals;
                case ColFast: return fast;
                case ColDash: return dash;
                case ColTopic: return topic;
                case ColTopicPosition: return topicPosition;
                case ColHaPosition: return haPosition;
                case ColHaPrecision: return haPrecision;
                case ColHaEnabled: return haEnabled;
                default: return family;
            }
        }

        private static string? T(int field, string meterName, string key, string unit, string? dabblerKey, string? haName,
            string? haDeviceClass, string? haStateClass, string? metricLabels)
        {
            switch (field)
            {
                case ColMeterName: return meterName;
                case ColKey: return key;
                case ColUnit: return unit;
                case ColDabblerKey: return dabblerKey;
                case ColHaName: return haName;
                case ColHaDeviceClass: return haDeviceClass;
                case ColHaStateClass: return haStateClass;
                default: return metricLabels;
            }
        }

        private static string Pick(int field, string name, string type, string help)
        {
            return field == 0 ? name : field == 1 ? type : help;
        }
    }
}
