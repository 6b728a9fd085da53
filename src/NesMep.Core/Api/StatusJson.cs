using NesMep.Core.Json;
using NesMep.Core.Link;
using NesMep.Core.Model;
using NesMep.Core.Polling;
using NesMep.Core.Tables;

namespace NesMep.Core.Api
{
    /// <summary>GET /api/v1/status: link health, counters, last errors by name, schedule (docs/api.md).</summary>
    public static class StatusJson
    {
        /// <summary>Writes the body; <see cref="ApiRouter"/> chooses the writer (a chunked HTTP body, or a string for tests).</summary>
        public static void Write(ModuleContext context, JsonWriter w)
        {
            long now = context.Clock.NowMs;
            MeterPoller? poller = context.Poller;
            w.BeginObject();
            w.Property("timestamp", IsoTime.Format(context.Clock.UtcNow));
            w.Property("link_state", context.LinkStateName(now));
            w.Name("uptime_s").Fixed(now - context.StartedMs, 3);
            if (context.Info.Memory != null && context.Info.Memory.FreeBytes >= 0)
            {
                w.Property("free_memory_bytes", context.Info.Memory.FreeBytes);
            }

            if (context.Info.Boot != null)
            {
                w.Name("boot");
                context.Info.Boot.WriteJson(w);
            }

            if (poller == null)
            {
                w.EndObject();
                return;
            }

            ITableService link = poller.Link;
            w.Property("phase", PhaseName(poller.Phase));
            w.Name("last_verified_reply_age_s");
            if (link.LastVerifiedReplyMs < 0)
            {
                w.Null();
            }
            else
            {
                w.Fixed(now - link.LastVerifiedReplyMs, 3);
            }

            w.Property("link", link.LinkName);
            w.Property("sequence_learned", link.SessionReady);
            w.Name("last_error");
            if (link.LastError == null)
            {
                w.Null();
            }
            else
            {
                w.String(link.LastError);
            }

            w.Name("last_response");
            if (link.Counters.CompletedOk + link.Counters.ErrorReplies + link.Counters.AuthenticationFailures == 0)
            {
                w.Null();
            }
            else
            {
                w.BeginObject();
                w.Property("code", (int)link.LastResponseCode);
                w.Property("name", link.LastResponseName);
                w.EndObject();
            }

            LinkCounters c = link.Counters;
            w.Name("counters").BeginObject();
            w.Property("requests", c.Requests);
            w.Property("completed_ok", c.CompletedOk);
            w.Property("retransmits", c.Retransmits);
            w.Property("timeouts", c.Timeouts);
            w.Property("integrity_failures", c.IntegrityFailures);
            w.Property("authentication_failures", c.AuthenticationFailures);
            w.Property("error_replies", c.ErrorReplies);
            w.Property("mismatched_replies", c.MismatchedReplies);
            w.Property("malformed_replies", c.MalformedReplies);
            w.Property("unsolicited_frames", c.UnsolicitedFrames);
            w.Property("transceiver_resets", c.TransceiverResets);
            w.Property("alerts_handled", poller.AlertsHandled);
            w.Property("abandoned", c.Abandoned);
            w.Property("decode_errors", poller.Reading.DecodeErrors);

            // The link's own counters also stay flat here, as before there was a second link (docs/api.md).
            Specific(w, c);
            w.EndObject();

            // The same, as the section of the link named by "link" (MEP or optical).
            w.Name("link_counters").BeginObject();
            Specific(w, c);
            w.EndObject();

            MeterReading r = poller.Reading;
            w.Name("energy_filter").BeginObject();
            Filter(w, "import", r.ImportFilter);
            Filter(w, "export", r.ExportFilter);
            w.EndObject();

            w.Name("reads").BeginArray();
            Item(w, poller.EnergyItem, now);
            for (int i = 0; i < poller.PowerReadCount; i++)
            {
                Item(w, poller.PowerItem(i), now);
            }

            for (int i = 0; i < poller.SlowReadCount; i++)
            {
                Item(w, poller.SlowItem(i), now);
            }

            w.EndArray();
            w.EndObject();
        }

        public static string PhaseName(PollPhase phase)
        {
            switch (phase)
            {
                case PollPhase.Starting:
                    return "starting";
                case PollPhase.Configuring:
                    return "configuring";
                default:
                    return "polling";
            }
        }

        private static void Specific(JsonWriter w, LinkCounters c)
        {
            for (int i = 0; i < c.SpecificCount; i++)
            {
                w.Name(c.SpecificName(i)).Number(c.SpecificValue(i));
            }
        }

        private static void Filter(JsonWriter w, string name, EnergyCounterFilter f)
        {
            w.Name(name).BeginObject();
            w.Property("rejected_decreases", f.Decreases);
            w.Property("rejected_jumps", f.Jumps);
            w.Property("rebaselines", f.Rebaselines);
            w.EndObject();
        }

        private static void Item(JsonWriter w, PollItem item, long now)
        {
            if (!item.Enabled)
            {
                return;
            }

            w.BeginObject();
            w.Property("name", item.Name);
            w.Property("table", TableIds.Name(item.Request.TableId));
            w.Property("offset", item.Request.Offset);
            w.Property("count", item.Request.Count);
            w.Property("interval_ms", item.IntervalMs);
            w.Name("last_ok_age_s");
            if (item.LastOkMs < 0)
            {
                w.Null();
            }
            else
            {
                w.Fixed(now - item.LastOkMs, 3);
            }

            w.Property("failures", item.Failures);
            w.Name("last_error");
            if (item.LastError == null)
            {
                w.Null();
            }
            else
            {
                w.String(item.LastError);
            }

            w.EndObject();
        }
    }
}
