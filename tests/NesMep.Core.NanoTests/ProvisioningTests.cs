using NesMep.Core.NanoTests.Support;
using NesMep.Core.Platform;
using NesMep.Core.Provisioning;
using NesMep.Core.Time;
using nanoFramework.TestFramework;

namespace NesMep.Core.NanoTests
{
    /// <summary>First boot, setup, station and fallback on the device runtime, as the firmware's supervisor drives them.</summary>
    [TestClass]
    public class ProvisioningTests
    {
        private const string Path = "I:\\provisioning.txt";

        [TestMethod]
        public void First_boot_setup_station_and_fallback_through_reboots()
        {
            var flash = new NanoFlash();
            var clock = new NanoClock();
            ProvisioningMachine m = Boot(flash, clock, RadioMode.None, false, out int action);
            Assert.AreEqual(ProvisioningAction.Reboot, action);
            Assert.AreEqual(RadioMode.AccessPoint, m.WantedRadio);

            m = Boot(flash, clock, RadioMode.AccessPoint, false, out action);
            Assert.AreEqual(ProvisioningAction.StartAccessPoint, action);
            Assert.AreEqual("NesMep-A1B2C3", m.AccessPointSsid);
            Assert.IsTrue(m.SetupAllowed("192.168.4.1", "192.168.4.2:50123"));
            Assert.IsFalse(m.SetupAllowed("192.168.4.1", "192.168.1.2"));

            Assert.IsNull(m.FinishSetup(true, true));
            clock.Advance(ProvisioningTimings.RebootDelayMs);
            Assert.AreEqual(ProvisioningAction.Reboot, m.Step());
            Assert.AreEqual(RadioMode.Station, m.WantedRadio);

            m = Boot(flash, clock, RadioMode.Station, true, out action);
            Assert.AreEqual(ProvisioningAction.JoinStation, action);
            clock.Advance(ProvisioningTimings.JoinRetryMs);
            Assert.AreEqual(ProvisioningAction.JoinStation, m.Step());
            clock.Advance(ProvisioningTimings.JoinTimeoutMs - ProvisioningTimings.JoinRetryMs);
            Assert.AreEqual(ProvisioningAction.None, m.Step());
            Assert.AreEqual(ProvisioningState.Rebooting, m.State);
            Assert.AreEqual(RadioMode.AccessPoint, m.WantedRadio);

            m = Boot(flash, clock, RadioMode.AccessPoint, true, out action);
            Assert.AreEqual(ProvisioningAction.StartAccessPoint, action);
            Assert.AreEqual(ProvisioningState.Fallback, m.State);
            Assert.AreEqual(1, flash.Count);
        }

        [TestMethod]
        public void The_wall_clock_takes_the_meter_s_time_until_SNTP_answers()
        {
            var clock = new NanoClock();
            var wall = new WallClock(clock);
            Assert.IsFalse(wall.Valid);
            Assert.IsTrue(wall.OfferMeter(new System.DateTime(2026, 12, 2, 8, 0, 0), 0));
            clock.Advance(1000);
            Assert.AreEqual(new System.DateTime(2026, 12, 2, 8, 0, 1).Ticks, wall.UtcNow.Ticks);
            Assert.IsTrue(wall.OfferSntp(new System.DateTime(2026, 12, 2, 8, 0, 3), 1000));
            Assert.AreEqual(TimeSource.Sntp, wall.Source);
            Assert.AreEqual(2000L, wall.LastStepMs);
        }

        private static ProvisioningMachine Boot(NanoFlash flash, NanoClock clock, int radio, bool configured, out int action)
        {
            var m = new ProvisioningMachine(flash, Path, Network.AccessPoint.Ssid(new byte[] { 0x24, 0x0A, 0xC4, 0xA1, 0xB2, 0xC3 }), clock, NullLog.Instance);
            action = m.Boot(radio, configured, configured);
            return m;
        }
    }
}
