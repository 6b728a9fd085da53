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

        /// <summary>Writes the body; <see cref="ApiRouter"/> chooses the writer (a chunked HTTP body, or a string for tests).</summary>
        public static void Write(ModuleContext context, TextOut sb)
        {
            long now = context.Clock.NowMs;
            MeterReading? r = context.Reading;

            Family(sb, "nesmep_build_info", "gauge", "Module software; the value is always 1.");
            sb.Append("nesmep_build_info{version=\"");
            Label(sb, context.Info.Version);
            sb.Append("\",platform=\"");
            Label(sb, context.Info.Platform);
            sb.Append("\"} 1\n");
            Family(sb, "nesmep_uptime_seconds", "gauge", "Seconds since the module started.");
            Sample(sb, "nesmep_uptime_seconds", null, now - context.StartedMs, 3);
            if (context.Info.Memory != null && context.Info.Memory.FreeBytes >= 0)
            {
                Family(sb, "nesmep_free_memory_bytes", "gauge", "Free managed heap at the device's last sample.");
                Sample(sb, "nesmep_free_memory_bytes", null, context.Info.Memory.FreeBytes, 0);
            }

            Family(sb, "nesmep_link_up", "gauge", "1 when the meter sent a verified reply in the last 10 s.");
            Sample(sb, "nesmep_link_up", null, context.LinkUp(now) ? 1 : 0, 0);

            // Each family, then its quantities in id order (QuantityTable: family, labels, scale).
            for (int f = 0; f < QuantityTable.FamilyCount; f++)
            {
                string name = QuantityTable.FamilyName(f);
                Family(sb, name, QuantityTable.FamilyType(f), QuantityTable.FamilyHelp(f));
                for (int q = 0; q < Quantity.Count; q++)
                {
                    if (QuantityTable.MetricFamily(q) == f && r != null && r.IsAvailable(q, now))
                    {
                        Sample(sb, name, QuantityTable.MetricLabels(q), r.Value(q), QuantityTable.FamilyDecimals(f));
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
                        // The label written in pieces: a concatenated string per quantity was most of this body's garbage.
                        sb.Append("nesmep_value_age_seconds{quantity=\"").Append(QuantityTable.Key(q)).Append("\"}");
                        Value(sb, age, 3);
                    }
                }
            }

            MeterPoller? poller = context.Poller;
            if (poller != null)
            {
                ITableService link = poller.Link;
                LinkCounters c = link.Counters;
                Family(sb, "nesmep_link_info", "gauge", "The meter port read; the value is always 1.");
                sb.Append("nesmep_link_info{link=\"").Append(link.LinkName).Append("\"} 1\n");
                Counter(sb, "nesmep_link_requests_total", "Request frames sent, resends included.", c.Requests);
                Counter(sb, "nesmep_link_completed_ok_total", "Requests answered successfully.", c.CompletedOk);
                Counter(sb, "nesmep_link_retransmits_total", "Resends after a silent timeout, a rejected reply or a NAK.", c.Retransmits);
                Counter(sb, "nesmep_link_timeouts_total", "Requests that got no reply within the response timeout.", c.Timeouts);
                Counter(sb, "nesmep_link_digest_failures_total", "Replies rejected by the integrity check (MEP digest, optical CRC or checksum).", c.IntegrityFailures);
                Counter(sb, "nesmep_link_transceiver_resets_total", "Transceiver power cycles (MEP) or fresh sessions (optical) after errors.", c.TransceiverResets);
                Counter(sb, "nesmep_link_abandoned_total", "Requests given up after their retry limits.", c.Abandoned);
                Counter(sb, "nesmep_link_alerts_total", "Alert sequences (00 00) from the meter (MEP only).", Specific(c, "alerts"));
                Family(sb, "nesmep_link_specific_total", "counter", "The link's own counters by name (docs/api.md).");
                for (int i = 0; i < c.SpecificCount; i++)
                {
                    sb.Append("nesmep_link_specific_total{link=\"").Append(link.LinkName).Append("\",counter=\"").Append(c.SpecificName(i)).Append("\"}");
                    Value(sb, c.SpecificValue(i), 0);
                }

                Family(sb, "nesmep_link_meter_errors_total", "counter", "Error replies from the meter by kind.");
                Sample(sb, "nesmep_link_meter_errors_total", "code=\"0x0b\"", c.AuthenticationFailures, 0);
                Sample(sb, "nesmep_link_meter_errors_total", "code=\"0x0c\"", Specific(c, "sequence_errors_0x0c"), 0);
                Sample(sb, "nesmep_link_meter_errors_total", "code=\"other\"", c.ErrorReplies, 0);
            }

            if (r != null)
            {
                Family(sb, "nesmep_energy_rejected_total", "counter", "Energy readings rejected by the plausibility check.");
                Sample(sb, "nesmep_energy_rejected_total", "direction=\"import\",reason=\"decrease\"", r.ImportFilter.Decreases, 0);
                Sample(sb, "nesmep_energy_rejected_total", "direction=\"import\",reason=\"jump\"", r.ImportFilter.Jumps, 0);
                Sample(sb, "nesmep_energy_rejected_total", "direction=\"export\",reason=\"decrease\"", r.ExportFilter.Decreases, 0);
                Sample(sb, "nesmep_energy_rejected_total", "direction=\"export\",reason=\"jump\"", r.ExportFilter.Jumps, 0);
            }
        }

        /// <summary>The link's counter by that name, 0 when this link has none (the MEP-only series stay in place).</summary>
        private static long Specific(LinkCounters c, string name)
        {
            int i = c.IndexOfSpecific(name);
            return i < 0 ? 0 : c.SpecificValue(i);
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

        private static void Sample(TextOut sb, string name, string? labels, long value, int decimals)
        {
            sb.Append(name);
            if (labels != null)
            {
                sb.Append('{').Append(labels).Append('}');
            }

            Value(sb, value, decimals);
        }

        /// <summary>The end of a sample line: " value\n".</summary>
        private static void Value(TextOut sb, long value, int decimals)
        {
            sb.Append(' ');
            JsonWriter.AppendFixed(sb, value, decimals);
            sb.Append('\n');
        }

        /// <summary>A label value with the escapes of the exposition format, written straight to the body.</summary>
        private static void Label(TextOut sb, string value)
        {
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
        }
    }
}
