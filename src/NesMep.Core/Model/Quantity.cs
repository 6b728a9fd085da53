namespace NesMep.Core.Model
{
    /// <summary>
    /// The values the product publishes, as stable indices into <see cref="MeterReading"/>. Units are
    /// the meter's integer units: Wh, VArh, W, VAr, VA, mA, mV, mHz, power factor × 1000.
    /// </summary>
    public static class Quantity
    {
        public const int EnergyImportWh = 0;
        public const int EnergyExportWh = 1;
        public const int ReactiveEnergyImportVArh = 2;
        public const int ReactiveEnergyExportVArh = 3;
        public const int PowerImportW = 4;
        public const int PowerExportW = 5;
        public const int PowerImportL1W = 6;
        public const int PowerImportL2W = 7;
        public const int PowerImportL3W = 8;
        public const int PowerExportL1W = 9;
        public const int PowerExportL2W = 10;
        public const int PowerExportL3W = 11;
        public const int CurrentL1mA = 12;
        public const int CurrentL2mA = 13;
        public const int CurrentL3mA = 14;
        public const int VoltageL1mV = 15;
        public const int VoltageL2mV = 16;
        public const int VoltageL3mV = 17;
        public const int FrequencymHz = 18;
        public const int PowerFactorL1Milli = 19;
        public const int PowerFactorL2Milli = 20;
        public const int PowerFactorL3Milli = 21;
        public const int ReactivePowerImportVAr = 22;
        public const int ReactivePowerExportVAr = 23;
        public const int ApparentPowerVA = 24;
        public const int AvgPowerImportW = 25;
        public const int AvgPowerExportW = 26;
        public const int AvgPowerImportL1W = 27;
        public const int AvgPowerImportL2W = 28;
        public const int AvgPowerImportL3W = 29;
        public const int AvgPowerExportL1W = 30;
        public const int AvgPowerExportL2W = 31;
        public const int AvgPowerExportL3W = 32;

        public const int Count = 33;

        /// <summary>Energy counters come from BT23 summations; everything else from BT28 present values.</summary>
        public static bool IsEnergy(int quantity)
        {
            return quantity <= ReactiveEnergyExportVArh;
        }

        /// <summary>The BT22 (energy) or BT27 (present value) source id that carries the quantity (§5.4).</summary>
        public static int SourceId(int quantity)
        {
            switch (quantity)
            {
                case EnergyImportWh: return 0;
                case EnergyExportWh: return 1;
                case ReactiveEnergyImportVArh: return 2;
                case ReactiveEnergyExportVArh: return 3;
                case PowerImportW: return 8;
                case PowerExportW: return 9;
                case PowerImportL1W: return 185;
                case PowerImportL2W: return 186;
                case PowerImportL3W: return 187;
                case PowerExportL1W: return 188;
                case PowerExportL2W: return 189;
                case PowerExportL3W: return 190;
                case CurrentL1mA: return 12;
                case CurrentL2mA: return 13;
                case CurrentL3mA: return 14;
                case VoltageL1mV: return 15;
                case VoltageL2mV: return 16;
                case VoltageL3mV: return 17;
                case FrequencymHz: return 19;
                case PowerFactorL1Milli: return 18;
                case PowerFactorL2Milli: return 21;
                case PowerFactorL3Milli: return 22;
                case ReactivePowerImportVAr: return 10;
                case ReactivePowerExportVAr: return 11;
                case ApparentPowerVA: return 20;
                case AvgPowerImportW: return 208;
                case AvgPowerExportW: return 209;
                case AvgPowerImportL1W: return 210;
                case AvgPowerImportL2W: return 211;
                case AvgPowerImportL3W: return 212;
                case AvgPowerExportL1W: return 213;
                case AvgPowerExportL2W: return 214;
                case AvgPowerExportL3W: return 215;
                default: return -1;
            }
        }

        /// <summary>
        /// Quantities refreshed by the fast BT28 read. Totals and per-phase powers must come from one
        /// read: Home Assistant's integration rejects readings whose phase sum differs from the total by
        /// more than 3 W (ecosystem §1.6).
        /// </summary>
        public static bool IsFast(int quantity)
        {
            return quantity >= PowerImportW && quantity <= PowerFactorL3Milli;
        }

        /// <summary>snake_case name with the SI-style unit used by /api/v1 and MQTT.</summary>
        public static string Name(int quantity)
        {
            switch (quantity)
            {
                case EnergyImportWh: return "energy_import_wh";
                case EnergyExportWh: return "energy_export_wh";
                case ReactiveEnergyImportVArh: return "reactive_energy_import_varh";
                case ReactiveEnergyExportVArh: return "reactive_energy_export_varh";
                case PowerImportW: return "power_import_w";
                case PowerExportW: return "power_export_w";
                case PowerImportL1W: return "power_import_l1_w";
                case PowerImportL2W: return "power_import_l2_w";
                case PowerImportL3W: return "power_import_l3_w";
                case PowerExportL1W: return "power_export_l1_w";
                case PowerExportL2W: return "power_export_l2_w";
                case PowerExportL3W: return "power_export_l3_w";
                case CurrentL1mA: return "current_l1_ma";
                case CurrentL2mA: return "current_l2_ma";
                case CurrentL3mA: return "current_l3_ma";
                case VoltageL1mV: return "voltage_l1_mv";
                case VoltageL2mV: return "voltage_l2_mv";
                case VoltageL3mV: return "voltage_l3_mv";
                case FrequencymHz: return "frequency_mhz";
                case PowerFactorL1Milli: return "power_factor_l1_milli";
                case PowerFactorL2Milli: return "power_factor_l2_milli";
                case PowerFactorL3Milli: return "power_factor_l3_milli";
                case ReactivePowerImportVAr: return "reactive_power_import_var";
                case ReactivePowerExportVAr: return "reactive_power_export_var";
                case ApparentPowerVA: return "apparent_power_va";
                case AvgPowerImportW: return "avg_power_import_w";
                case AvgPowerExportW: return "avg_power_export_w";
                case AvgPowerImportL1W: return "avg_power_import_l1_w";
                case AvgPowerImportL2W: return "avg_power_import_l2_w";
                case AvgPowerImportL3W: return "avg_power_import_l3_w";
                case AvgPowerExportL1W: return "avg_power_export_l1_w";
                case AvgPowerExportL2W: return "avg_power_export_l2_w";
                case AvgPowerExportL3W: return "avg_power_export_l3_w";
                default: return "unknown";
            }
        }
    }
}
