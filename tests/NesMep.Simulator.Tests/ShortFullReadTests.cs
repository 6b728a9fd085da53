using NesMep.Core.Protocol;
using NesMep.Core.Tests.Fixtures;
using NesMep.Simulator.Tests.Support;
using Xunit;

namespace NesMep.Simulator.Tests;

/// <summary>
/// Full reads sent without the 2-byte max length (reference §3.2: indeterminate, no error). Real
/// meters answered such BT01/BT52 reads, and an open-source reader in the field sends them.
/// </summary>
public class ShortFullReadTests
{
    [Fact]
    public void Full_read_without_max_length_gets_the_table_as_a_real_meter_answers()
    {
        var h = new MeterHarness(); // Gen 3 profile, default MAK, default start sequence
        byte[] request = Hex.Parse(ShortFullReadFrames.Bt01Request);

        Reply? reply = h.Exchange(request);

        Assert.NotNull(reply);
        Assert.Equal(ShortFullReadFrames.Bt01Response, Hex.Format(reply!.Frame, 0, reply.Frame.Length, true));
        Assert.True(h.DigestValid(request, reply));
        Assert.Equal(ShortFullReadFrames.Sequence, h.Meter.LastSequence);
    }

    [Fact]
    public void Full_read_without_max_length_of_a_table_over_the_frame_limit_is_capped_at_465_bytes()
    {
        var h = new MeterHarness(new SimulatorOptions { Profile = MeterProfile.Gen3Demand() });
        byte[] table = h.Meter.ReadTable(MeterTableIds.BT23)!;
        Assert.True(table.Length > MepCodes.MaxReadData);
        byte[] request = h.Frame(MeterHarness.FullRead(MeterTableIds.BT23, MepRequest.NoMaxLength));
        Assert.Equal(0x0F, ByteOrder.ReadUInt16BE(request, 0)); // 00 0F 30 TT TT seq digest

        Reply? reply = h.Exchange(request);

        Assert.Equal(MepCodes.Ok, reply!.Code);
        Assert.Equal(MepCodes.MaxReadData, reply.Data.Length);
        Assert.Equal(476, reply.Frame.Length - 2);
        Assert.Equal(table[..20], reply.Data[..20]);
        Assert.True(h.DigestValid(request, reply));
        Assert.Equal(0, h.Meter.Faults.Counters.Total);
    }

    [Theory]
    [InlineData(MeterTableIds.BT52)] // the example: 00 0F 30 00 34 <seq 4> <digest 8>
    [InlineData(MeterTableIds.BT21)]
    [InlineData(MeterTableIds.ET03)]
    public void Full_read_without_max_length_answers_like_the_full_read_with_it(int table)
    {
        var h = new MeterHarness();
        byte[] shortRead = h.Frame(MeterHarness.FullRead(table, MepRequest.NoMaxLength));
        Reply shortReply = h.Exchange(shortRead)!;
        h.Clock.Advance(200);
        Reply longReply = h.Exchange(MeterHarness.FullRead(table))!;

        Assert.Equal(MepCodes.Ok, shortReply.Code);
        Assert.True(h.DigestValid(shortRead, shortReply));
        Assert.Equal(longReply.Data.Length, shortReply.Data.Length);
    }

    [Fact]
    public void Full_read_without_max_length_with_a_wrong_digest_gets_0x0B()
    {
        var h = new MeterHarness();
        byte[] request = Hex.Parse(ShortFullReadFrames.Bt01Request);
        request[^1] ^= 0x01;

        Assert.Equal(MepCodes.AuthenticationFailure, h.Exchange(request)!.Code);
    }
}
