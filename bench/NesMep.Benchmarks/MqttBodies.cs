using System.Text;
using NesMep.Core.Api;
using NesMep.Core.Mqtt;

namespace NesMep.Benchmarks;

/// <summary>
/// Issue 10's per-body rows for the MQTT payloads: every payload kind the publisher sends (state, the five Dabbler
/// bodies, diagnostics, each discovery config, availability and the will's "Online") built by the publisher's
/// <see cref="MqttPayloadBuilder"/> on a Gen 3 meter once polling is steady. Prints the payload size, the most
/// bytes the builder's bounded buffer held, and the bytes allocated per payload beyond the exact-size byte[] the
/// MQTT client publishes (garbage; after one warm-up build), next to what building the payload as a string and
/// encoding it allocated (the way every payload was built before the builder). net10 proxies: the nanoCLR
/// allocated about twice what net10 did.
/// </summary>
public static class MqttBodies
{
    private const int Repeats = 20;

    public static Report Run()
    {
        var r = new Report();
        PollHarness h = PollHarness.Steady(200, out ModuleContext context);
        var settings = new MqttSettings { Host = "broker", ClientId = "bench" };
        var topics = new MqttTopics(settings);
        var wifi = new BenchWifi();
        string serial = h.Reading.Identity.UtilitySerial;
        long now = h.Clock.NowMs;
        var boot = new DateTime(2026, 12, 2, 6, 0, 0, DateTimeKind.Utc);
        r.Line($"mqtt payloads: the publisher's {MqttPayloadBuilder.DefaultBufferBytes} B payload buffer, Gen 3 meter (serial {serial}), net10 proxies " +
               "(nanoCLR allocated about 2x; issue 10 targets: peak <= 4 KB, garbage <= 2 KB per body; garbage = allocated beyond the exact payload array)");

        Measure(r, "state", b => b.State(h.Reading, now), () => MqttPayloads.State(h.Reading, now));
        Dabbler(r, h, now, "dabbler sensors", MqttPayloads.SensorsKeys, MqttPayloads.SensorsQuantities);
        Dabbler(r, h, now, "dabbler total", MqttPayloads.TotalKeys, MqttPayloads.TotalQuantities);
        Dabbler(r, h, now, "dabbler fwd", MqttPayloads.FwdKeys, MqttPayloads.FwdQuantities);
        Dabbler(r, h, now, "dabbler rev", MqttPayloads.RevKeys, MqttPayloads.RevQuantities);
        Dabbler(r, h, now, "dabbler frequency", MqttPayloads.FrequencyKeys, MqttPayloads.FrequencyQuantities);
        Measure(r, "diagnostics", b => b.Diagnostics(context, now, wifi, boot), () => MqttPayloads.Diagnostics(context, now, wifi, boot));
        for (int i = 0; i < HaDiscovery.Count; i++)
        {
            int index = i;
            Measure(r, "config " + HaDiscovery.Entity(i).ObjectId, b => b.Config(index, settings, topics, context, serial),
                () => HaDiscovery.Config(index, settings, topics, context, serial));
        }

        // Constant texts: encoded straight into their exact array, nothing else.
        Measure(r, "availability", _ => Encoding.UTF8.GetBytes(MqttTopics.AvailabilityOnline), () => MqttTopics.AvailabilityOnline);
        Measure(r, "lwt", _ => Encoding.UTF8.GetBytes(MqttTopics.LwtOnline), () => MqttTopics.LwtOnline);
        return r;
    }

    private static void Dabbler(Report r, PollHarness h, long now, string name, string[] keys, int[] quantities)
    {
        Measure(r, name, b => b.Dabbler(h.Reading, now, keys, quantities) ?? [], () => MqttPayloads.Dabbler(h.Reading, now, keys, quantities) ?? "");
    }

    /// <summary>One payload kind: its own builder (so the peak is this kind's), a warm-up build, then the mean of <see cref="Repeats"/>.</summary>
    private static void Measure(Report r, string name, Func<MqttPayloadBuilder, byte[]> build, Func<string> asString)
    {
        var builder = new MqttPayloadBuilder(MqttPayloadBuilder.DefaultBufferBytes);
        byte[] payload = build(builder);
        long exact = ArrayCost(payload.Length);
        long a0 = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Repeats; i++)
        {
            GC.KeepAlive(build(builder));
        }

        long garbage = ((GC.GetAllocatedBytesForCurrentThread() - a0) / Repeats) - exact;
        Encoding.UTF8.GetBytes(asString());
        long b0 = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Repeats; i++)
        {
            GC.KeepAlive(Encoding.UTF8.GetBytes(asString()));
        }

        long before = ((GC.GetAllocatedBytesForCurrentThread() - b0) / Repeats) - exact;
        int peak = builder.PeakBytes;
        r.Figure("mqtt " + name, payload.Length.ToString("N0"),
            $"B; buffer peak {peak:N0} B{(builder.SecondPasses > 0 ? " (two passes)" : "")}; garbage {garbage:N0} B (as a string: {before:N0} B)");
        Budget.Body("mqtt " + name, peak + exact, garbage, garbage);
    }

    /// <summary>Bytes a byte[] of <paramref name="length"/> costs on this runtime (header and padding included).</summary>
    internal static long ArrayCost(int length)
    {
        long a0 = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(new byte[length]);
        return GC.GetAllocatedBytesForCurrentThread() - a0;
    }

    private sealed class BenchWifi : IWifiSignal
    {
        public bool TryGetRssi(out int dbm)
        {
            dbm = -61;
            return true;
        }
    }
}
