#nullable enable
using System.Text.Json;
using NesMep.Core.Model;
using NesMep.Core.Mqtt;
using Xunit;

namespace NesMep.Core.Tests.Mqtt;

public class MqttPayloadsTests
{
    private readonly MeterReading _r = new(new QualitySettings());

    private void SetAll(long now)
    {
        for (int q = 0; q < Quantity.Count; q++)
        {
            _r.Set(q, 1000 + q, now);
        }
    }

    [Fact]
    public void Dabbler_bodies_have_the_firmware_keys_in_order_with_signed_integers()
    {
        SetAll(0);
        _r.Set(Quantity.PowerFactorL2Milli, -975, 0);
        _r.Set(Quantity.PowerExportL1W, -7, 0);

        string sensors = MqttPayloads.Dabbler(_r, 0, MqttPayloads.SensorsKeys, MqttPayloads.SensorsQuantities)!;
        Assert.Equal(
            "{\"L1_RMS_A\":1012,\"L2_RMS_A\":1013,\"L3_RMS_A\":1014,\"L1_RMS_V\":1015,\"L2_RMS_V\":1016,\"L3_RMS_V\":1017,"
            + "\"L1_PF_Fac\":1019,\"L2_PF_Fac\":-975,\"L3_PF_Fac\":1021,\"ExportReactive_VAr\":1023,\"ImportReactive_VAr\":1022}",
            sensors);
        Assert.Equal("{\"Fwd_Act_Wh\":1000,\"Rev_Act_Wh\":1001}", MqttPayloads.Dabbler(_r, 0, MqttPayloads.TotalKeys, MqttPayloads.TotalQuantities));
        Assert.Equal(
            "{\"Fwd_W\":1004,\"Fwd_Avg_W\":1025,\"L1_Fwd_W\":1006,\"L2_Fwd_W\":1007,\"L3_Fwd_W\":1008,\"L1_Fwd_Avg_W\":1027,\"L2_Fwd_Avg_W\":1028,\"L3_Fwd_Avg_W\":1029}",
            MqttPayloads.Dabbler(_r, 0, MqttPayloads.FwdKeys, MqttPayloads.FwdQuantities));
        Assert.Equal(
            "{\"Rev_W\":1005,\"Rev_Avg_W\":1026,\"L1_Rev_W\":-7,\"L2_Rev_W\":1010,\"L3_Rev_W\":1011,\"L1_Rev_Avg_W\":1030,\"L2_Rev_Avg_W\":1031,\"L3_Rev_Avg_W\":1032}",
            MqttPayloads.Dabbler(_r, 0, MqttPayloads.RevKeys, MqttPayloads.RevQuantities));
        Assert.Equal("{\"Freq_mHz\":1018}", MqttPayloads.Dabbler(_r, 0, MqttPayloads.FrequencyKeys, MqttPayloads.FrequencyQuantities));
    }

    [Fact]
    public void Key_tables_cover_the_reference_lists_exactly()
    {
        Assert.Equal(11, MqttPayloads.SensorsKeys.Length);
        Assert.Equal(MqttPayloads.SensorsKeys.Length, MqttPayloads.SensorsQuantities.Length);
        Assert.Equal(MqttPayloads.TotalKeys.Length, MqttPayloads.TotalQuantities.Length);
        Assert.Equal(8, MqttPayloads.FwdKeys.Length);
        Assert.Equal(MqttPayloads.FwdKeys.Length, MqttPayloads.FwdQuantities.Length);
        Assert.Equal(8, MqttPayloads.RevKeys.Length);
        Assert.Equal(MqttPayloads.RevKeys.Length, MqttPayloads.RevQuantities.Length);
        Assert.Equal(MqttPayloads.FrequencyKeys.Length, MqttPayloads.FrequencyQuantities.Length);
    }

    [Fact]
    public void Unavailable_values_are_null_never_zero_and_an_empty_body_is_not_built()
    {
        Assert.Null(MqttPayloads.Dabbler(_r, 0, MqttPayloads.TotalKeys, MqttPayloads.TotalQuantities));
        Assert.Null(MqttPayloads.Dabbler(null!, 0, MqttPayloads.TotalKeys, MqttPayloads.TotalQuantities));

        _r.Set(Quantity.EnergyImportWh, 5, 0);
        Assert.Equal("{\"Fwd_Act_Wh\":5,\"Rev_Act_Wh\":null}", MqttPayloads.Dabbler(_r, 0, MqttPayloads.TotalKeys, MqttPayloads.TotalQuantities));

        // Stale: older than QualitySettings.StaleAfterMs (30 s).
        Assert.Null(MqttPayloads.Dabbler(_r, 31_000, MqttPayloads.TotalKeys, MqttPayloads.TotalQuantities));
        using var state = JsonDocument.Parse(MqttPayloads.State(_r, 31_000));
        Assert.All(state.RootElement.EnumerateObject(), p => Assert.Equal(JsonValueKind.Null, p.Value.ValueKind));
    }

    [Fact]
    public void State_body_scales_to_si_units_and_adds_signed_net_power()
    {
        _r.Set(Quantity.EnergyImportWh, 65_845_342, 0);
        _r.Set(Quantity.VoltageL1mV, 228_693, 0);
        _r.Set(Quantity.CurrentL1mA, 1978, 0);
        _r.Set(Quantity.FrequencymHz, 50_012, 0);
        _r.Set(Quantity.PowerFactorL2Milli, -975, 0);
        _r.Set(Quantity.PowerImportW, 100, 0);
        _r.Set(Quantity.PowerExportW, 2484, 0);

        string json = MqttPayloads.State(_r, 0);
        using var doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;
        Assert.Equal(Quantity.Count + 1, root.EnumerateObject().Count());
        Assert.Contains("\"energy_import_kwh\":65845.342", json);
        Assert.Contains("\"voltage_l1_v\":228.693", json);
        Assert.Contains("\"current_l1_a\":1.978", json);
        Assert.Contains("\"frequency_hz\":50.012", json);
        Assert.Contains("\"power_factor_l2\":-0.975", json);
        Assert.Contains("\"power_net_w\":-2384", json);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("energy_export_kwh").ValueKind);

        _r.Set(Quantity.PowerExportW, 0, 40_000 - 31_000 + 1); // export fresh, import stale at 40 s
        Assert.Contains("\"power_net_w\":null", MqttPayloads.State(_r, 40_000));
    }
}
