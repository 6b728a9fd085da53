using NesMep.Core.Mqtt;
using NesMep.Core.NanoTests.Support;
using nanoFramework.TestFramework;

namespace NesMep.Core.NanoTests
{
    /// <summary>
    /// Every MQTT payload kind built by the publisher's <see cref="MqttPayloadBuilder"/> (its bounded, reused
    /// buffer) on a reading populated by 30 virtual seconds against the loopback meter: state, the five Dabbler
    /// bodies, diagnostics, every discovery config and the availability text. Issue 10's budget: at most 2 KB of
    /// garbage per payload beyond the exact-size byte[] the MQTT client publishes, whatever the payload's size.
    /// The payloads are kept alive between the readings and the cost of an array of their length is taken off,
    /// so on both runtimes the figure is the payload's cost beyond its array: under the net10 runner every byte
    /// allocated (garbage included); on a board or the nanoclr virtual device what a compacting collection
    /// leaves (memory kept), with the printed line giving the free heap around the payloads.
    /// </summary>
    [TestClass]
    public class MqttPayloadMemoryTests
    {
        /// <summary>Issue 10's "garbage per body" target.</summary>
        private const uint GarbageBudgetBytes = 2048;

        /// <summary>Payloads built between the two readings; the figure is their mean.</summary>
        private const int Repeats = 4;

        [TestMethod]
        public void State_payload_is_built_within_the_memory_budget()
        {
            var rig = new MqttRig();
            Check("state", rig, MqttRig.KindState, 0);
        }

        [TestMethod]
        public void Dabbler_payloads_are_built_within_the_memory_budget()
        {
            var rig = new MqttRig();
            for (int topic = 0; topic < MqttRig.DabblerTopics; topic++)
            {
                Check("dabbler " + topic, rig, MqttRig.KindDabbler, topic);
            }
        }

        [TestMethod]
        public void Diagnostics_payload_is_built_within_the_memory_budget()
        {
            var rig = new MqttRig();
            Check("diagnostics", rig, MqttRig.KindDiagnostics, 0);
        }

        [TestMethod]
        public void Every_discovery_config_is_built_within_the_memory_budget()
        {
            var rig = new MqttRig();
            for (int i = 0; i < HaDiscovery.Count; i++)
            {
                Check("config " + HaDiscovery.Entity(i).ObjectId, rig, MqttRig.KindConfig, i);
            }
        }

        [TestMethod]
        public void Availability_payload_costs_its_array_only()
        {
            var rig = new MqttRig();
            Check("availability", rig, MqttRig.KindAvailability, 0);
        }

        [TestMethod]
        public void A_payload_larger_than_the_buffer_is_written_into_its_exact_array()
        {
            // A 512-byte buffer: the state body (about 0.9 KB) takes the second pass, straight into its array.
            var rig = new MqttRig(512);
            byte[] small = rig.Build(MqttRig.KindState, 0);
            var big = new MqttRig();
            byte[] whole = big.Build(MqttRig.KindState, 0);
            Assert.AreEqual(whole.Length, small.Length, "same payload through either path");
            for (int i = 0; i < whole.Length; i++)
            {
                Assert.AreEqual(whole[i], small[i], "byte " + i);
            }

            Assert.IsTrue(rig.Builder.SecondPasses > 0, "the second pass was taken");
            Assert.IsTrue(rig.Builder.PeakBytes <= rig.Builder.BufferBytes, "buffer peak " + rig.Builder.PeakBytes + " B");
            Check("state through a 512 B buffer", rig, MqttRig.KindState, 0);
        }

        private static void Check(string name, MqttRig rig, int kind, int index)
        {
            byte[] first = rig.Build(kind, index); // first use: lazy tables, JIT on net10
            Assert.IsNotNull(first, name + ": built");
            uint arrayCost = ArrayCost(first.Length);
            var kept = new byte[Repeats][];
            uint freeBefore = MemoryProbe.FreeBytes();
            for (int i = 0; i < Repeats; i++)
            {
                kept[i] = rig.Build(kind, index);
            }

            uint freeAfter = MemoryProbe.FreeBytes();
            uint used = freeAfter >= freeBefore ? 0 : freeBefore - freeAfter;
            uint arrays = arrayCost * Repeats;
            uint perPayload = used <= arrays ? 0 : (used - arrays) / Repeats;
            OutputHelper.WriteLine("mqtt " + name + ": " + first.Length + " B payload, buffer " + rig.Builder.BufferBytes + " B (peak " +
                rig.Builder.PeakBytes + " B), array " + arrayCost + " B, free before " + freeBefore + " B, after " + freeAfter + " B: " +
                perPayload + " B per payload beyond its array");
            for (int i = 0; i < Repeats; i++)
            {
                Assert.AreEqual(first.Length, kept[i].Length, name + ": the same payload each time");
            }

            Assert.IsTrue(perPayload <= GarbageBudgetBytes, name + ": " + perPayload + " B per payload, budget " + GarbageBudgetBytes + " B");
            Assert.IsTrue(rig.Builder.PeakBytes <= rig.Builder.BufferBytes, name + ": buffer peak " + rig.Builder.PeakBytes + " B");
        }

        /// <summary>What an array of <paramref name="length"/> bytes costs, read with the same probe (kept alive while read).</summary>
        private static uint ArrayCost(int length)
        {
            uint before = MemoryProbe.FreeBytes();
            byte[] probe = new byte[length];
            uint after = MemoryProbe.FreeBytes();
            Assert.AreEqual(length, probe.Length);
            return after >= before ? 0 : before - after;
        }
    }
}
