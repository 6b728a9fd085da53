using NesMep.Core.Json;
using NesMep.Core.NanoTests.Support;
using NesMep.Core.Polling;
using NesMep.Core.Tables;
using NesMep.Core.Web;
using nanoFramework.TestFramework;

namespace NesMep.Core.NanoTests
{
    /// <summary>
    /// Table JSON as the web console serves it: after a console read of a table from the loopback meter, the
    /// console's body (both frames in hex, their description, the decoded table) written the way the dispatcher
    /// writes GET /api/v1/console, through a request slot's bounded chunk buffer into a sink that keeps nothing;
    /// and the decoded BT28 and BT23 alone through TableJson. Issue 10's budget: at most 2 KB of garbage per body
    /// (BT28's table JSON measured 45.8 KB on a nanoCLR when it was built as strings). Under the net10 runner
    /// MemoryProbe counts every byte allocated in between; on a board or the nanoclr virtual device it reads the
    /// free heap after a compacting collection, and the printed line gives the real figures.
    /// </summary>
    [TestClass]
    public class TableJsonMemoryTests
    {
        /// <summary>Issue 10's "garbage per body" target.</summary>
        private const uint GarbageBudgetBytes = 2048;

        private const int Repeats = 4;

        [TestMethod]
        public void Console_body_of_a_BT28_read_streams_within_the_memory_budget()
        {
            CheckConsole("BT28");
        }

        [TestMethod]
        public void Console_body_of_a_BT23_read_streams_within_the_memory_budget()
        {
            CheckConsole("BT23");
        }

        [TestMethod]
        public void Console_body_of_a_BT01_read_streams_within_the_memory_budget()
        {
            CheckConsole("BT01");
        }

        [TestMethod]
        public void BT28_table_json_streams_within_the_memory_budget()
        {
            CheckTable(TableIds.BT28);
        }

        [TestMethod]
        public void BT23_table_json_streams_within_the_memory_budget()
        {
            CheckTable(TableIds.BT23);
        }

        private static void CheckConsole(string table)
        {
            var rig = new PollRig();
            rig.Run(30000);
            var host = new BareWebHost();
            var app = new WebApp(host, host, host, rig.Clock, null, new ModuleSettings(), "9.8.7");
            object gate = new object();
            string? error;
            FormBody? form = FormBody.Parse("op=read&table=" + table, out error);
            Assert.IsNotNull(form, "form: " + error);
            Assert.AreEqual(202, app.Console.Start(form!, rig.Context).Status, table + " queued");
            rig.Run(3000);
            string described = app.Console.Describe(rig.Context);
            Assert.IsTrue(described.IndexOf("\"state\":\"done\"") >= 0, table + ": " + described);
            Assert.IsTrue(described.IndexOf("\"decoded\":{\"table\":\"" + table + "\"") >= 0, table + " decoded: " + described);

            var slot = new RequestSlot(BodyWriter.DefaultChunkBytes);
            var sink = new DiscardSink();
            Serve(app, gate, rig, slot, sink); // first use
            long expected = System.Text.Encoding.UTF8.GetBytes(described).Length;
            Assert.AreEqual(expected, sink.Bytes, table + ": the streamed body is the described one");
            sink.Clear();
            uint freeBefore = MemoryProbe.FreeBytes();
            for (int i = 0; i < Repeats; i++)
            {
                Serve(app, gate, rig, slot, sink);
            }

            uint freeAfter = MemoryProbe.FreeBytes();
            Report("console " + table, slot, sink, freeBefore, freeAfter);
        }

        /// <summary>What HttpDispatcher does with the console's streamed view: begin the slot's body, write, flush.</summary>
        private static void Serve(WebApp app, object gate, PollRig rig, RequestSlot slot, DiscardSink sink)
        {
            slot.Body.Begin(sink);
            slot.Json.Reset();
            app.Console.View(app, gate, rig.Context).WriteJson(slot.Json);
            slot.Body.Flush();
        }

        private static void CheckTable(int tableId)
        {
            var rig = new PollRig();
            rig.Run(30000);
            byte[] data = new byte[1024];
            int count = rig.Tables.Serve(tableId, 0, -1, data);
            MeterTableState t = rig.Poller.Tables;
            Assert.IsTrue(t.Dimensions.HasLayout, "BT21 read");
            var slot = new RequestSlot(BodyWriter.DefaultChunkBytes);
            var sink = new DiscardSink();
            Write(tableId, data, count, t, slot, sink); // first use
            sink.Clear();
            uint freeBefore = MemoryProbe.FreeBytes();
            for (int i = 0; i < Repeats; i++)
            {
                Write(tableId, data, count, t, slot, sink);
            }

            uint freeAfter = MemoryProbe.FreeBytes();
            Report("table " + TableIds.Name(tableId) + " json", slot, sink, freeBefore, freeAfter);
        }

        private static void Write(int tableId, byte[] data, int count, MeterTableState t, RequestSlot slot, DiscardSink sink)
        {
            slot.Body.Begin(sink);
            slot.Json.Reset();
            string? error;
            bool ok = TableJson.TryWrite(tableId, data, 0, count, 0, t.Dimensions, t.PresentValues, t.Summations, slot.Json, out error);
            slot.Body.Flush();
            Assert.IsTrue(ok, TableIds.Name(tableId) + ": " + error);
        }

        private static void Report(string name, RequestSlot slot, DiscardSink sink, uint freeBefore, uint freeAfter)
        {
            uint perBody = freeAfter >= freeBefore ? 0 : (freeBefore - freeAfter) / Repeats;
            long body = sink.Bytes / Repeats;
            BodyWriter buffer = slot.Body;
            OutputHelper.WriteLine(name + ": body " + body + " B in " + (sink.Writes / Repeats) + " writes (largest " + sink.LargestWrite +
                " B), chunk buffer " + buffer.ChunkBytes + " B (peak " + buffer.PeakBytes + " B), free before " + freeBefore + " B, after " +
                freeAfter + " B: " + perBody + " B per body");
            Assert.IsTrue(perBody <= GarbageBudgetBytes, name + ": " + perBody + " B per body, budget " + GarbageBudgetBytes + " B");
            Assert.IsTrue(buffer.PeakBytes <= buffer.ChunkBytes, name + ": buffer peak " + buffer.PeakBytes + " B");
            Assert.IsTrue(sink.LargestWrite <= buffer.ChunkBytes, name + ": a write of " + sink.LargestWrite + " B");
            if (body > buffer.ChunkBytes)
            {
                Assert.IsTrue(sink.Writes >= Repeats * 2, name + ": a " + body + " B body must leave in several chunks");
            }
        }
    }
}
