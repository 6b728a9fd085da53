using NesMep.Core.Model;
using nanoFramework.TestFramework;

namespace NesMep.Core.NanoTests
{
    /// <summary>The energy plausibility filter that keeps kWh spikes out of Home Assistant, on the device runtime.</summary>
    [TestClass]
    public class EnergyFilterTests
    {
        [TestMethod]
        public void Growth_within_the_main_fuse_bound_is_accepted_and_a_decrease_is_not()
        {
            var filter = new EnergyCounterFilter(new QualitySettings());
            Assert.AreEqual(EnergyCounterFilter.Accepted, filter.Check(1000000, 0));
            Assert.AreEqual(EnergyCounterFilter.Accepted, filter.Check(1000010, 8000));
            Assert.AreEqual(EnergyCounterFilter.RejectedDecrease, filter.Check(1000009, 16000));
            Assert.AreEqual(1000010L, filter.LastAcceptedWh);
            Assert.AreEqual(1, filter.Decreases);
        }

        [TestMethod]
        public void A_jump_beyond_what_the_fuse_allows_is_rejected_until_it_is_confirmed()
        {
            var filter = new EnergyCounterFilter(new QualitySettings());
            filter.Check(1000000, 0);
            long jump = 1000000 + filter.AllowedGrowthWh(8000) + 1000;
            Assert.AreEqual(EnergyCounterFilter.RejectedJump, filter.Check(jump, 8000));
            Assert.AreEqual(1000000L, filter.LastAcceptedWh);

            int result = EnergyCounterFilter.RejectedJump;
            for (int i = 2; i < 20 && result == EnergyCounterFilter.RejectedJump; i++)
            {
                result = filter.Check(jump + i, 8000 * i);
            }

            Assert.AreEqual(EnergyCounterFilter.Rebaselined, result);
            Assert.AreEqual(1, filter.Rebaselines);
        }
    }
}
