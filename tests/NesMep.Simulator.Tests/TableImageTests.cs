using System.Text;
using NesMep.Core.Protocol;
using NesMep.Core.Tables;
using NesMep.Simulator.Tests.Support;
using Xunit;

namespace NesMep.Simulator.Tests;

/// <summary>Table images follow the byte layouts and offset formulas of reference §5.</summary>
public class TableImageTests
{
    public static TheoryData<string> Profiles => new() { "Gen3Basic", "Gen3Demand", "Gen4" };

    private static MeterSimulator Meter(string profile, VirtualClock? clock = null)
    {
        clock ??= new VirtualClock();
        var meter = new MeterSimulator(clock, new SimulatorOptions { Profile = MeterProfile.ByName(profile)! });
        clock.Advance(3_600_000); // an hour of load so registers and averages move
        meter.Tick();
        return meter;
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void BT23_size_and_offsets_match_the_formulas_from_BT21(string profile)
    {
        MeterSimulator meter = Meter(profile);
        byte[] bt21 = meter.ReadTable(MeterTableIds.BT21)!;
        byte[] bt22 = meter.ReadTable(MeterTableIds.BT22)!;
        byte[] bt23 = meter.ReadTable(MeterTableIds.BT23)!;

        // §5.5: A, B, DmdRcd, C, CoinRcd, D.
        int a = (bt21[0] & 0x04) != 0 ? 1 : 0;
        int sums = bt21[3], dems = bt21[4], coins = bt21[5], occ = bt21[6], tiers = bt21[7];
        int b = a + (4 * sums);
        int dmdRcd = ((bt21[0] & 0x02) != 0 ? 5 * occ : 0) + ((bt21[0] & 0x10) != 0 ? 4 : 0) + ((bt21[0] & 0x20) != 0 ? 4 : 0) + (4 * occ);
        int c = b + (dems * dmdRcd);
        int d = c + (coins * 4 * occ);
        int block = d - a;
        Assert.Equal(a + ((1 + tiers) * block), bt23.Length);
        Assert.Equal(bt22.Length, sums + dems + ((dems + 7) / 8) + (2 * coins));

        EnergyRegisters e = meter.Load.Energy;
        Assert.Equal((int)e.Total(EnergyKind.FwdActiveWh), ByteOrder.ReadInt32LE(bt23, a));
        Assert.Equal((int)e.Total(EnergyKind.RevActiveWh), ByteOrder.ReadInt32LE(bt23, a + 4));
        Assert.Equal((int)e.Total(EnergyKind.ImportReactiveVArh), ByteOrder.ReadInt32LE(bt23, a + 8));
        Assert.Equal((int)e.Total(EnergyKind.ExportReactiveVArh), ByteOrder.ReadInt32LE(bt23, a + 12));
        Assert.Equal(meter.Load.Options.PowerOffSeconds, ByteOrder.ReadInt32LE(bt23, a + 16));

        long tierSum = 0;
        for (int t = 0; t < tiers; t++)
        {
            tierSum += ByteOrder.ReadInt32LE(bt23, d + (t * block));
        }

        Assert.InRange(ByteOrder.ReadInt32LE(bt23, a) - tierSum, 0, tiers);
        if (dems > 0)
        {
            // First demand record of the total block: [STIME_DATE][cum][cont cum][max]; max > 0 and its date sane.
            Assert.InRange(bt23[b + 1], 1, 12);
            Assert.True(ByteOrder.ReadInt32LE(bt23, b + dmdRcd - 4) > 0);
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void BT28_values_are_found_through_BT27_source_ids(string profile)
    {
        MeterSimulator meter = Meter(profile);
        byte[] bt21 = meter.ReadTable(MeterTableIds.BT21)!;
        byte[] bt27 = meter.ReadTable(MeterTableIds.BT27)!;
        byte[] bt28 = meter.ReadTable(MeterTableIds.BT28)!;
        int aPrime = (bt21[0] & 0x40) != 0 ? 3 : 0;
        int presentDemands = bt21[8];
        int values = bt21[9];
        Assert.Equal(((aPrime + 4) * presentDemands) + (4 * values), bt28.Length);
        Assert.Equal(presentDemands + values, bt27.Length);

        int Value(int source)
        {
            int n = Array.IndexOf(bt27, (byte)source, presentDemands) - presentDemands;
            Assert.True(n >= 0, $"source {source} not in BT27");
            return ByteOrder.ReadInt32LE(bt28, ((aPrime + 4) * presentDemands) + (4 * n));
        }

        PowerMeasurements m = meter.Load.Measurements;
        Assert.Equal(m.FwdW, Value(SourceIds.FwdActiveW));
        Assert.Equal(m.VoltageMV[0], Value(SourceIds.VoltageL1));
        Assert.Equal(m.CurrentMA[2], Value(SourceIds.CurrentL3));
        Assert.Equal(m.PowerFactor[0], Value(SourceIds.PowerFactorL1));
        Assert.InRange(Value(SourceIds.Frequency), 49_950, 50_050);
        Assert.Equal(m.PhaseFwdW[1], Value(SourceIds.FwdActiveWL2));
        if (values > 47)
        {
            Assert.Equal(m.AvgFwdW, Value(SourceIds.AvgFwdActiveW)); // averages exist from fw 3.70 (54+ values)
        }
        if (profile == "Gen4")
        {
            // Non-default order: voltage L1 is not at its default position #7.
            Assert.NotEqual(7, Array.IndexOf(bt27, (byte)SourceIds.VoltageL1, presentDemands) - presentDemands);
            Assert.NotEqual(SourceIds.DefaultBt28Source(4), bt27[presentDemands + 4]);
        }

        if (aPrime == 3)
        {
            // Gen3Demand: TIME remaining (h, m, s) then INT32; values start at (3 + 4) × 8 = 56.
            Assert.Equal(56, (aPrime + 4) * presentDemands);
            int secondsLeft = (bt28[0] * 3600) + (bt28[1] * 60) + bt28[2];
            Assert.InRange(secondsLeft, 1, 15 * 60);
            Assert.Equal(m.FwdW, ByteOrder.ReadInt32LE(bt28, 56));
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Core_BT21_decoder_agrees_with_the_profile_sizes(string profile)
    {
        MeterSimulator meter = Meter(profile);
        byte[] bt21 = meter.ReadTable(MeterTableIds.BT21)!;
        var dims = new Bt21Dimensions();
        Assert.True(dims.TryDecode(bt21, 0, bt21.Length, out string? error), error);
        Assert.Equal(meter.ReadTable(MeterTableIds.BT23)!.Length, dims.Bt23Size);
        Assert.Equal(meter.ReadTable(MeterTableIds.BT28)!.Length, dims.Bt28Size);
        Assert.Equal(meter.Profile.Bt28ValueOffset(11), dims.Bt28ValueOffset(11));
    }

    [Fact]
    public void Profile_dimensions_are_as_specified()
    {
        MeterProfile basic = MeterProfile.Gen3Basic(), demand = MeterProfile.Gen3Demand(), gen4 = MeterProfile.Gen4();
        Assert.Equal((11, 4, 41, 0, 0), (basic.Summations.Length, basic.Tiers, basic.PresentValues.Length, basic.Bt23A, basic.Bt28A));
        Assert.Equal(220, basic.Bt23Size);
        Assert.Equal((15, 8, 4, 55, 1, 3), (demand.Summations.Length, demand.Demands.Length, demand.Tiers, demand.PresentValues.Length, demand.Bt23A, demand.Bt28A));
        Assert.True(demand.Bt23Size > MepCodes.MaxFrameBody);
        Assert.Equal((19, 8, 72), (gen4.Summations.Length, gen4.Tiers, gen4.PresentValues.Length));
        Assert.True(gen4.Bt23Size > MepCodes.MaxFrameBody);
    }

    [Theory]
    [InlineData("Gen3Basic", 0x31, 0x55, "83331-3I")]
    [InlineData("Gen4", 0x41, 0x36, "83341-3I")]
    public void BT01_carries_manufacturer_model_packed_firmware_and_bcd_serial(string profile, int fwHi, int fwLo, string model)
    {
        MeterSimulator meter = Meter(profile);
        byte[] bt01 = meter.ReadTable(MeterTableIds.BT01)!;
        Assert.Equal("NES ", Encoding.ASCII.GetString(bt01, 0, 4));
        Assert.Equal(model, Encoding.ASCII.GetString(bt01, 4, 8));
        Assert.Equal(fwHi, bt01[14]);
        Assert.Equal(fwLo, bt01[15]);
        string serial = string.Concat(bt01[16..24].Select(x => x.ToString("X2")));
        Assert.Equal(meter.Profile.SerialNumber, serial);
        Assert.Equal("3.10.21", MeterProfile.Gen3Basic().FirmwareText);
    }

    [Fact]
    public void BT00_declares_lsb_first_ascii_and_int32_formats()
    {
        byte[] bt00 = Meter("Gen3Basic").ReadTable(MeterTableIds.BT00)!;
        Assert.Equal(new byte[] { 0x02, 0x2A, 0x88 }, bt00[..3]);
        Assert.Equal("NES ", Encoding.ASCII.GetString(bt00, 3, 4));
        Assert.Equal(13, bt00[14]);
    }

    [Fact]
    public void BT52_is_utc_from_the_clock_with_gmt_flag_and_day_of_week_and_BT55_is_local()
    {
        var clock = new VirtualClock(new DateTime(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc)); // a Saturday
        var meter = new MeterSimulator(clock);
        clock.Advance(5_000);

        byte[] bt52 = meter.ReadTable(MeterTableIds.BT52)!;
        byte[] bt55 = meter.ReadTable(MeterTableIds.BT55)!;

        Assert.Equal(new byte[] { 26, 11, 21, 12, 0, 5, 0x10 | 6 }, bt52);
        Assert.Equal(9, bt55.Length);
        Assert.Equal(new byte[] { 26, 11, 21, 13, 0, 5 }, bt55[..6]); // CET = UTC + 1 in November
        Assert.Equal(6, bt55[6] & 0x07);
        Assert.Equal(1, ByteOrder.ReadUInt16LE(bt55, 7) & 0x07); // 13:00 is the day tier T1
    }

    [Fact]
    public void ET03_holds_the_utility_serial_number_in_143_bytes()
    {
        byte[] et03 = Meter("Gen3Basic").ReadTable(MeterTableIds.ET03)!;
        Assert.Equal(143, et03.Length);
        Assert.Equal("5706567012345678", Encoding.ASCII.GetString(et03, 0, 30).TrimEnd('\0'));
    }

    [Theory]
    [InlineData("Gen3Basic", 103)]
    [InlineData("Gen4", 129)]
    public void ET04_shows_the_mep_sequence_number_and_idt_version(string profile, int offset)
    {
        MeterSimulator meter = Meter(profile);
        meter.LastSequence = 0x12345678;
        byte[] et04 = meter.ReadTable(MeterTableIds.ET04)!;
        Assert.Equal(0x12345678u, ByteOrder.ReadUInt32LE(et04, offset));
        Assert.Equal(1, et04[116]);
    }

    [Fact]
    public void ET11_ET13_ET50_and_ET70_have_the_documented_sizes()
    {
        MeterSimulator gen3 = Meter("Gen3Basic");
        Assert.Equal("05 42 24 05 06 05 02 01 03 F9", NesMep.Core.Protocol.Hex.Format(gen3.ReadTable(MeterTableIds.ET11)!, 0, 10, true));
        Assert.Equal(5 * 66, gen3.ReadTable(MeterTableIds.ET13)!.Length);
        Assert.Equal(71, gen3.ReadTable(MeterTableIds.ET50)!.Length);
        Assert.Equal(16, gen3.ReadTable(MeterTableIds.ET59)!.Length);
        Assert.Null(gen3.ReadTable(MeterTableIds.ET70));

        MeterSimulator gen4 = Meter("Gen4");
        Assert.Equal(6, gen4.ReadTable(MeterTableIds.ET11)![0]);
        Assert.Equal(2, gen4.ReadTable(MeterTableIds.ET11)![34]);
        Assert.Equal(6 * 66, gen4.ReadTable(MeterTableIds.ET13)!.Length);
        Assert.Equal(2 * 71, gen4.ReadTable(MeterTableIds.ET50)!.Length);
        Assert.Equal(1, gen4.ReadTable(MeterTableIds.ET70)![142]);
    }
}
