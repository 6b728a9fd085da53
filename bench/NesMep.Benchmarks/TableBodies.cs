using NesMep.Core.Api;
using NesMep.Core.Json;
using NesMep.Core.Polling;
using NesMep.Core.Tables;
using NesMep.Core.Web;

namespace NesMep.Benchmarks;

/// <summary>
/// Issue 10's "table JSON" row: the raw console's body (GET /api/v1/console: both frames in hex, their description
/// and the decoded table) after a full read of each table the Gen 3 bench meter serves, written the way the
/// dispatcher writes it (the console's streamed view into a request slot's 1 KB chunk buffer), and the decoded
/// BT28 alone through TableJson. Prints the body size, the chunk buffer's peak and the bytes allocated per body
/// next to building the same body as one string. net10 proxies (the nanoCLR allocated about 2x).
/// </summary>
public static class TableBodies
{
    private const int Repeats = 20;
    private static readonly int[] Tables = [TableIds.BT01, TableIds.BT21, TableIds.BT23, TableIds.BT28, TableIds.ET03];

    public static Report Run()
    {
        var r = new Report();
        PollHarness h = PollHarness.Steady(20, out ModuleContext context);
        WebApp app = HttpBodies.NewApp(h);
        object gate = new();
        r.Line($"table json: the raw console's body after a full read, streamed into a {BodyWriter.DefaultChunkBytes} B request-slot buffer, Gen 3 meter, net10 proxies " +
               "(nanoCLR allocated about 2x; it measured 45.8 KB of garbage for BT28's table JSON; target <= 2 KB)");
        foreach (int table in Tables)
        {
            string name = TableIds.Name(table);
            if (!Read(h, app, context, name))
            {
                r.Line($"  console {name}: the read did not finish");
                continue;
            }

            Measure(r, "console " + name, slot => app.Console.View(app, gate, context).WriteJson(slot.Json), () => app.Console.Describe(context));
        }

        byte[] bt28 = h.Tables.Bt28;
        MeterTableState t = h.Poller.Tables;
        Measure(r, "table BT28 json", slot =>
        {
            TableJson.TryWrite(TableIds.BT28, bt28, 0, bt28.Length, 0, t.Dimensions, t.PresentValues, t.Summations, slot.Json, out _);
        }, () =>
        {
            var w = new JsonWriter();
            TableJson.TryWrite(TableIds.BT28, bt28, 0, bt28.Length, 0, t.Dimensions, t.PresentValues, t.Summations, w, out _);
            return w.ToString();
        });
        return r;
    }

    /// <summary>Queues a console read of the whole table and polls until it is done.</summary>
    private static bool Read(PollHarness h, WebApp app, ModuleContext context, string table)
    {
        FormBody form = FormBody.Parse("op=read&table=" + table, out _)!;
        if (app.Console.Start(form, context).Status != 202)
        {
            return false;
        }

        for (int i = 0; i < 5000 && !Done(app, context); i++)
        {
            h.Step(1);
        }

        return Done(app, context);
    }

    private static bool Done(WebApp app, ModuleContext context)
    {
        return app.Console.Describe(context).Contains("\"state\":\"done\"", StringComparison.Ordinal);
    }

    private static void Measure(Report r, string name, Action<RequestSlot> write, Func<string> asString)
    {
        var slot = new RequestSlot(BodyWriter.DefaultChunkBytes);
        var sink = new HttpBodies.CountingSink();
        Body(slot, sink, write);
        long a0 = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Repeats; i++)
        {
            Body(slot, sink, write);
        }

        long streamed = (GC.GetAllocatedBytesForCurrentThread() - a0) / Repeats;
        asString();
        long b0 = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Repeats; i++)
        {
            GC.KeepAlive(asString());
        }

        long before = (GC.GetAllocatedBytesForCurrentThread() - b0) / Repeats;
        r.Figure(name, (sink.Bytes / (Repeats + 1)).ToString("N0"),
            $"B; chunk buffer peak {slot.Body.PeakBytes:N0} B; allocated {streamed:N0} B per body (as one string: {before:N0} B)");
        Budget.Body(name, slot.Body.PeakBytes, streamed, streamed);
    }

    private static void Body(RequestSlot slot, IResponseSink sink, Action<RequestSlot> write)
    {
        slot.Body.Begin(sink);
        slot.Json.Reset();
        write(slot);
        slot.Body.Flush();
    }
}
