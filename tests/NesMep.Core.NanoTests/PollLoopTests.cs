using NesMep.Core.Model;
using NesMep.Core.NanoTests.Support;
using NesMep.Core.Tests.Fixtures;
using nanoFramework.TestFramework;

namespace NesMep.Core.NanoTests
{
    /// <summary>
    /// The whole meter side of the module (link, poller, reading) against the loopback meter for a few
    /// hundred virtual request/reply cycles: what it publishes, and that steady cycles keep no memory.
    /// </summary>
    [TestClass]
    public class PollLoopTests
    {
        [TestMethod]
        public void The_loop_publishes_the_meter_registers_and_follows_them()
        {
            var rig = new PollRig();
            rig.Run(30000);
            long now = rig.Clock.NowMs;
            Assert.IsTrue(rig.Reading.IsAvailable(Quantity.EnergyImportWh, now), "import energy available");
            Assert.AreEqual(TableFixtures.Bt23Value(0, 0), rig.Reading.Value(Quantity.EnergyImportWh));
            Assert.IsTrue(rig.Reading.IsAvailable(Quantity.PowerImportW, now), "import power available");
            Assert.AreEqual(TableFixtures.Bt28DefaultValue(0), rig.Reading.Value(Quantity.PowerImportW));
            Assert.AreEqual(0, rig.Meter.Refused);

            rig.Tables.ImportWh = TableFixtures.Bt23Value(0, 0) + 25;
            rig.Run(10000);
            Assert.AreEqual(TableFixtures.Bt23Value(0, 0) + 25, rig.Reading.Value(Quantity.EnergyImportWh));
            Assert.IsTrue(rig.Meter.Requests > 30, "requests: " + rig.Meter.Requests);
        }

        [TestMethod]
        public void Steady_poll_cycles_keep_no_managed_memory()
        {
            var rig = new PollRig();

            // Configuration reads, the first power/energy/slow rounds and the hourly clock read are behind us
            // after two virtual minutes; what follows is the steady cycle.
            rig.Run(120000);
            int requestsBefore = rig.Meter.Requests;
            uint freeBefore = MemoryProbe.FreeBytes();
            rig.Run(120000);
            uint freeAfter = MemoryProbe.FreeBytes();
            int cycles = rig.Meter.Requests - requestsBefore;

            OutputHelper.WriteLine("steady cycles: " + cycles + ", free before " + freeBefore + " B, after " + freeAfter + " B");
            Assert.IsTrue(cycles > 100, "cycles: " + cycles);
            Assert.IsTrue(freeAfter >= freeBefore, "lost " + (freeBefore - freeAfter) + " B over " + cycles + " cycles");
        }
    }
}
