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

        public static string Build(ModuleContext context)
        {
            long now = context.Clock.NowMs;
            StringBuilder sb = new StringBuilder(4096);
            MeterReading r = context.Reading;

            Family(sb, "nesmep_build_info", "gauge", "Module software; the value is always 1.");
            sb.Append("nesmep_build_info{version=\"").Append(Label(context.Info.Version)).Append("\",platform=\"")
              .Append(Label(context.Info.Platform)).Append("\"} 1\n");
            Family(sb, "nesmep_uptime_seconds", "gauge", "Seconds since the module started.");
            Sample(sb, "nesmep_uptime_seconds", null, now - context.StartedMs, 3);
            Family(sb, "nesmep_link_up", "gauge", "1 when the meter sent a verified reply in the last 10 s.");
            Sample(sb, "nesmep_link_up", null, context.LinkUp(now) ? 1 : 0, 0);

            Family(sb, "nesmep_energy_watt_hours_total", "counter", "Active energy registers (BT23), Wh.");
            Value(sb, r, now, Quantity.EnergyImportWh, "nesmep_energy_watt_hours_total", "direction=\"import\"", 0);
            Value(sb, r, now, Quantity.EnergyExportWh, "nesmep_energy_watt_hours_total", "direction=\"export\"", 0);
            Family(sb, "nesmep_reactive_energy_var_hours_total", "counter", "Reactive energy registers (BT23), varh.");
            Value(sb, r, now, Quantity.ReactiveEnergyImportVArh, "nesmep_reactive_energy_var_hours_total", "direction=\"import\"", 0);
            Value(sb, r, now, Quantity.ReactiveEnergyExportVArh, "nesmep_reactive_energy_var_hours_total", "direction=\"export\"", 0);

            Family(sb, "nesmep_power_watts", "gauge", "Active power (BT28), W.");
            Value(sb, r, now, Quantity.PowerImportW, "nesmep_power_watts", "direction=\"import\",phase=\"total\"", 0);
            Value(sb, r, now, Quantity.PowerExportW, "nesmep_power_watts", "direction=\"export\",phase=\"total\"", 0);
            Value(sb, r, now, Quantity.PowerImportL1W, "nesmep_power_watts", "direction=\"import\",phase=\"l1\"", 0);
            Value(sb, r, now, Quantity.PowerImportL2W, "nesmep_power_watts", "direction=\"import\",phase=\"l2\"", 0);
            Value(sb, r, now, Quantity.PowerImportL3W, "nesmep_power_watts", "direction=\"import\",phase=\"l3\"", 0);
            Value(sb, r, now, Quantity.PowerExportL1W, "nesmep_power_watts", "direction=\"export\",phase=\"l1\"", 0);
            Value(sb, r, now, Quantity.PowerExportL2W, "nesmep_power_watts", "direction=\"export\",phase=\"l2\"", 0);
            Value(sb, r, now, Quantity.PowerExportL3W, "nesmep_power_watts", "direction=\"export\",phase=\"l3\"", 0);
            Family(sb, "nesmep_average_power_watts", "gauge", "Average active power (BT28), W.");
            Value(sb, r, now, Quantity.AvgPowerImportW, "nesmep_average_power_watts", "direction=\"import\",phase=\"total\"", 0);
            Value(sb, r, now, Quantity.AvgPowerExportW, "nesmep_average_power_watts", "direction=\"export\",phase=\"total\"", 0);
            Value(sb, r, now, Quantity.AvgPowerImportL1W, "nesmep_average_power_watts", "direction=\"import\",phase=\"l1\"", 0);
            Value(sb, r, now, Quantity.AvgPowerImportL2W, "nesmep_average_power_watts", "direction=\"import\",phase=\"l2\"", 0);
            Value(sb, r, now, Quantity.AvgPowerImportL3W, "nesmep_average_power_watts", "direction=\"import\",phase=\"l3\"", 0);
            Value(sb, r, now, Quantity.AvgPowerExportL1W, "nesmep_average_power_watts", "direction=\"export\",phase=\"l1\"", 0);
            Value(sb, r, now, Quantity.AvgPowerExportL2W, "nesmep_average_power_watts", "direction=\"export\",phase=\"l2\"", 0);
            Value(sb, r, now, Quantity.AvgPowerExportL3W, "nesmep_average_power_watts", "direction=\"export\",phase=\"l3\"", 0);
            Family(sb, "nesmep_voltage_volts", "gauge", "RMS voltage per phase, V.");
            Value(sb, r, now, Quantity.VoltageL1mV, "nesmep_voltage_volts", "phase=\"l1\"", 3);
            Value(sb, r, now, Quantity.VoltageL2mV, "nesmep_voltage_volts", "phase=\"l2\"", 3);
            Value(sb, r, now, Quantity.VoltageL3mV, "nesmep_voltage_volts", "phase=\"l3\"", 3);
            Family(sb, "nesmep_current_amperes", "gauge", "RMS current per phase, A.");
            Value(sb, r, now, Quantity.CurrentL1mA, "nesmep_current_amperes", "phase=\"l1\"", 3);
            Value(sb, r, now, Quantity.CurrentL2mA, "nesmep_current_amperes", "phase=\"l2\"", 3);
            Value(sb, r, now, Quantity.CurrentL3mA, "nesmep_current_amperes", "phase=\"l3\"", 3);
            Family(sb, "nesmep_frequency_hertz", "gauge", "Grid frequency, Hz.");
            Value(sb, r, now, Quantity.FrequencymHz, "nesmep_frequency_hertz", null, 3);
            Family(sb, "nesmep_power_factor", "gauge", "Power factor per phase.");
            Value(sb, r, now, Quantity.PowerFactorL1Milli, "nesmep_power_factor", "phase=\"l1\"", 3);
            Value(sb, r, now, Quantity.PowerFactorL2Milli, "nesmep_power_factor", "phase=\"l2\"", 3);
            Value(sb, r, now, Quantity.PowerFactorL3Milli, "nesmep_power_factor", "phase=\"l3\"", 3);
            Family(sb, "nesmep_reactive_power_var", "gauge", "Reactive power, var.");
            Value(sb, r, now, Quantity.ReactivePowerImportVAr, "nesmep_reactive_power_var", "direction=\"import\"", 0);
            Value(sb, r, now, Quantity.ReactivePowerExportVAr, "nesmep_reactive_power_var", "direction=\"export\"", 0);
            Family(sb, "nesmep_apparent_power_va", "gauge", "Apparent power, VA.");
            Value(sb, r, now, Quantity.ApparentPowerVA, "nesmep_apparent_power_va", null, 0);

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

            MeterPoller poller = context.Poller;
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

            return sb.ToString();
        }

        private static void Family(StringBuilder sb, string name, string type, string help)
        {
            sb.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
            sb.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        }

        private static void Counter(StringBuilder sb, string name, string help, long value)
        {
            Family(sb, name, "counter", help);
            Sample(sb, name, null, value, 0);
        }

        private static void Value(StringBuilder sb, MeterReading r, long now, int quantity, string name, string labels, int decimals)
        {
            if (r != null && r.IsAvailable(quantity, now))
            {
                Sample(sb, name, labels, r.Value(quantity), decimals);
            }
        }

        private static void Sample(StringBuilder sb, string name, string labels, long value, int decimals)
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
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
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
