using NesMep.Core.Api;
using NesMep.Core.NanoTests.Support;
using NesMep.Core.Web;
using nanoFramework.TestFramework;

namespace NesMep.Core.NanoTests
{
    /// <summary>
    /// The exact bytes the core writes for a reading after 30 virtual seconds against the loopback meter:
    /// /getDashDataWS (the Home Assistant integration's contract) and /api/v1/reading, with large registers,
    /// negative values (Rev Wh, Rev W), fractions (kWh, A, V, Hz), nulls for values not read yet and ISO times.
    /// The values follow from the shared fixtures (BT23: 65845342 and -453 Wh; BT28 value n = (n + 1) * 1000 + n,
    /// #1 negative; BT52 2004-02-16 15:59:55 plus the 28.9 s the loop ran). The device must produce these bytes.
    /// </summary>
    [TestClass]
    public class JsonBodyTests
    {
        private const string Dabbler =
            "{\"ESP_SW\":\"NesMep\",\"ESP_SW_By\":\"NesMep\",\"ESP_SW_Version\":\"9.8.7\",\"Meter_Manufacturer\":\"NES\"," +
            "\"Meter_Model\":\"83331-3I\",\"Meter_SW_Version\":\"49.85\",\"Utility_SN\":\"7001234567\"," +
            "\"CurrentDateTimeString\":\"2004-02-16 (Monday) @ 16:00:23\"," +
            "\"CurrentDateTime\":\"2004-02-16T16:00:23.805Z\",\"Fwd_Act_Wh\":65845342,\"Rev_Act_Wh\":-453,\"Fwd_W\":1000," +
            "\"Rev_W\":-2000,\"Freq_mHz\":12011,\"L1_RMS_A\":5004,\"L2_RMS_A\":6005,\"L3_RMS_A\":7006,\"L1_RMS_V\":8007," +
            "\"L2_RMS_V\":9008,\"L3_RMS_V\":10009,\"L1_Fwd_W\":27026,\"L2_Fwd_W\":28027,\"L3_Fwd_W\":29028," +
            "\"L1_Rev_W\":30029,\"L2_Rev_W\":31030,\"L3_Rev_W\":32031,\"Fwd_Avg_W\":null,\"Rev_Avg_W\":null," +
            "\"L1_Fwd_Avg_W\":null,\"L2_Fwd_Avg_W\":null,\"L3_Fwd_Avg_W\":null,\"L1_Rev_Avg_W\":null,\"L2_Rev_Avg_W\":null," +
            "\"L3_Rev_Avg_W\":null}";

        private const string Reading =
            "{\"timestamp\":\"2026-11-21T12:00:30.000Z\",\"meter_serial\":\"7001234567\"," +
            "\"meter_time\":\"2004-02-16T16:00:24.860Z\",\"link_state\":\"up\",\"data_age_s\":1.055,\"stale_after_s\":30.000," +
            "\"values\":{\"energy_import_kwh\":65845.342,\"energy_export_kwh\":-0.453," +
            "\"reactive_energy_import_kvarh\":0.027,\"reactive_energy_export_kvarh\":0.037,\"power_import_w\":1000," +
            "\"power_export_w\":-2000,\"power_import_l1_w\":27026,\"power_import_l2_w\":28027," +
            "\"power_import_l3_w\":29028,\"power_export_l1_w\":30029,\"power_export_l2_w\":31030," +
            "\"power_export_l3_w\":32031,\"current_l1_a\":5.004,\"current_l2_a\":6.005,\"current_l3_a\":7.006," +
            "\"voltage_l1_v\":8.007,\"voltage_l2_v\":9.008,\"voltage_l3_v\":10.009,\"frequency_hz\":12.011," +
            "\"power_factor_l1\":11.010,\"power_factor_l2\":14.013,\"power_factor_l3\":15.014," +
            "\"reactive_power_import_var\":3002,\"reactive_power_export_var\":4003,\"apparent_power_va\":13012," +
            "\"avg_power_import_w\":null,\"avg_power_export_w\":null,\"avg_power_import_l1_w\":null," +
            "\"avg_power_import_l2_w\":null,\"avg_power_import_l3_w\":null,\"avg_power_export_l1_w\":null," +
            "\"avg_power_export_l2_w\":null,\"avg_power_export_l3_w\":null},\"age_s\":{\"energy_import_kwh\":4.605," +
            "\"energy_export_kwh\":4.605,\"reactive_energy_import_kvarh\":4.605,\"reactive_energy_export_kvarh\":4.605," +
            "\"power_import_w\":1.055,\"power_export_w\":1.055,\"power_import_l1_w\":1.055,\"power_import_l2_w\":1.055," +
            "\"power_import_l3_w\":1.055,\"power_export_l1_w\":1.055,\"power_export_l2_w\":1.055," +
            "\"power_export_l3_w\":1.055,\"current_l1_a\":1.055,\"current_l2_a\":1.055,\"current_l3_a\":1.055," +
            "\"voltage_l1_v\":1.055,\"voltage_l2_v\":1.055,\"voltage_l3_v\":1.055,\"frequency_hz\":1.055," +
            "\"power_factor_l1\":1.055,\"power_factor_l2\":1.055,\"power_factor_l3\":1.055," +
            "\"reactive_power_import_var\":1.055,\"reactive_power_export_var\":1.055,\"apparent_power_va\":1.055," +
            "\"avg_power_import_w\":null,\"avg_power_export_w\":null,\"avg_power_import_l1_w\":null," +
            "\"avg_power_import_l2_w\":null,\"avg_power_import_l3_w\":null,\"avg_power_export_l1_w\":null," +
            "\"avg_power_export_l2_w\":null,\"avg_power_export_l3_w\":null},\"quality\":{\"energy_import_kwh\":\"good\"," +
            "\"energy_export_kwh\":\"good\",\"reactive_energy_import_kvarh\":\"good\"," +
            "\"reactive_energy_export_kvarh\":\"good\",\"power_import_w\":\"good\",\"power_export_w\":\"good\"," +
            "\"power_import_l1_w\":\"good\",\"power_import_l2_w\":\"good\",\"power_import_l3_w\":\"good\"," +
            "\"power_export_l1_w\":\"good\",\"power_export_l2_w\":\"good\",\"power_export_l3_w\":\"good\"," +
            "\"current_l1_a\":\"good\",\"current_l2_a\":\"good\",\"current_l3_a\":\"good\",\"voltage_l1_v\":\"good\"," +
            "\"voltage_l2_v\":\"good\",\"voltage_l3_v\":\"good\",\"frequency_hz\":\"good\",\"power_factor_l1\":\"good\"," +
            "\"power_factor_l2\":\"good\",\"power_factor_l3\":\"good\",\"reactive_power_import_var\":\"good\"," +
            "\"reactive_power_export_var\":\"good\",\"apparent_power_va\":\"good\",\"avg_power_import_w\":\"never_read\"," +
            "\"avg_power_export_w\":\"never_read\",\"avg_power_import_l1_w\":\"never_read\"," +
            "\"avg_power_import_l2_w\":\"never_read\",\"avg_power_import_l3_w\":\"never_read\"," +
            "\"avg_power_export_l1_w\":\"never_read\",\"avg_power_export_l2_w\":\"never_read\"," +
            "\"avg_power_export_l3_w\":\"never_read\"}}";

        [TestMethod]
        public void Dabbler_body_is_byte_identical()
        {
            var rig = new PollRig();
            rig.Run(30000);
            Assert.AreEqual(Dabbler, ApiRouter.Render(RouteTable.Dabbler, rig.Context));
        }

        [TestMethod]
        public void Reading_body_is_byte_identical()
        {
            var rig = new PollRig();
            rig.Run(30000);
            Assert.AreEqual(Reading, ApiRouter.Render(RouteTable.Reading, rig.Context));
        }
    }
}
