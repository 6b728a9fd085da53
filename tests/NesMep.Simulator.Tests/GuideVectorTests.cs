using NesMep.Core.Protocol;
using NesMep.Simulator.Tests.Support;
using Xunit;

namespace NesMep.Simulator.Tests;

/// <summary>The guide's example frames (reference §4.2 table, key 16 × 0x01) answered byte for byte.</summary>
public class GuideVectorTests
{
    private static SimulatorOptions GuideMeter(uint lastSequence)
    {
        HouseholdOptions house = HouseholdOptions.Idle();
        house.PowerOffSeconds = 8; // the guide's test meter (A4): 8 s outage, 3 outages, error counter 6
        house.PowerOutageCount = 3;
        house.ErrorCounter = 6;
        return new SimulatorOptions { Profile = MeterProfile.Gen3Basic(), Household = house, InitialSequence = lastSequence };
    }

    [Fact]
    public void A1_wrong_sequence_gets_exactly_A2_then_A3_gets_exactly_A4()
    {
        var h = new MeterHarness(GuideMeter(0x77635B8F));

        Reply? a2 = h.Exchange(MeterHarness.Hex("00 14 3F 00 17 00 00 00 00 2C 01 02 03 04 74 86 1F 6D 76 58 DD 56"));
        Assert.NotNull(a2);
        Assert.Equal("00 0D 0C 77 63 5B 90 35 86 3C 1D F5 B9 14 82", a2!.Hex);

        h.Clock.Advance(200);
        Reply? a4 = h.Exchange(MeterHarness.Hex("00 14 3F 00 17 00 00 00 00 2C 77 63 5B 91 13 DB 85 A1 35 A0 57 5E"));
        Assert.NotNull(a4);
        Assert.Equal(
            "00 37 00 00 2C " +
            "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 08 00 00 00 03 00 00 00 00 00 00 00 00 00 00 00 " +
            "00 00 00 00 00 00 00 00 06 00 00 00 " +
            "AD DC B8 2C 3D 41 7F 91",
            a4!.Hex);
    }

    [Fact]
    public void A5_partial_write_of_ET50_registers_and_gets_exactly_A6()
    {
        var h = new MeterHarness(GuideMeter(0x77636E2E));

        Reply? a6 = h.Exchange(MeterHarness.Hex("00 15 4F 08 32 00 00 1E 00 01 01 77 63 6E 2F 86 E5 0E 26 67 D1 E6 3C"));

        Assert.Equal("00 09 00 86 E5 0E 26 67 D1 E6 3C", a6!.Hex);
        Assert.Equal(MeterTables.Et50Registered, h.Meter.Tables.MepFlags);
    }

    [Fact]
    public void A7_transaction_then_A8_reads_the_ET53_header_exactly()
    {
        var h = new MeterHarness(GuideMeter(0x5B4E42E5));

        Reply? a7 = h.Exchange(MeterHarness.Hex(
            "00 57 4F 08 34 00 00 00 00 43 43 00 00 01 00 08 00 3F 08 0B 00 00 00 00 0A 08 00 3F 00 14 00 00 00 00 0A " +
            "08 00 3F 00 15 00 00 00 00 0A 08 00 3F 08 04 00 00 37 00 01 08 00 3F 08 0E 00 00 00 00 0C 08 00 3F 08 0F " +
            "00 00 00 00 1F 01 00 5B 4E 42 E6 ED 6A 9C EF F4 CC 0E 39"));
        Assert.Equal("00 09 00 ED 6A 9C EF F4 CC 0E 39", a7!.Hex);
        Assert.Equal(1, h.Meter.Stats.Transactions);

        h.Clock.Advance(200);
        Reply? a8 = h.Exchange(MeterHarness.Hex("00 14 3F 08 35 00 00 00 00 05 5B 4E 42 E7 48 97 75 DA D8 53 E3 A3"));
        Assert.Equal("00 10 00 00 05 6F 00 01 01 00 97 4B 99 CA A3 31 45 19", a8!.Hex);

        // A9: the body starts with the ET11 response, whose first 10 bytes match the guide's example.
        h.Clock.Advance(200);
        byte[] a9Request = MeterHarness.Hex("00 14 3F 08 35 00 00 00 00 6F 5B 4E 42 E8 1B 32 04 49 74 45 A8 7A");
        Reply? a9 = h.Exchange(a9Request);
        Assert.Equal(0x7A, ByteOrder.ReadUInt16BE(a9!.Frame, 0));
        Assert.True(h.DigestValid(a9Request, a9));
        Assert.Equal("0D 00 00 00 0A 05 42 24 05 06 05 02 01 03 F9", NesMep.Core.Protocol.Hex.Format(a9.Data, 5, 15, true));
    }

    [Fact]
    public void A10_EP17_through_BT07_gets_exactly_the_guide_reply_and_is_logged()
    {
        var h = new MeterHarness(GuideMeter(0x5B4E4308));

        Reply? reply = h.Exchange(MeterHarness.Hex("00 17 40 00 07 00 06 11 08 07 00 F8 03 5B 4E 43 09 69 7A B2 01 49 7E 9C F7"));

        Assert.Equal("00 09 00 69 7A B2 01 49 7E 9C F7", reply!.Hex);
        ProcedureCall call = Assert.Single(h.Meter.ProcedureLog);
        Assert.Equal(ProcedureIds.EP17, call.Procedure);
        Assert.Equal("EP17", call.Name);
        Assert.Equal(7, call.Psn);
        Assert.Equal(new byte[] { 0x00, 0xF8, 0x03 }, call.Parameters);
        Assert.Equal(ProcedureIds.ResultCompleted, call.Result);
    }

    [Fact]
    public void N1_frame_signed_with_an_unknown_key_gets_authentication_failure()
    {
        var h = new MeterHarness(GuideMeter(0xF52F5480));

        Reply? reply = h.Exchange(MeterHarness.Hex("00 14 3F 00 34 00 00 00 00 06 F5 2F 54 81 7C FF 9A 53 47 DB AB FC"));

        Assert.Equal("00 09 0B 00 00 00 00 00 00 00 00", reply!.Hex);
        Assert.Equal(1, h.Meter.Stats.AuthenticationFailures);
        Assert.Equal(0xF52F5480u, h.Meter.LastSequence); // nothing consumed
    }
}
