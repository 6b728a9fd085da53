using NesMep.Core.Link;
using NesMep.Core.Model;
using NesMep.Core.Polling;
using NesMep.Core.Protocol;
using NesMep.Core.Tests.Support;
using Xunit;

namespace NesMep.Core.Tests.Polling;

/// <summary>
/// The scheduler driven against a scripted Gen 3 meter under virtual time (tables: <see cref="Gen3MeterImages"/>).
/// </summary>
public class MeterPollerTests
{
    private readonly VirtualClock _clock = new();
    private readonly MepKey _key = MepKey.Parse("0123456789ABCDEFGHIJ");
    private readonly ScriptedMeter _meter;
    private readonly MeterReading _reading = new(new QualitySettings());
    private readonly MeterPoller _poller;
    private readonly ListLog _log = new();
    private readonly Gen3MeterImages _images = new();

    public MeterPollerTests()
    {
        _meter = new ScriptedMeter(_clock, _key, 0x10);
        _meter.Tables = _images.Serve;
        var link = new MepLink(_meter, _clock, _meter, _key, new LinkSettings(), _log);
        _poller = new MeterPoller(link, _clock, new PollSettings(), _reading, _log);
    }

    private void Run(int ms)
    {
        for (int t = 0; t < ms; t++)
        {
            _poller.Poll();
            _clock.Advance(1);
        }
    }

    private List<MepRequest> Requests()
    {
        var list = new List<MepRequest>();
        foreach (var (_, frame) in _meter.Received)
        {
            var r = new MepRequest();
            Assert.True(MepRequestParser.TryParse(frame, 0, frame.Length, r, out _, out string? error), error);
            list.Add(r);
        }

        return list;
    }

    [Fact]
    public void Starts_with_BT52_then_reads_configuration_then_polls_with_partial_reads()
    {
        Run(15_000);
        List<MepRequest> requests = Requests();

        Assert.Equal(MepCodes.FullRead, requests[0].Code);
        Assert.Equal(0x34, requests[0].TableId);
        Assert.Equal(0x200, requests[0].MaxLength);
        Assert.Equal(PollPhase.Polling, _poller.Phase);

        // The first BT52 is sent twice: the meter answers 0x0C and the link resends with the learned number.
        var configTables = requests.TakeWhile(r => r.Code == MepCodes.FullRead || r.TableId is 0x832 or 0x804)
            .Select(r => r.TableId).Distinct().ToList();
        Assert.Equal(new[] { 0x34, 0x00, 0x01, 0x15, 0x16, 0x1B, 0x803, 0x80B, 0x832, 0x804 }, configTables);

        var steady = requests.SkipWhile(r => r.TableId != 0x1C && r.TableId != 0x17).ToList();
        Assert.NotEmpty(steady);
        Assert.All(steady, r => Assert.Equal(MepCodes.PartialRead, r.Code));
        Assert.Contains(steady, r => r.TableId == 0x17 && r.Offset == 0 && r.Count == 16);
        // Totals and per-phase powers (values 0..31 in the default order) in one read.
        Assert.Contains(steady, r => r.TableId == 0x1C && r.Offset == 0 && r.Count == 128);
        Assert.Contains(steady, r => r.TableId == 0x1C && r.Offset == 47 * 4 && r.Count == 32);
        Assert.DoesNotContain(_meter.Received, r => r.Frame.Length > 478);
    }

    [Fact]
    public void Publishes_decoded_values_located_by_source_id_with_signs_kept()
    {
        Run(15_000);
        long now = _clock.NowMs;

        Assert.True(_reading.IsAvailable(Quantity.EnergyImportWh, now));
        Assert.Equal(1_234_567, _reading.Value(Quantity.EnergyImportWh));
        Assert.Equal(4321, _reading.Value(Quantity.EnergyExportWh));
        Assert.Equal(432, _reading.Value(Quantity.PowerImportW));
        Assert.Equal(228693, _reading.Value(Quantity.VoltageL1mV));
        Assert.Equal(50012, _reading.Value(Quantity.FrequencymHz));
        Assert.Equal(-7, _reading.Value(Quantity.PowerExportL1W));
        Assert.Equal(400, _reading.Value(Quantity.AvgPowerImportW));
        Assert.Equal("NES", _reading.Identity.Manufacturer);
        Assert.Equal("83331-3I", _reading.Identity.Model);
        Assert.Equal("3.10.21", _reading.Identity.FirmwareVersion);
        Assert.Equal("49.85", _reading.Identity.FirmwareLegacy);
        Assert.Equal("5706567012345678", _reading.Identity.UtilitySerial);
        Assert.Equal(new DateTime(2026, 11, 21, 12, 0, 5, DateTimeKind.Utc), _reading.MeterClockUtc);
    }

    [Fact]
    public void Average_request_rate_stays_at_or_below_one_per_second()
    {
        Run(20_000);
        int before = _meter.Received.Count;
        Run(120_000);
        int reads = _meter.Received.Count - before;
        string byTable = string.Join(", ", Requests().Skip(before).GroupBy(r => r.TableId.ToString("X") + "@" + r.Offset).Select(g => g.Key + "=" + g.Count()));
        Assert.True(reads >= 90 && reads <= 120, reads + " reads: " + byTable);
    }

    [Fact]
    public void Values_become_unavailable_when_the_link_is_down_longer_than_the_timeout()
    {
        Run(15_000);
        Assert.True(_reading.IsAvailable(Quantity.PowerImportW, _clock.NowMs));

        _meter.Enqueue(Enumerable.Repeat(MeterAction.LoseRequest, 1000).ToArray());
        Run(20_000);
        Assert.True(_reading.IsAvailable(Quantity.PowerImportW, _clock.NowMs), "still within 30 s");
        Run(15_000);
        Assert.False(_reading.IsAvailable(Quantity.PowerImportW, _clock.NowMs));
        Assert.False(_reading.IsAvailable(Quantity.EnergyImportWh, _clock.NowMs));
        Assert.True(_reading.AgeMs(Quantity.PowerImportW, _clock.NowMs) > 30_000);
    }

    [Fact]
    public void Energy_spike_from_the_meter_is_rejected_and_counted()
    {
        Run(15_000);
        _images.ImportWh += 10_000_000; // 10 MWh in a few seconds: impossible on a 35 A supply
        Run(10_000);
        Assert.Equal(1_234_567, _reading.Value(Quantity.EnergyImportWh));
        Assert.True(_reading.ImportFilter.Jumps >= 1);
    }

    [Fact]
    public void Alert_reads_ET13_flags_and_only_acts_when_a_flag_asks_for_it()
    {
        Run(15_000);
        int before = _meter.Received.Count;
        _meter.Emit(0x00, 0x00);
        Run(2_000);
        List<MepRequest> after = Requests().Skip(before).ToList();
        Assert.Contains(after, r => r.TableId == 0x80D && r.Code == MepCodes.PartialRead && r.Offset == 4 * 66 + 8 && r.Count == 1);
        Assert.DoesNotContain(after, r => r.TableId == 0x07);

        _images.AlertFlags = 0x10; // delta data alert → EP39 "clear delta data alert" (§3.7)
        _clock.Advance(10_000);
        before = _meter.Received.Count;
        _meter.Emit(0x00, 0x00);
        Run(3_000);
        after = Requests().Skip(before).ToList();
        MepRequest write = Assert.Single(after, r => r.TableId == 0x07);
        Assert.Equal(MepCodes.FullWrite, write.Code);
        byte[] data = write.Data.AsSpan(write.DataOffset, write.Count).ToArray();
        Assert.Equal(0x0827, ByteOrder.ReadUInt16LE(data, 0));
        Assert.InRange(data[2], 5, 9);
        Assert.Equal(12, data[3]);
        Assert.Contains(after, r => r.TableId == 0x08 && r.Code == MepCodes.FullRead);
    }

    [Fact]
    public void Manual_read_jumps_the_queue_and_keeps_both_frames()
    {
        Run(15_000);
        var manual = new ManualRead();
        manual.Request.SetFullRead(0x01);
        Assert.True(_poller.TryQueueManual(manual));
        Run(500);
        Assert.Equal(ManualRead.StateDone, manual.State);
        Assert.Equal(LinkResult.Ok, manual.Result);
        Assert.Equal(0x30, manual.RequestFrame[2]);
        Assert.Equal(16 + 13, manual.ResponseLength);

        var write = new ManualRead();
        write.Request.SetFullWrite(0x07, new byte[3], 0, 3);
        Assert.False(_poller.TryQueueManual(write));
    }

    private static byte[] Window(byte[] image, int offset, int count)
    {
        if (count < 0)
        {
            return image;
        }

        byte[] window = new byte[count];
        Array.Copy(image, Math.Min(offset, image.Length), window, 0, Math.Max(0, Math.Min(count, image.Length - offset)));
        return window;
    }

    [Fact]
    public void Procedure_0x04_is_retried_with_the_next_PSN_in_every_alert_chain_not_only_the_first_three_times()
    {
        int bt07Writes = 0;
        // Every BT07 write but each third one is refused as a repeated procedure sequence number (§3.6).
        _meter.WriteResult = r => r.TableId == 0x07 && ++bt07Writes % 3 != 0 ? MepCodes.OperationNotPossible : MepCodes.Ok;
        _images.AlertFlags = 0x01; // scheduled read request → EP39 type 4
        Run(15_000);

        for (int chain = 0; chain < 2; chain++)
        {
            _clock.Advance(10_000);
            int before = _meter.Received.Count;
            _meter.Emit(0x00, 0x00);
            Run(4_000);
            List<MepRequest> after = Requests().Skip(before).ToList();
            List<MepRequest> writes = after.Where(r => r.TableId == 0x07).ToList();
            Assert.Equal(3, writes.Count);
            for (int i = 1; i < writes.Count; i++)
            {
                Assert.NotEqual(writes[i - 1].Data![writes[i - 1].DataOffset + 2], writes[i].Data![writes[i].DataOffset + 2]);
            }

            Assert.All(writes, w => Assert.Equal(4, w.Data![w.DataOffset + 3]));
            Assert.Contains(after, r => r.TableId == 0x08 && r.Code == MepCodes.FullRead);
        }
    }

    [Fact]
    public void Sequence_jump_with_a_new_IDT_version_reads_the_configuration_again_and_checks_ET04_once()
    {
        byte idt = 7;
        _meter.Tables = (t, o, c) =>
        {
            if (t != 0x804)
            {
                return _images.Serve(t, o, c);
            }

            byte[] et04 = new byte[140];
            et04[116] = idt;
            return Window(et04, o, c);
        };
        Run(15_000);
        Assert.Equal(PollPhase.Polling, _poller.Phase);
        Assert.Equal(7, _poller.Tables.ConfiguredIdtVersion);

        int before = _meter.Received.Count;
        idt = 8;
        _meter.LastSequence += 25; // §4.3: a reconfiguration adds 25 to the meter's sequence number
        Run(10_000);
        List<MepRequest> after = Requests().Skip(before).ToList();

        Assert.Equal(1, _poller.Link.ConfigurationChangeHints);
        Assert.Equal(8, _poller.Tables.ConfiguredIdtVersion);
        Assert.Equal(PollPhase.Polling, _poller.Phase);
        Assert.Equal(1, after.Count(r => r.TableId == 0x15)); // BT21 read again
        Assert.Equal(1, after.Count(r => r.TableId == 0x804)); // the check itself; no second ET04 after re-planning
    }

    [Fact]
    public void Sequence_jump_without_an_IDT_change_does_not_reconfigure()
    {
        _meter.Tables = (t, o, c) => t == 0x804 ? Window(new byte[140], o, c) : _images.Serve(t, o, c);
        Run(15_000);
        int before = _meter.Received.Count;
        _meter.LastSequence += 25;
        Run(5_000);
        List<MepRequest> after = Requests().Skip(before).ToList();

        Assert.Equal(1, after.Count(r => r.TableId == 0x804));
        Assert.DoesNotContain(after, r => r.TableId == 0x15);
        Assert.Equal(PollPhase.Polling, _poller.Phase);
    }

    [Fact]
    public void A_configuration_table_that_does_not_decode_gets_its_retries_even_after_an_earlier_link_failure()
    {
        int bt21Replies = 0;
        _meter.Tables = (t, o, c) => t == 0x15 && ++bt21Replies <= 2 ? new byte[3] : _images.Serve(t, o, c);
        // BT52 (0x0C), BT52, BT00 (refused), BT01, then two 0x0B in a row fail the first BT21 read at link level.
        _meter.Enqueue(MeterAction.Normal, MeterAction.Normal, MeterAction.Normal, MeterAction.Normal,
            MeterAction.AuthFail, MeterAction.AuthFail);
        Run(40_000);

        Assert.Equal(PollPhase.Polling, _poller.Phase);
        Assert.Equal(3, bt21Replies);
        Assert.True(_poller.Tables.Dimensions.IsKnown);
        Assert.False(_poller.Tables.Dimensions.IsAssumed);
    }
}
