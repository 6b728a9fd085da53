using NesMep.Core.Link;
using NesMep.Core.Protocol;
using NesMep.Core.Tests.Support;
using Xunit;

namespace NesMep.Core.Tests.Link;

/// <summary>MepLink seen through <see cref="ITableService"/>: the table request becomes the MEP request the poller always sent.</summary>
public class MepTableServiceTests
{
    private readonly VirtualClock _clock = new();
    private readonly MepKey _key = MepKey.Parse("0123456789ABCDEFGHIJ");
    private readonly ScriptedMeter _meter;
    private readonly MepLink _link;

    public MepTableServiceTests()
    {
        _meter = new ScriptedMeter(_clock, _key, 0x10);
        _meter.Tables = (table, offset, count) =>
        {
            byte[] data = new byte[count < 0 ? 9 : count];
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = (byte)(0x40 + offset + i);
            }

            return data;
        };
        _link = new MepLink(_meter, _clock, _meter, _key, new LinkSettings(), new ListLog());
    }

    private void Complete(ITableService service)
    {
        for (int t = 0; t < 20_000; t++)
        {
            if (service.Poll() == LinkEvent.Completed)
            {
                return;
            }

            _clock.Advance(1);
        }

        Assert.Fail("no completion");
    }

    private MepRequest LastReceived()
    {
        byte[] frame = _meter.Received[^1].Frame;
        var r = new MepRequest();
        Assert.True(MepRequestParser.TryParse(frame, 0, frame.Length, r, out _, out string? error), error);
        return r;
    }

    [Fact]
    public void A_full_read_carries_the_default_max_length_and_the_reply_window_is_the_table_data()
    {
        ITableService service = _link;
        Assert.Equal(LinkKind.Mep, service.LinkName);
        service.Submit(new TableRequest().SetFullRead(0x0001));
        Complete(service);

        MepRequest sent = LastReceived();
        Assert.Equal(MepCodes.FullRead, sent.Code);
        Assert.Equal(MepRequest.DefaultFullReadMaxLength, sent.MaxLength);
        Assert.Equal(LinkResult.Ok, service.LastResult);
        Assert.Equal("ok", service.LastResponseName);
        Assert.Equal(9, service.ReplyDataCount);
        Assert.Equal(0x40, service.ReplyData[service.ReplyDataOffset]);
        Assert.Equal(0x48, service.ReplyData[service.ReplyDataOffset + 8]);
        Assert.True(service.SessionReady, "the first 0x0C taught the sequence number");
    }

    [Fact]
    public void Partial_reads_and_writes_map_field_for_field()
    {
        ITableService service = _link;
        service.Submit(new TableRequest().SetPartialRead(0x17, 5, 3));
        Complete(service);
        MepRequest read = LastReceived();
        Assert.Equal((MepCodes.PartialRead, 0x17, 5, 3), (read.Code, read.TableId, read.Offset, read.Count));
        Assert.Equal(new byte[] { 0x45, 0x46, 0x47 }, service.ReplyData.Skip(service.ReplyDataOffset).Take(service.ReplyDataCount));

        _clock.Advance(200);
        byte[] data = { 9, 0x27, 0x08, 5, 4, 1, 0, 0 };
        service.Submit(new TableRequest().SetFullWrite(0x07, data, 1, 7));
        Complete(service);
        MepRequest write = LastReceived();
        Assert.Equal((MepCodes.FullWrite, 0x07, 7), (write.Code, write.TableId, write.Count));
        Assert.Equal(data.Skip(1).ToArray(), write.Data!.Skip(write.DataOffset).Take(write.Count).ToArray());
    }

    [Fact]
    public void Check_names_what_MEP_cannot_carry()
    {
        ITableService service = _link;
        Assert.Null(service.Check(new TableRequest().SetPartialRead(0x1C, 0, TableRequest.MaxReadCount)));
        Assert.Contains("476", service.Check(new TableRequest().SetPartialRead(0x1C, 0, TableRequest.MaxReadCount + 1)));
        Assert.NotNull(service.Check(new TableRequest()));
    }

    [Fact]
    public void The_MEP_counters_are_named_for_the_views_and_share_the_common_integrity_and_key_counts()
    {
        MepLinkCounters c = _link.Counters;
        var names = Enumerable.Range(0, c.SpecificCount).Select(c.SpecificName).ToArray();
        Assert.Equal(new[]
        {
            "digest_failures", "authentication_failures_0x0b", "sequence_errors_0x0c", "stale_replies", "sequence_jumps", "alerts",
            "noise_bytes", "truncated_frames", "oversize_frames",
        }, names);
        Assert.All(Enumerable.Range(0, c.SpecificCount), i => Assert.False(string.IsNullOrEmpty(c.SpecificHelp(i))));

        c.IntegrityFailures = 3;
        c.AuthenticationFailures = 2;
        Assert.Equal(3, c.DigestFailures);
        Assert.Equal(3, c.SpecificValue(c.IndexOfSpecific("digest_failures")));
        Assert.Equal(2, c.SpecificValue(c.IndexOfSpecific("authentication_failures_0x0b")));
        Assert.Equal(-1, c.IndexOfSpecific("nak_replies"));
    }
}
