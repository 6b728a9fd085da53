using NesMep.Core.Protocol;
using NesMep.Simulator.Tests.Support;
using Xunit;

namespace NesMep.Simulator.Tests;

/// <summary>Authentication with MAK then MBK (§4.1) and the 8-step sequence window (§4.3).</summary>
public class SequenceAndKeyTests
{
    private static readonly MepKey Mbk = MepKey.Parse("`!Vp2;,qDoU2BlLS2tPH");

    private static MeterHarness NewHarness(uint last = 1000)
    {
        var options = new SimulatorOptions { InitialSequence = last, Mbk = Mbk, Household = HouseholdOptions.Idle() };
        return new MeterHarness(options);
    }

    [Theory]
    [InlineData(1u)]
    [InlineData(2u)]
    [InlineData(5u)]
    [InlineData(8u)]
    public void Sequence_up_to_eight_ahead_is_accepted(uint ahead)
    {
        MeterHarness h = NewHarness();
        Reply? r = h.Exchange(h.Frame(MeterHarness.PartialRead(MeterTableIds.BT52, 0, 7), 1000 + ahead));
        Assert.Equal(MepCodes.Ok, r!.Code);
        Assert.Equal(1000 + ahead, h.Meter.LastSequence);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(9u)]
    [InlineData(25u)]
    [InlineData(0xFFFFFFFFu)] // one behind
    public void Sequence_outside_the_window_gets_0x0C_with_last_plus_one_and_a_valid_digest(uint ahead)
    {
        MeterHarness h = NewHarness();
        byte[] request = h.Frame(MeterHarness.PartialRead(MeterTableIds.BT52, 0, 7), 1000 + ahead);

        Reply? r = h.Exchange(request);

        Assert.Equal(MepCodes.InvalidSequenceNumber, r!.Code);
        Assert.Equal(1001u, r.NextSequence);
        Assert.True(h.DigestValid(request, r));
        Assert.Equal(1000u, h.Meter.LastSequence);
    }

    [Fact]
    public void A_reused_sequence_number_gets_0x0C_asking_for_the_next_one()
    {
        MeterHarness h = NewHarness();
        byte[] request = h.Frame(MeterHarness.PartialRead(MeterTableIds.BT52, 0, 7), 1003);
        Assert.Equal(MepCodes.Ok, h.Exchange(request)!.Code);

        h.Clock.Advance(500);
        Reply? again = h.Exchange(request); // identical retransmission (§3.8 resend rule)

        Assert.Equal(MepCodes.InvalidSequenceNumber, again!.Code);
        Assert.Equal(1004u, again.NextSequence);
        Assert.True(h.DigestValid(request, again));
    }

    [Fact]
    public void Window_wraps_around_at_two_to_the_32()
    {
        MeterHarness h = NewHarness(0xFFFFFFFE);
        Reply? r = h.Exchange(h.Frame(MeterHarness.PartialRead(MeterTableIds.BT52, 0, 7), 3));
        Assert.Equal(MepCodes.Ok, r!.Code);
        Assert.Equal(3u, h.Meter.LastSequence);
    }

    [Fact]
    public void Unknown_key_gets_0x0B_and_consumes_no_sequence_number()
    {
        MeterHarness h = NewHarness();
        h.UseKey(MepKey.Parse("00112233445566778899AABBCCDDEEFF"));

        Reply? r = h.Exchange(h.Frame(MeterHarness.PartialRead(MeterTableIds.BT52, 0, 7), 1001));

        Assert.Equal(MepCodes.AuthenticationFailure, r!.Code);
        Assert.Equal(11, r.Frame.Length);
        Assert.Equal(1000u, h.Meter.LastSequence);
    }

    [Fact]
    public void Authentication_is_checked_before_the_sequence_number()
    {
        MeterHarness h = NewHarness();
        h.UseKey(MepKey.Parse("00112233445566778899AABBCCDDEEFF"));
        Reply? r = h.Exchange(h.Frame(MeterHarness.PartialRead(MeterTableIds.BT52, 0, 7), 5)); // bad key and bad sequence
        Assert.Equal(MepCodes.AuthenticationFailure, r!.Code);
    }

    [Fact]
    public void Mbk_is_accepted_and_its_replies_are_signed_with_the_mbk()
    {
        MeterHarness h = NewHarness();
        h.UseKey(Mbk);
        byte[] request = h.Frame(MeterHarness.PartialRead(MeterTableIds.BT23, 0, 16), 1001);

        Reply? r = h.Exchange(request);

        Assert.Equal(MepCodes.Ok, r!.Code);
        Assert.True(h.DigestValid(request, r, Mbk));
        Assert.False(h.DigestValid(request, r, MepKey.DefaultMak()));
        Assert.Equal(AccessLevel.Basic, h.Meter.RequestLog[^1].Access);
    }

    [Fact]
    public void Idt_bump_adds_25_so_the_next_request_gets_0x0C()
    {
        MeterHarness h = NewHarness();
        h.Meter.BumpIdtVersion();

        Reply? r = h.Exchange(h.Frame(MeterHarness.PartialRead(MeterTableIds.ET04, 116, 1), 1001));

        Assert.Equal(MepCodes.InvalidSequenceNumber, r!.Code);
        Assert.Equal(1026u, r.NextSequence);
        h.Clock.Advance(200);
        Reply? idt = h.Exchange(h.Frame(MeterHarness.PartialRead(MeterTableIds.ET04, 116, 1), 1026));
        Assert.Equal(2, idt!.Data[0]);
    }
}
