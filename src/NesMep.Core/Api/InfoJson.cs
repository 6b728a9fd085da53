using NesMep.Core.Json;
using NesMep.Core.Model;
using NesMep.Core.Platform;
using NesMep.Core.Polling;
using NesMep.Core.Time;

namespace NesMep.Core.Api
{
    /// <summary>GET /api/v1/info: the module and the meter it reads (docs/api.md).</summary>
    public static class InfoJson
    {
        /// <summary>Writes the body; <see cref="ApiRouter"/> chooses the writer (a chunked HTTP body, or a string for tests).</summary>
        public static void Write(ModuleContext context, JsonWriter w)
        {
            long now = context.Clock.NowMs;
            w.BeginObject();
            w.Name("module").BeginObject();
            w.Property("name", context.Info.Name);
            w.Property("maker", context.Info.Maker);
            w.Property("version", context.Info.Version);
            w.Property("platform", context.Info.Platform);
            w.Property("hostname", context.Info.Hostname);
            w.Property("source", context.Info.Source);
            w.Name("uptime_s").Fixed(now - context.StartedMs, 3);
            w.Property("time", IsoTime.Format(context.Clock.UtcNow));
            w.Property("time_source", TimeSourceName(context.Clock));
            w.EndObject();

            w.Name("meter");
            MeterPoller? poller = context.Poller;
            if (poller == null)
            {
                w.Null();
            }
            else
            {
                MeterIdentity id = poller.Reading.Identity;
                MeterTableState t = poller.Tables;
                w.BeginObject();
                OptionalString(w, "manufacturer", id.Known ? id.Manufacturer : null);
                OptionalString(w, "model", id.Known ? id.Model : null);
                OptionalString(w, "firmware_version", id.Known ? id.FirmwareVersion : null);
                OptionalString(w, "firmware_legacy", id.Known ? id.FirmwareLegacy : null);
                OptionalString(w, "utility_serial", id.UtilitySerial.Length > 0 ? id.UtilitySerial : null);
                OptionalString(w, "clock", poller.Reading.HasMeterClock ? IsoTime.Format(poller.Reading.MeterClockNow(now)) : null);
                w.Name("layout");
                if (t.Dimensions.IsKnown || t.Dimensions.IsAssumed)
                {
                    w.BeginObject();
                    w.Property("assumed", t.Dimensions.IsAssumed);
                    w.Property("summations", t.Dimensions.SummationCount);
                    w.Property("tiers", t.Dimensions.Tiers);
                    w.Property("present_demands", t.Dimensions.PresentDemandCount);
                    w.Property("present_values", t.Dimensions.PresentValueCount);
                    w.Property("demand_reset_byte", t.Dimensions.DemandResetCounterPresent);
                    w.Property("time_remaining", t.Dimensions.TimeRemainingPresent);
                    w.Property("bt22_default_order", !t.Summations.IsKnown || t.Summations.IsDefaultOrder);
                    w.Property("bt27_default_order", !t.PresentValues.IsKnown || t.PresentValues.IsDefaultOrder);
                    w.EndObject();
                }
                else
                {
                    w.Null();
                }

                w.EndObject();
            }

            w.EndObject();
        }

        /// <summary>
        /// Where "time" comes from: the device's <see cref="WallClock"/> says (sntp, meter, or none before either
        /// answered); any other clock is the operating system's, which keeps its own time ("system", the Linux host).
        /// </summary>
        private static string TimeSourceName(IClock clock)
        {
            WallClock? wall = clock as WallClock;
            return wall == null ? "system" : TimeSource.Name(wall.Source);
        }

        private static void OptionalString(JsonWriter w, string name, string? value)
        {
            w.Name(name);
            if (value == null)
            {
                w.Null();
            }
            else
            {
                w.String(value);
            }
        }
    }
}
