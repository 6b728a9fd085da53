namespace NesMep.Core.Model
{
    /// <summary>
    /// The values the product publishes, as stable indices into <see cref="MeterReading"/>. Units are
    /// the meter's integer units: Wh, VArh, W, VAr, VA, mA, mV, mHz, power factor × 1000. Everything
    /// else about a quantity (source, names, units, classes) is its row in <see cref="QuantityTable"/>.
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
            return QuantityTable.Source(quantity) == QuantityTable.Bt23;
        }

        /// <summary>The BT22 (energy) or BT27 (present value) source id that carries the quantity (§5.4).</summary>
        public static int SourceId(int quantity)
        {
            return QuantityTable.SourceId(quantity);
        }

        /// <summary>
        /// Quantities refreshed by the fast BT28 read. Totals and per-phase powers must come from one
        /// read: Home Assistant's integration rejects readings whose phase sum differs from the total by
        /// more than 3 W (ecosystem §1.6).
        /// </summary>
        public static bool IsFast(int quantity)
        {
            return QuantityTable.IsFast(quantity);
        }

        /// <summary>snake_case name in the meter's integer unit, for logs.</summary>
        public static string Name(int quantity)
        {
            return QuantityTable.MeterName(quantity);
        }
    }
}
