using System;
using NesMep.Core.Tables;
using NesMep.Core.Tests.Fixtures;
using nanoFramework.TestFramework;

namespace NesMep.Core.NanoTests
{
    /// <summary>The decoders on the shared BT21/BT23/BT27/BT28/BT52 fixtures, as the device decodes them.</summary>
    [TestClass]
    public class TableDecoderTests
    {
        private static Bt21Dimensions Dims(string hex)
        {
            byte[] b = TableFixtures.Bytes(hex);
            var d = new Bt21Dimensions();
            string? error;
            Assert.IsTrue(d.TryDecode(b, 0, b.Length, out error), error);
            return d;
        }

        private static int Source(Bt28PresentValues values, int source)
        {
            int value;
            Assert.IsTrue(values.TryGetBySource(source, out value), "source " + source);
            return value;
        }

        [TestMethod]
        public void Bt21_of_the_guide_and_of_a_gen3_meter()
        {
            Bt21Dimensions guide = Dims(TableFixtures.Bt21Guide);
            Assert.AreEqual(15, guide.SummationCount);
            Assert.AreEqual(8, guide.DemandCount);
            Assert.AreEqual(4, guide.Tiers);
            Assert.AreEqual(26, guide.PresentValueCount);
            Assert.IsTrue(guide.DemandResetCounterPresent);

            Bt21Dimensions gen3 = Dims(TableFixtures.Bt21Gen3);
            Assert.AreEqual(11, gen3.SummationCount);
            Assert.AreEqual(41, gen3.PresentValueCount);
            Assert.AreEqual(220, gen3.Bt23Size);
        }

        [TestMethod]
        public void Bt23_keeps_signed_registers_and_the_a4_example()
        {
            byte[] a4 = TableFixtures.Bytes(TableFixtures.Bt23A4);
            var r = new Bt23Registers();
            string? error;
            Assert.IsTrue(Bt23Registers.TryDecode(a4, 0, a4.Length, 0, Dims(TableFixtures.Bt21Gen3), null, r, out error), error);
            Assert.AreEqual(11, r.Count);
            Assert.AreEqual(0, r.FwdActiveWh);

            byte[] built = TableFixtures.BuildBt23(TableFixtures.Bt21Gen3);
            Assert.IsTrue(Bt23Registers.TryDecode(built, 0, built.Length, 0, Dims(TableFixtures.Bt21Gen3), null, r, out error), error);
            Assert.AreEqual(65845342, r.FwdActiveWh);
            Assert.AreEqual(-453, r.RevActiveWh);
        }

        [TestMethod]
        public void Bt28_values_are_located_through_a_non_default_bt27()
        {
            Bt21Dimensions dims = Dims(TableFixtures.Bt21SixValues);
            byte[] bt27 = TableFixtures.Bytes(TableFixtures.Bt27NonDefault);
            var selection = new Bt27Selection();
            string? error;
            Assert.IsTrue(selection.TryDecode(bt27, 0, bt27.Length, dims, out error), error);

            byte[] data = TableFixtures.Bt28NonDefault();
            var values = new Bt28PresentValues();
            Assert.IsTrue(Bt28PresentValues.TryDecode(data, 0, data.Length, 0, dims, selection, values, out error), error);
            Assert.AreEqual(432, Source(values, SourceIds.FwdActiveW));
            Assert.AreEqual(-120, Source(values, SourceIds.RevActiveW));
            Assert.AreEqual(50012, Source(values, SourceIds.Frequency));
            Assert.AreEqual(231000, Source(values, SourceIds.VoltageL3));
        }

        [TestMethod]
        public void Bt52_n1_is_2004_02_16_15_59_55_utc()
        {
            byte[] b = TableFixtures.Bytes(TableFixtures.Bt52N1);
            var clock = new Bt52Clock();
            string? error;
            Assert.IsTrue(clock.TryDecode(b, 0, b.Length, out error), error);
            Assert.IsTrue(clock.Utc == new DateTime(2004, 2, 16, 15, 59, 55), clock.Utc.ToString("o"));
            Assert.IsTrue(clock.Utc.Kind == DateTimeKind.Utc);
        }

        [TestMethod]
        public void Bt52_with_month_13_is_an_error_not_an_exception()
        {
            byte[] b = TableFixtures.Bytes(TableFixtures.Bt52BadMonth);
            string? error;
            Assert.IsFalse(new Bt52Clock().TryDecode(b, 0, b.Length, out error));
            Assert.IsNotNull(error);
        }
    }
}
