using NesMep.Core.Link;
using NesMep.Core.Model;
using NesMep.Core.Polling;
using NesMep.Core.Tests.Support;
using Xunit;

namespace NesMep.Core.Tests.Polling;

/// <summary>
/// The poller over a table service that is not MEP (<see cref="FakeTableService"/>): the same schedule, values,
/// alert chain and IDT check as over MepLink, through <see cref="ITableService"/> alone (issue 13 item 1).
/// </summary>
public class TableServicePollerTests
{
    private readonly VirtualClock _clock = new();
    private readonly MeterReading _reading = new(new QualitySettings());
    private readonly Gen3MeterImages _images = new();
    private readonly FakeTableService _service;
    private readonly MeterPoller _poller;

    public TableServicePollerTests()
    {
        _service = new FakeTableService(_clock) { Tables = _images.Serve };
        _poller = new MeterPoller(_service, _clock, new PollSettings(), _reading, new ListLog());
    }

    private void Run(int ms)
    {
        for (int t = 0; t < ms; t++)
        {
            _poller.Poll();
            _clock.Advance(1);
        }
    }

    [Fact]
    public void Configures_and_polls_with_the_same_reads_and_values_as_over_MEP()
    {
        Run(15_000);

        Assert.Equal(PollPhase.Polling, _poller.Phase);
        var first = _service.Submitted[0];
        Assert.Equal((TableOperation.FullRead, 0x34), (first.Operation, first.Table));
        var configTables = _service.Submitted.TakeWhile(r => r.Operation == TableOperation.FullRead || r.Table is 0x832 or 0x804)
            .Select(r => r.Table).Distinct().ToList();
        Assert.Equal(new[] { 0x34, 0x00, 0x01, 0x15, 0x16, 0x1B, 0x803, 0x80B, 0x832, 0x804 }, configTables);
        Assert.Contains(_service.Submitted, r => r is { Operation: TableOperation.PartialRead, Table: 0x1C });
        Assert.Contains(_service.Submitted, r => r is { Operation: TableOperation.PartialRead, Table: 0x17, Offset: 0 });

        // The values come from the reply window the service names (its data sits at offset 7 of its buffer).
        Assert.Equal(1_234_567, _reading.Value(Quantity.EnergyImportWh));
        Assert.Equal(432, _reading.Value(Quantity.PowerImportW));
        Assert.Equal(50012, _reading.Value(Quantity.FrequencymHz));
        Assert.Equal("NES", _poller.Tables.Manufacturer.Manufacturer);
    }

    [Fact]
    public void Attention_runs_the_alert_chain_and_a_refused_procedure_is_retried_with_the_next_sequence_number()
    {
        _images.AlertFlags = 0x01; // scheduled read request → EP39 type 4
        int bt07Writes = 0;
        _service.WriteResult = r => r.TableId == 0x07 && ++bt07Writes == 1 ? TableResponseCodes.OperationNotPossible : TableResponseCodes.Ok;
        Run(15_000);
        int before = _service.Submitted.Count;

        _service.RaiseAttention();
        Run(4_000);
        var after = _service.Submitted.Skip(before).ToList();

        Assert.Equal(1, _poller.AlertsHandled);
        Assert.Contains(after, r => r is { Operation: TableOperation.PartialRead, Table: 0x80D, Count: 1 });
        var writes = after.Where(r => r.Table == 0x07).ToList();
        Assert.Equal(2, writes.Count);
        Assert.All(writes, w => Assert.Equal(TableOperation.FullWrite, w.Operation));
        Assert.All(writes, w => Assert.Equal(new byte[] { 0x27, 0x08 }, w.Data!.Take(2))); // EP39 = 2048 + 39, LE (§3.6)
        Assert.NotEqual(writes[0].Data![2], writes[1].Data![2]);
        Assert.InRange(writes[1].Data![2], ProcedureSequence.First, ProcedureSequence.Last);
        Assert.Contains(after, r => r is { Operation: TableOperation.FullRead, Table: 0x08 });
    }

    [Fact]
    public void A_configuration_change_hint_while_polling_checks_the_IDT_version_once()
    {
        Run(15_000);
        int before = _service.Submitted.Count;
        _service.Hints++;
        Run(5_000);

        Assert.Equal(1, _service.Submitted.Skip(before).Count(r => r.Table == 0x804));
        Assert.Equal(PollPhase.Polling, _poller.Phase);
    }

    [Fact]
    public void A_console_read_goes_through_the_service_and_keeps_its_frames()
    {
        Run(15_000);
        var read = new ManualRead();
        read.Request.SetFullRead(0x01);
        Assert.True(_poller.TryQueueManual(read));
        Run(500);

        Assert.Equal(ManualRead.StateDone, read.State);
        Assert.Equal(LinkResult.Ok, read.Result);
        Assert.Equal(7 + 16, read.ResponseLength);

        var tooLarge = new ManualRead();
        tooLarge.Request.SetPartialRead(0x1C, 0, TableRequest.MaxReadCount + 1);
        Assert.False(_poller.TryQueueManual(tooLarge), "the service's Check refuses it");
    }
}
