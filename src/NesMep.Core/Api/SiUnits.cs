using NesMep.Core.Json;
using NesMep.Core.Model;

namespace NesMep.Core.Api
{
    /// <summary>
    /// Names and scaling of each quantity in SI-style units for /api/v1 and MQTT discovery:
    /// the meter's integers divided by 10^Decimals (Wh → kWh, mV → V, mA → A, mHz → Hz, PF/1000).
    /// </summary>
    public static class SiUnits
    {
        public static string Name(int quantity)
        {
            switch (quantity)
            {
                case Quantity.EnergyImportWh: return "energy_import_kwh";
                case Quantity.EnergyExportWh: return "energy_export_kwh";
                case Quantity.ReactiveEnergyImportVArh: return "reactive_energy_import_kvarh";
                case Quantity.ReactiveEnergyExportVArh: return "reactive_energy_export_kvarh";
                case Quantity.CurrentL1mA: return "current_l1_a";
                case Quantity.CurrentL2mA: return "current_l2_a";
                case Quantity.CurrentL3mA: return "current_l3_a";
                case Quantity.VoltageL1mV: return "voltage_l1_v";
                case Quantity.VoltageL2mV: return "voltage_l2_v";
                case Quantity.VoltageL3mV: return "voltage_l3_v";
                case Quantity.FrequencymHz: return "frequency_hz";
                case Quantity.PowerFactorL1Milli: return "power_factor_l1";
                case Quantity.PowerFactorL2Milli: return "power_factor_l2";
                case Quantity.PowerFactorL3Milli: return "power_factor_l3";
                default: return Quantity.Name(quantity); // W, VAr and VA already carry their unit
            }
        }

        /// <summary>Decimal places after scaling (3 for the milli- and kilo- conversions, else 0).</summary>
        public static int Decimals(int quantity)
        {
            switch (quantity)
            {
                case Quantity.EnergyImportWh:
                case Quantity.EnergyExportWh:
                case Quantity.ReactiveEnergyImportVArh:
                case Quantity.ReactiveEnergyExportVArh:
                case Quantity.CurrentL1mA:
                case Quantity.CurrentL2mA:
                case Quantity.CurrentL3mA:
                case Quantity.VoltageL1mV:
                case Quantity.VoltageL2mV:
                case Quantity.VoltageL3mV:
                case Quantity.FrequencymHz:
                case Quantity.PowerFactorL1Milli:
                case Quantity.PowerFactorL2Milli:
                case Quantity.PowerFactorL3Milli:
                    return 3;
                default:
                    return 0;
            }
        }

        /// <summary>Unit text for display and Home Assistant (unit_of_measurement).</summary>
        public static string Unit(int quantity)
        {
            switch (quantity)
            {
                case Quantity.EnergyImportWh:
                case Quantity.EnergyExportWh:
                    return "kWh";
                case Quantity.ReactiveEnergyImportVArh:
                case Quantity.ReactiveEnergyExportVArh:
                    return "kvarh";
                case Quantity.CurrentL1mA:
                case Quantity.CurrentL2mA:
                case Quantity.CurrentL3mA:
                    return "A";
                case Quantity.VoltageL1mV:
                case Quantity.VoltageL2mV:
                case Quantity.VoltageL3mV:
                    return "V";
                case Quantity.FrequencymHz:
                    return "Hz";
                case Quantity.PowerFactorL1Milli:
                case Quantity.PowerFactorL2Milli:
                case Quantity.PowerFactorL3Milli:
                    return "";
                case Quantity.ReactivePowerImportVAr:
                case Quantity.ReactivePowerExportVAr:
                    return "var";
                case Quantity.ApparentPowerVA:
                    return "VA";
                default:
                    return "W";
            }
        }

        /// <summary>
        /// Writes every quantity as "name": value in SI-style units into the open object, null when
        /// unavailable (shared by /api/v1/reading and the MQTT state topic).
        /// </summary>
        public static void WriteValues(JsonWriter w, MeterReading? r, long now)
        {
            for (int q = 0; q < Quantity.Count; q++)
            {
                w.Name(Name(q));
                if (r != null && r.IsAvailable(q, now))
                {
                    w.Fixed(r.Value(q), Decimals(q));
                }
                else
                {
                    w.Null();
                }
            }
        }
    }
}
