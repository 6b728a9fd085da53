using NesMep.Core.Protocol;
using NesMep.Simulator.Tests.Support;
using Xunit;

namespace NesMep.Simulator.Tests;

/// <summary>Full/partial reads and writes, access rights and error codes (§3.2, §3.3, §14 item 5).</summary>
public class ReadWriteTests
{
    private static readonly MepKey Mbk = MepKey.Parse("`!Vp2;,qDoU2BlLS2tPH");

    private static MeterHarness NewHarness(MeterProfile? profile = null, OversizeFullReadMode mode = OversizeFullReadMode.Error05)
    {
        var options = new SimulatorOptions { Profile = profile ?? MeterProfile.Gen3Basic(), Mbk = Mbk, InitialSequence = 100 };
        options.OversizeFullReadMode = mode;
        return new MeterHarness(options);
    }

    [Fact]
    public void Partial_read_past_the_end_of_a_table_is_padded_with_zeros()
    {
        MeterHarness h = NewHarness();
        byte[] bt52 = h.Meter.ReadTable(MeterTableIds.BT52)!;

        Reply? r = h.Exchange(MeterHarness.PartialRead(MeterTableIds.BT52, 4, 10));

        Assert.Equal(MepCodes.Ok, r!.Code);
        Assert.Equal(10, r.Data.Length);
        Assert.Equal(bt52[4..7], r.Data[..3]);
        Assert.All(r.Data[3..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void Partial_read_entirely_beyond_the_table_returns_zeros()
    {
        MeterHarness h = NewHarness();
        Reply? r = h.Exchange(MeterHarness.PartialRead(MeterTableIds.BT01, 1000, 8));
        Assert.Equal(new byte[8], r!.Data);
    }

    [Fact]
    public void Reading_an_unknown_table_gets_0x05()
    {
        MeterHarness h = NewHarness();
        Assert.Equal(MepCodes.TableOperationNotPossible, h.Exchange(MeterHarness.PartialRead(0x0999, 0, 4))!.Code);
        h.Clock.Advance(200);
        Assert.Equal(MepCodes.TableOperationNotPossible, h.Exchange(MeterHarness.FullRead(MeterTableIds.ET70))!.Code); // Gen 3 has no ET70
    }

    [Fact]
    public void Full_read_of_a_table_that_fits_returns_all_of_it()
    {
        MeterHarness h = NewHarness();
        Reply? r = h.Exchange(MeterHarness.FullRead(MeterTableIds.BT23));
        Assert.Equal(220, r!.Data.Length); // Gen 3 without demand: 5 × 44 (§5.5)
    }

    [Fact]
    public void Full_read_of_Gen3Demand_BT23_is_refused_with_0x05_by_default()
    {
        MeterHarness h = NewHarness(MeterProfile.Gen3Demand());
        Assert.Equal(981, h.Meter.ReadTable(MeterTableIds.BT23)!.Length);

        Reply? r = h.Exchange(MeterHarness.FullRead(MeterTableIds.BT23));

        Assert.Equal(MepCodes.TableOperationNotPossible, r!.Code);
        Assert.Equal(1, h.Meter.Faults.Counters.OversizeRefused);
    }

    [Fact]
    public void Expected_0x05_answers_to_oversize_reads_are_not_counted_as_injected_faults()
    {
        MeterHarness h = NewHarness(MeterProfile.Gen3Demand());
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(MepCodes.TableOperationNotPossible, h.Exchange(MeterHarness.FullRead(MeterTableIds.BT23))!.Code);
            h.Clock.Advance(200);
        }

        // Faults are off: the stop line of `nesmep simulate` prints Total as "faults injected".
        Assert.Equal(3, h.Meter.Faults.Counters.OversizeRefused);
        Assert.Equal(0, h.Meter.Faults.Counters.Total);
    }

    [Fact]
    public void Oversize_reads_answered_in_a_fault_mode_count_as_injected_faults()
    {
        MeterHarness h = NewHarness(MeterProfile.Gen3Demand(), OversizeFullReadMode.Truncate);
        Assert.Equal(MepCodes.Ok, h.Exchange(MeterHarness.FullRead(MeterTableIds.BT23))!.Code);
        Assert.Equal(1, h.Meter.Faults.Counters.Total);
    }

    [Fact]
    public void Full_read_in_truncate_mode_returns_at_most_465_bytes_or_the_max_length()
    {
        MeterHarness h = NewHarness(MeterProfile.Gen3Demand(), OversizeFullReadMode.Truncate);
        byte[] full = h.Meter.ReadTable(MeterTableIds.BT23)!;

        Reply? r = h.Exchange(MeterHarness.FullRead(MeterTableIds.BT23, 512));
        Assert.Equal(MepCodes.MaxReadData, r!.Data.Length);
        Assert.Equal(full[..10], r.Data[..10]);
        Assert.Equal(476, r.Frame.Length - 2);

        h.Clock.Advance(200);
        Reply? small = h.Exchange(MeterHarness.FullRead(MeterTableIds.BT23, 100));
        Assert.Equal(100, small!.Data.Length);
        Assert.Equal(2, h.Meter.Faults.Counters.OversizeTruncated);
    }

    [Fact]
    public void Full_read_in_send_oversize_mode_puts_a_frame_longer_than_476_on_the_line()
    {
        MeterHarness h = NewHarness(MeterProfile.Gen3Demand(), OversizeFullReadMode.SendOversize);
        h.Send(h.Frame(MeterHarness.FullRead(MeterTableIds.BT23)));

        List<(long At, byte Value)> bytes = h.Collect(2000);

        Assert.Equal(981 + 11 + 2, bytes.Count);
        Assert.Equal(981 + 11, (bytes[0].Value << 8) | bytes[1].Value);
        Assert.Equal(1, h.Meter.Faults.Counters.OversizeSent);
    }

    [Fact]
    public void Mbk_may_not_write_BT23()
    {
        MeterHarness h = NewHarness();
        h.UseKey(Mbk);
        Reply? r = h.Exchange(MeterHarness.PartialWrite(MeterTableIds.BT23, 0, 1, 2, 3, 4));
        Assert.Equal(MepCodes.NoPermission, r!.Code);
    }

    [Fact]
    public void Mbk_may_write_ET50_but_not_ET13()
    {
        MeterHarness h = NewHarness();
        h.UseKey(Mbk);
        Assert.Equal(MepCodes.Ok, h.Exchange(MeterHarness.PartialWrite(MeterTableIds.ET50, 30, 0x03))!.Code);
        Assert.Equal(0x03, h.Meter.Tables.MepFlags);
        h.Clock.Advance(200);
        Assert.Equal(MepCodes.NoPermission, h.Exchange(MeterHarness.PartialWrite(MeterTableIds.ET13, 0, 9))!.Code);
    }

    [Fact]
    public void Mak_may_write_ET13_but_not_the_register_tables()
    {
        MeterHarness h = NewHarness();
        Assert.Equal(MepCodes.Ok, h.Exchange(MeterHarness.PartialWrite(MeterTableIds.ET13, 0, 9))!.Code);
        h.Clock.Advance(200);
        Assert.Equal(MepCodes.NoPermission, h.Exchange(MeterHarness.PartialWrite(MeterTableIds.BT28, 0, 9))!.Code);
        h.Clock.Advance(200);
        Assert.Equal(MepCodes.TableOperationNotPossible, h.Exchange(MeterHarness.PartialWrite(0x0999, 0, 9))!.Code);
    }

    [Fact]
    public void Write_past_the_end_keeps_only_what_fits()
    {
        MeterHarness h = NewHarness();
        var data = new byte[80];
        data[30] = 0x01;
        data[70] = 0x77;
        Assert.Equal(MepCodes.Ok, h.Exchange(MeterHarness.FullWrite(MeterTableIds.ET50, data))!.Code);
        byte[] et50 = h.Meter.ReadTable(MeterTableIds.ET50)!;
        Assert.Equal(71, et50.Length);
        Assert.Equal(0x77, et50[70]);
        Assert.Equal(MeterTables.Et50Registered, h.Meter.Tables.MepFlags);
    }

    [Fact]
    public void Unknown_request_code_gets_0x01_and_consumes_the_sequence_number()
    {
        MeterHarness h = NewHarness();
        byte[] request = h.RawFrame(new byte[] { 0x99, 0x00, 0x17 }, 101);

        Reply? r = h.Exchange(request);

        Assert.Equal(MepCodes.UnrecognizedRequest, r!.Code);
        Assert.True(h.DigestValid(request, r));
        Assert.Equal(101u, h.Meter.LastSequence);
    }

    [Fact]
    public void A_request_with_a_gap_over_50_ms_is_dropped()
    {
        MeterHarness h = NewHarness();
        byte[] frame = h.Frame(MeterHarness.PartialRead(MeterTableIds.BT52, 0, 7));
        h.Meter.ReceiveFromClient(frame, 0, 10);
        h.Clock.Advance(60);
        h.Meter.ReceiveFromClient(frame, 10, frame.Length - 10);

        Assert.Null(h.WaitReply(1000));
        Assert.True(h.Meter.Stats.RequestsTruncated >= 1);
        Assert.Equal(0, h.Meter.Stats.RequestsProcessed);
    }

    [Fact]
    public void A_request_sent_in_pieces_within_50_ms_is_answered()
    {
        MeterHarness h = NewHarness();
        byte[] frame = h.Frame(MeterHarness.PartialRead(MeterTableIds.BT52, 0, 7));
        for (int i = 0; i < frame.Length; i++)
        {
            h.Meter.ReceiveFromClient(frame, i, 1);
            h.Clock.Advance(40);
        }

        Assert.Equal(MepCodes.Ok, h.WaitReply()!.Code);
    }
}
