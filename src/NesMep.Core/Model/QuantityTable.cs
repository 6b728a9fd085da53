namespace NesMep.Core.Model
{
    /// <summary>
    /// The one description of every published quantity: where it is read, its names, unit and scale in
    /// each view (/api/v1/reading, MQTT state, Dabbler bodies, Home Assistant discovery, /metrics). The
    /// views and discovery read this table; adding a quantity is a <see cref="Quantity"/> id and one row.
    /// Built on first use, not by a static constructor: on nanoFramework every static constructor runs
    /// at boot and one that runs out of memory is skipped silently (docs/nanoframework-subset.md).
    /// Two threads building it at once build equal tables.
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

        /// <summary>Metric families, in exposition order (indices into <see cref="Family"/>).</summary>
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

        private const string Import = "direction=\"import\"";
        private const string Export = "direction=\"export\"";
        private const string L1 = "phase=\"l1\"";
        private const string L2 = "phase=\"l2\"";
        private const string L3 = "phase=\"l3\"";
        private const string ImportTotal = Import + ",phase=\"total\"";
        private const string ExportTotal = Export + ",phase=\"total\"";

        private const string Total = "total_increasing";
        private const string Measurement = "measurement";

        private static QuantityInfo[]? _rows;
        private static MetricFamily[]? _families;

        private static QuantityInfo[] Rows
        {
            get { return _rows ??= Build(); }
        }

        private static MetricFamily[] Families
        {
            get { return _families ??= BuildFamilies(); }
        }

        /// <summary>The row of quantity <paramref name="quantity"/> (rows are in id order).</summary>
        public static QuantityInfo Info(int quantity)
        {
            return Rows[quantity];
        }

        public static int FamilyCount
        {
            get { return Families.Length; }
        }

        public static MetricFamily Family(int index)
        {
            return Families[index];
        }

        /// <summary>
        /// The quantity at <paramref name="position"/> of a view whose order is not the id order
        /// (<see cref="ViewDash"/>, <see cref="ViewHa"/> or a Dabbler topic), or -1 where the view has no
        /// quantity there (past its end; for <see cref="ViewHa"/> also a meter entity that is not a quantity).
        /// </summary>
        public static int At(int view, int position)
        {
            QuantityInfo[] rows = Rows;
            for (int q = 0; q < rows.Length; q++)
            {
                if (rows[q].PositionIn(view) == position)
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
            QuantityInfo[] rows = Rows;
            for (int q = 0; q < rows.Length; q++)
            {
                if (rows[q].HaPosition >= 0)
                {
                    n++;
                }
            }

            return n;
        }

        private static MetricFamily[] BuildFamilies()
        {
            return new MetricFamily[]
            {
                new MetricFamily("nesmep_energy_watt_hours_total", "counter", "Active energy registers (BT23), Wh.", 0),
                new MetricFamily("nesmep_reactive_energy_var_hours_total", "counter", "Reactive energy registers (BT23), varh.", 0),
                new MetricFamily("nesmep_power_watts", "gauge", "Active power (BT28), W.", 0),
                new MetricFamily("nesmep_average_power_watts", "gauge", "Average active power (BT28), W.", 0),
                new MetricFamily("nesmep_voltage_volts", "gauge", "RMS voltage per phase, V.", 3),
                new MetricFamily("nesmep_current_amperes", "gauge", "RMS current per phase, A.", 3),
                new MetricFamily("nesmep_frequency_hertz", "gauge", "Grid frequency, Hz.", 3),
                new MetricFamily("nesmep_power_factor", "gauge", "Power factor per phase.", 3),
                new MetricFamily("nesmep_reactive_power_var", "gauge", "Reactive power, var.", 0),
                new MetricFamily("nesmep_apparent_power_va", "gauge", "Apparent power, VA.", 0),
            };
        }

        // One row per quantity, in id order. Home Assistant: "reactive_energy" has no device class
        // because only recent Home Assistant versions know it and an unknown class makes older ones
        // reject the whole config; total_increasing alone is valid. Position 4 of the meter's entities
        // is power_net_w, which is not a quantity (HaDiscovery).
        private static QuantityInfo[] Build()
        {
            return new QuantityInfo[]
            {
                new QuantityInfo(Quantity.EnergyImportWh, "energy_import_wh", "energy_import_kwh", "kWh", 3, Bt23, 0, false)
                    .Dabbler("Fwd_Act_Wh", 0, TopicTotal, 0).Ha(0, "Energy import", "energy", Total, 3).Metric(FamilyEnergy, Import),
                new QuantityInfo(Quantity.EnergyExportWh, "energy_export_wh", "energy_export_kwh", "kWh", 3, Bt23, 1, false)
                    .Dabbler("Rev_Act_Wh", 1, TopicTotal, 1).Ha(1, "Energy export", "energy", Total, 3).Metric(FamilyEnergy, Export),
                new QuantityInfo(Quantity.ReactiveEnergyImportVArh, "reactive_energy_import_varh", "reactive_energy_import_kvarh", "kvarh", 3, Bt23, 2, false)
                    .Ha(24, "Reactive energy import", null, Total, 3).HaDisabled().Metric(FamilyReactiveEnergy, Import),
                new QuantityInfo(Quantity.ReactiveEnergyExportVArh, "reactive_energy_export_varh", "reactive_energy_export_kvarh", "kvarh", 3, Bt23, 3, false)
                    .Ha(25, "Reactive energy export", null, Total, 3).HaDisabled().Metric(FamilyReactiveEnergy, Export),
                new QuantityInfo(Quantity.PowerImportW, "power_import_w", "power_import_w", "W", 0, Bt28, 8, true)
                    .Dabbler("Fwd_W", 2, TopicFwd, 0).Ha(2, "Power import", "power", Measurement, 0).Metric(FamilyPower, ImportTotal),
                new QuantityInfo(Quantity.PowerExportW, "power_export_w", "power_export_w", "W", 0, Bt28, 9, true)
                    .Dabbler("Rev_W", 3, TopicRev, 0).Ha(3, "Power export", "power", Measurement, 0).Metric(FamilyPower, ExportTotal),
                new QuantityInfo(Quantity.PowerImportL1W, "power_import_l1_w", "power_import_l1_w", "W", 0, Bt28, 185, true)
                    .Dabbler("L1_Fwd_W", 11, TopicFwd, 2).Ha(5, "Power import L1", "power", Measurement, 0).Metric(FamilyPower, Import + "," + L1),
                new QuantityInfo(Quantity.PowerImportL2W, "power_import_l2_w", "power_import_l2_w", "W", 0, Bt28, 186, true)
                    .Dabbler("L2_Fwd_W", 12, TopicFwd, 3).Ha(6, "Power import L2", "power", Measurement, 0).Metric(FamilyPower, Import + "," + L2),
                new QuantityInfo(Quantity.PowerImportL3W, "power_import_l3_w", "power_import_l3_w", "W", 0, Bt28, 187, true)
                    .Dabbler("L3_Fwd_W", 13, TopicFwd, 4).Ha(7, "Power import L3", "power", Measurement, 0).Metric(FamilyPower, Import + "," + L3),
                new QuantityInfo(Quantity.PowerExportL1W, "power_export_l1_w", "power_export_l1_w", "W", 0, Bt28, 188, true)
                    .Dabbler("L1_Rev_W", 14, TopicRev, 2).Ha(8, "Power export L1", "power", Measurement, 0).Metric(FamilyPower, Export + "," + L1),
                new QuantityInfo(Quantity.PowerExportL2W, "power_export_l2_w", "power_export_l2_w", "W", 0, Bt28, 189, true)
                    .Dabbler("L2_Rev_W", 15, TopicRev, 3).Ha(9, "Power export L2", "power", Measurement, 0).Metric(FamilyPower, Export + "," + L2),
                new QuantityInfo(Quantity.PowerExportL3W, "power_export_l3_w", "power_export_l3_w", "W", 0, Bt28, 190, true)
                    .Dabbler("L3_Rev_W", 16, TopicRev, 4).Ha(10, "Power export L3", "power", Measurement, 0).Metric(FamilyPower, Export + "," + L3),
                new QuantityInfo(Quantity.CurrentL1mA, "current_l1_ma", "current_l1_a", "A", 3, Bt28, 12, true)
                    .Dabbler("L1_RMS_A", 5, TopicSensors, 0).Ha(14, "Current L1", "current", Measurement, 2).Metric(FamilyCurrent, L1),
                new QuantityInfo(Quantity.CurrentL2mA, "current_l2_ma", "current_l2_a", "A", 3, Bt28, 13, true)
                    .Dabbler("L2_RMS_A", 6, TopicSensors, 1).Ha(15, "Current L2", "current", Measurement, 2).Metric(FamilyCurrent, L2),
                new QuantityInfo(Quantity.CurrentL3mA, "current_l3_ma", "current_l3_a", "A", 3, Bt28, 14, true)
                    .Dabbler("L3_RMS_A", 7, TopicSensors, 2).Ha(16, "Current L3", "current", Measurement, 2).Metric(FamilyCurrent, L3),
                new QuantityInfo(Quantity.VoltageL1mV, "voltage_l1_mv", "voltage_l1_v", "V", 3, Bt28, 15, true)
                    .Dabbler("L1_RMS_V", 8, TopicSensors, 3).Ha(11, "Voltage L1", "voltage", Measurement, 1).Metric(FamilyVoltage, L1),
                new QuantityInfo(Quantity.VoltageL2mV, "voltage_l2_mv", "voltage_l2_v", "V", 3, Bt28, 16, true)
                    .Dabbler("L2_RMS_V", 9, TopicSensors, 4).Ha(12, "Voltage L2", "voltage", Measurement, 1).Metric(FamilyVoltage, L2),
                new QuantityInfo(Quantity.VoltageL3mV, "voltage_l3_mv", "voltage_l3_v", "V", 3, Bt28, 17, true)
                    .Dabbler("L3_RMS_V", 10, TopicSensors, 5).Ha(13, "Voltage L3", "voltage", Measurement, 1).Metric(FamilyVoltage, L3),
                new QuantityInfo(Quantity.FrequencymHz, "frequency_mhz", "frequency_hz", "Hz", 3, Bt28, 19, true)
                    .Dabbler("Freq_mHz", 4, TopicFrequency, 0).Ha(17, "Frequency", "frequency", Measurement, 2).Metric(FamilyFrequency, null),
                new QuantityInfo(Quantity.PowerFactorL1Milli, "power_factor_l1_milli", "power_factor_l1", "", 3, Bt28, 18, true)
                    .Dabbler("L1_PF_Fac", -1, TopicSensors, 6).Ha(18, "Power factor L1", "power_factor", Measurement, 2).Metric(FamilyPowerFactor, L1),
                new QuantityInfo(Quantity.PowerFactorL2Milli, "power_factor_l2_milli", "power_factor_l2", "", 3, Bt28, 21, true)
                    .Dabbler("L2_PF_Fac", -1, TopicSensors, 7).Ha(19, "Power factor L2", "power_factor", Measurement, 2).Metric(FamilyPowerFactor, L2),
                new QuantityInfo(Quantity.PowerFactorL3Milli, "power_factor_l3_milli", "power_factor_l3", "", 3, Bt28, 22, true)
                    .Dabbler("L3_PF_Fac", -1, TopicSensors, 8).Ha(20, "Power factor L3", "power_factor", Measurement, 2).Metric(FamilyPowerFactor, L3),
                new QuantityInfo(Quantity.ReactivePowerImportVAr, "reactive_power_import_var", "reactive_power_import_var", "var", 0, Bt28, 10, false)
                    .Dabbler("ImportReactive_VAr", -1, TopicSensors, 10).Ha(21, "Reactive power import", "reactive_power", Measurement, 0).Metric(FamilyReactivePower, Import),
                new QuantityInfo(Quantity.ReactivePowerExportVAr, "reactive_power_export_var", "reactive_power_export_var", "var", 0, Bt28, 11, false)
                    .Dabbler("ExportReactive_VAr", -1, TopicSensors, 9).Ha(22, "Reactive power export", "reactive_power", Measurement, 0).Metric(FamilyReactivePower, Export),
                new QuantityInfo(Quantity.ApparentPowerVA, "apparent_power_va", "apparent_power_va", "VA", 0, Bt28, 20, false)
                    .Ha(23, "Apparent power", "apparent_power", Measurement, 0).Metric(FamilyApparentPower, null),
                new QuantityInfo(Quantity.AvgPowerImportW, "avg_power_import_w", "avg_power_import_w", "W", 0, Bt28, 208, false)
                    .Dabbler("Fwd_Avg_W", 17, TopicFwd, 1).Ha(26, "Average power import", "power", Measurement, 0).HaDisabled().Metric(FamilyAveragePower, ImportTotal),
                new QuantityInfo(Quantity.AvgPowerExportW, "avg_power_export_w", "avg_power_export_w", "W", 0, Bt28, 209, false)
                    .Dabbler("Rev_Avg_W", 18, TopicRev, 1).Ha(27, "Average power export", "power", Measurement, 0).HaDisabled().Metric(FamilyAveragePower, ExportTotal),
                new QuantityInfo(Quantity.AvgPowerImportL1W, "avg_power_import_l1_w", "avg_power_import_l1_w", "W", 0, Bt28, 210, false)
                    .Dabbler("L1_Fwd_Avg_W", 19, TopicFwd, 5).Ha(28, "Average power import L1", "power", Measurement, 0).HaDisabled().Metric(FamilyAveragePower, Import + "," + L1),
                new QuantityInfo(Quantity.AvgPowerImportL2W, "avg_power_import_l2_w", "avg_power_import_l2_w", "W", 0, Bt28, 211, false)
                    .Dabbler("L2_Fwd_Avg_W", 20, TopicFwd, 6).Ha(29, "Average power import L2", "power", Measurement, 0).HaDisabled().Metric(FamilyAveragePower, Import + "," + L2),
                new QuantityInfo(Quantity.AvgPowerImportL3W, "avg_power_import_l3_w", "avg_power_import_l3_w", "W", 0, Bt28, 212, false)
                    .Dabbler("L3_Fwd_Avg_W", 21, TopicFwd, 7).Ha(30, "Average power import L3", "power", Measurement, 0).HaDisabled().Metric(FamilyAveragePower, Import + "," + L3),
                new QuantityInfo(Quantity.AvgPowerExportL1W, "avg_power_export_l1_w", "avg_power_export_l1_w", "W", 0, Bt28, 213, false)
                    .Dabbler("L1_Rev_Avg_W", 22, TopicRev, 5).Ha(31, "Average power export L1", "power", Measurement, 0).HaDisabled().Metric(FamilyAveragePower, Export + "," + L1),
                new QuantityInfo(Quantity.AvgPowerExportL2W, "avg_power_export_l2_w", "avg_power_export_l2_w", "W", 0, Bt28, 214, false)
                    .Dabbler("L2_Rev_Avg_W", 23, TopicRev, 6).Ha(32, "Average power export L2", "power", Measurement, 0).HaDisabled().Metric(FamilyAveragePower, Export + "," + L2),
                new QuantityInfo(Quantity.AvgPowerExportL3W, "avg_power_export_l3_w", "avg_power_export_l3_w", "W", 0, Bt28, 215, false)
                    .Dabbler("L3_Rev_Avg_W", 24, TopicRev, 7).Ha(33, "Average power export L3", "power", Measurement, 0).HaDisabled().Metric(FamilyAveragePower, Export + "," + L3),
            };
        }
    }
}
