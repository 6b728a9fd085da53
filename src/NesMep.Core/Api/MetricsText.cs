using System.Text;
using NesMep.Core.Json;
using NesMep.Core.Link;
using NesMep.Core.Model;
using NesMep.Core.Polling;

namespace NesMep.Core.Api
{
    /// <summary>
    /// GET /metrics in the Prometheus text exposition format (version 0.0.4). Energy registers are
    /// _total counters; power, voltage, current, frequency and power factor are gauges in base SI
    /// units. Unavailable values are left out rather than exported as 0.
    /// </summary>
    public static class MetricsText
    {
        public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

        // Value families in exposition order; the first two are counters. Decimals scale the meter's
        // integers to base units (mV → V, mA → A, mHz → Hz, PF/1000).
        private static readonly string[] FamilyNames =
        {
            "nesmep_energy_watt_hours_total", "nesmep_reactive_energy_var_hours_total", "nesmep_power_watts",
            "nesmep_average_power_watts", "nesmep_voltage_volts", "nesmep_current_amperes", "nesmep_frequency_hertz",
            "nesmep_power_factor", "nesmep_reactive_power_var", "nesmep_apparent_power_va",
        };

        private static readonly string[] FamilyHelp =
        {
            "Active energy registers (BT23), Wh.", "Reactive energy registers (BT23), varh.", "Active power (BT28), W.",
            "Average active power (BT28), W.", "RMS voltage per phase, V.", "RMS current per phase, A.", "Grid frequency, Hz.",
            "Power factor per phase.", "Reactive power, var.", "Apparent power, VA.",
        };

        private static readonly int[] FamilyDecimals = { 0, 0, 0, 0, 3, 3, 3, 3, 0, 0 };

        private const string Import = "direction=\"import\"";
        private const string Export = "direction=\"export\"";
        private const string L1 = "phase=\"l1\"";
        private const string L2 = "phase=\"l2\"";
        private const string L3 = "phase=\"l3\"";

        // One row per exported quantity: the quantity, its family (index above) and its labels.
        private static readonly int[] SampleQuantities =
        {
            Quantity.EnergyImportWh, Quantity.EnergyExportWh, Quantity.ReactiveEnergyImportVArh, Quantity.ReactiveEnergyExportVArh,
            Quantity.PowerImportW, Quantity.PowerExportW, Quantity.PowerImportL1W, Quantity.PowerImportL2W, Quantity.PowerImportL3W,
            Quantity.PowerExportL1W, Quantity.PowerExportL2W, Quantity.PowerExportL3W,
            Quantity.AvgPowerImportW, Quantity.AvgPowerExportW, Quantity.AvgPowerImportL1W, Quantity.AvgPowerImportL2W,
            Quantity.AvgPowerImportL3W, Quantity.AvgPowerExportL1W, Quantity.AvgPowerExportL2W, Quantity.AvgPowerExportL3W,
            Quantity.VoltageL1mV, Quantity.VoltageL2mV, Quantity.VoltageL3mV, Quantity.CurrentL1mA, Quantity.CurrentL2mA,
            Quantity.CurrentL3mA, Quantity.FrequencymHz, Quantity.PowerFactorL1Milli, Quantity.PowerFactorL2Milli,
            Quantity.PowerFactorL3Milli, Quantity.ReactivePowerImportVAr, Quantity.ReactivePowerExportVAr, Quantity.ApparentPowerVA,
        };

        private static readonly int[] SampleFamilies =
        {
            0, 0, 1, 1,
            2, 2, 2, 2, 2, 2, 2, 2,
            3, 3, 3, 3, 3, 3, 3, 3,
            4, 4, 4, 5, 5, 5, 6, 7, 7, 7, 8, 8, 9,
        };

        private static readonly string?[] SampleLabels =
        {
            Import, Export, Import, Export,
            Import + ",phase=\"total\"", Export + ",phase=\"total\"", Import + "," + L1, Import + "," + L2, Import + "," + L3,
            Export + "," + L1, Export + "," + L2, Export + "," + L3,
            Import + ",phase=\"total\"", Export + ",phase=\"total\"", Import + "," + L1, Import + "," + L2, Import + "," + L3,
            Export + "," + L1, Export + "," + L2, Export + "," + L3,
            L1, L2, L3, L1, L2, L3, null, L1, L2, L3, Import, Export, null,
        };

        /// <summary>Writes the body; <see cref="ApiRouter"/> chooses the writer (a chunked HTTP body, or a string for tests).</summary>
        public static void Write(ModuleContext context, TextOut sb)
        {
            long now = context.Clock.NowMs;
            MeterReading? r = context.Reading;

            Family(sb, "nesmep_build_info", "gauge", "Module software; the value is always 1.");
            sb.Append("nesmep_build_info{version=\"").Append(Label(context.Info.Version)).Append("\",platform=\"")
              .Append(Label(context.Info.Platform)).Append("\"} 1\n");
            Family(sb, "nesmep_uptime_seconds", "gauge", "Seconds since the module started.");
            Sample(sb, "nesmep_uptime_seconds", null, now - context.StartedMs, 3);
            Family(sb, "nesmep_link_up", "gauge", "1 when the meter sent a verified reply in the last 10 s.");
            Sample(sb, "nesmep_link_up", null, context.LinkUp(now) ? 1 : 0, 0);

            for (int f = 0; f < FamilyNames.Length; f++)
            {
                Family(sb, FamilyNames[f], f < 2 ? "counter" : "gauge", FamilyHelp[f]);
                for (int i = 0; i < SampleQuantities.Length; i++)
                {
                    if (SampleFamilies[i] == f)
                    {
                        Value(sb, r, now, SampleQuantities[i], FamilyNames[f], SampleLabels[i], FamilyDecimals[f]);
                    }
                }
            }

            Family(sb, "nesmep_value_age_seconds", "gauge", "Age of each value since its last verified read.");
            if (r != null)
            {
                for (int q = 0; q < Quantity.Count; q++)
                {
                    long age = r.AgeMs(q, now);
                    if (age >= 0)
                    {
                        Sample(sb, "nesmep_value_age_seconds", "quantity=\"" + SiUnits.Name(q) + "\"", age, 3);
                    }
                }
            }

            MeterPoller? poller = context.Poller;
            if (poller != null)
            {
                LinkCounters c = poller.Link.Counters;
                Counter(sb, "nesmep_link_requests_total", "Request frames sent, resends included.", c.Requests);
                Counter(sb, "nesmep_link_retransmits_total", "Resends after a silent timeout or a rejected reply.", c.Retransmits);
                Counter(sb, "nesmep_link_timeouts_total", "Requests that got no reply within the response timeout.", c.Timeouts);
                Counter(sb, "nesmep_link_digest_failures_total", "Replies rejected because their digest did not verify.", c.DigestFailures);
                Counter(sb, "nesmep_link_transceiver_resets_total", "Transceiver power cycles after silent attempts.", c.TransceiverResets);
                Counter(sb, "nesmep_link_alerts_total", "Alert sequences (00 00) from the meter.", c.Alerts);
                Family(sb, "nesmep_link_meter_errors_total", "counter", "Error replies from the meter by kind.");
                Sample(sb, "nesmep_link_meter_errors_total", "code=\"0x0b\"", c.AuthenticationFailures, 0);
                Sample(sb, "nesmep_link_meter_errors_total", "code=\"0x0c\"", c.SequenceErrors, 0);
                Sample(sb, "nesmep_link_meter_errors_total", "code=\"other\"", c.ErrorReplies, 0);
                Family(sb, "nesmep_energy_rejected_total", "counter", "Energy readings rejected by the plausibility check.");
                Sample(sb, "nesmep_energy_rejected_total", "direction=\"import\",reason=\"decrease\"", poller.Reading.ImportFilter.Decreases, 0);
                Sample(sb, "nesmep_energy_rejected_total", "direction=\"import\",reason=\"jump\"", poller.Reading.ImportFilter.Jumps, 0);
                Sample(sb, "nesmep_energy_rejected_total", "direction=\"export\",reason=\"decrease\"", poller.Reading.ExportFilter.Decreases, 0);
                Sample(sb, "nesmep_energy_rejected_total", "direction=\"export\",reason=\"jump\"", poller.Reading.ExportFilter.Jumps, 0);
            }
        }

        private static void Family(TextOut sb, string name, string type, string help)
        {
            sb.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
            sb.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        }

        private static void Counter(TextOut sb, string name, string help, long value)
        {
            Family(sb, name, "counter", help);
            Sample(sb, name, null, value, 0);
        }

        private static void Value(TextOut sb, MeterReading? r, long now, int quantity, string name, string? labels, int decimals)
        {
            if (r != null && r.IsAvailable(quantity, now))
            {
                Sample(sb, name, labels, r.Value(quantity), decimals);
            }
        }

        private static void Sample(TextOut sb, string name, string? labels, long value, int decimals)
        {
            sb.Append(name);
            if (labels != null)
            {
                sb.Append('{').Append(labels).Append('}');
            }

            sb.Append(' ');
            JsonWriter.AppendFixed(sb, value, decimals);
            sb.Append('\n');
        }

        private static string Label(string value)
        {
            StringBuilder sb = new StringBuilder(value.Length);
            char[] chars = value.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (c == '\\' || c == '"')
                {
                    sb.Append('\\');
                }

                if (c == '\n')
                {
                    sb.Append("\\n");
                    continue;
                }

                sb.Append(c);
            }

            return sb.ToString();
        }
    }
}
