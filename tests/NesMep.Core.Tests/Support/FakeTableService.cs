using NesMep.Core.Link;
using NesMep.Core.Platform;

namespace NesMep.Core.Tests.Support;

/// <summary>
/// A table service with no wire protocol at all: each request is answered <see cref="LatencyMs"/> after
/// submission from <see cref="Tables"/> (the ScriptedMeter signature: count &lt; 0 means a full read, null means
/// the table is absent → response code 0x05). Proves the poller needs nothing but <see cref="ITableService"/>.
/// </summary>
public sealed class FakeTableService : ITableService
{
    private readonly VirtualClock _clock;
    private readonly LinkCounters _counters = new();
    private readonly TableRequest _current = new();
    private readonly byte[] _reply = new byte[600];
    private readonly byte[] _requestFrame = new byte[16];
    private bool _busy;
    private long _dueMs;
    private int _attentionPending;

    public FakeTableService(VirtualClock clock)
    {
        _clock = clock;
    }

    public Func<int, int, int, byte[]?> Tables { get; set; } = (_, _, count) => new byte[Math.Max(count, 0)];

    /// <summary>Response code for a write (0x00 unless a test says otherwise).</summary>
    public Func<TableRequest, byte> WriteResult { get; set; } = _ => 0x00;

    public int LatencyMs { get; set; } = 50;

    public List<(TableOperation Operation, int Table, int Offset, int Count, byte[]? Data)> Submitted { get; } = new();

    public int Hints { get; set; }

    /// <summary>Makes the next Poll report <see cref="LinkEvent.Attention"/> once.</summary>
    public void RaiseAttention()
    {
        _attentionPending++;
    }

    public string LinkName => "fake";

    public bool CanSubmit => !_busy;

    public bool Busy => _busy;

    public long NextDueMs() => _busy ? _dueMs : _clock.NowMs;

    public string? Check(TableRequest request) => request.Count > TableRequest.MaxReadCount ? "too large" : null;

    public void Submit(TableRequest request)
    {
        if (_busy)
        {
            throw new InvalidOperationException("busy");
        }

        _current.CopyFrom(request);
        byte[]? data = request.Data == null ? null : request.Data.Skip(request.DataOffset).Take(request.Count).ToArray();
        Submitted.Add((request.Operation, request.TableId, request.Offset, request.Count, data));
        _counters.Requests++;
        _requestFrame[0] = (byte)request.Operation;
        RequestFrameLength = 1;
        _busy = true;
        _dueMs = _clock.NowMs + LatencyMs;
    }

    public LinkEvent Poll()
    {
        if (_attentionPending > 0)
        {
            _attentionPending--;
            return LinkEvent.Attention;
        }

        if (!_busy || _clock.NowMs < _dueMs)
        {
            return LinkEvent.Idle;
        }

        _busy = false;
        LastVerifiedReplyMs = _clock.NowMs;
        ReplyDataOffset = 7; // anywhere inside the buffer: the poller must use the window it is given
        ReplyDataCount = 0;
        if (_current.IsWrite)
        {
            LastResponseCode = WriteResult(_current);
        }
        else
        {
            byte[]? data = Tables(_current.TableId, _current.Offset, _current.Operation == TableOperation.PartialRead ? _current.Count : -1);
            LastResponseCode = data == null ? (byte)0x05 : (byte)0x00;
            if (data != null)
            {
                Array.Copy(data, 0, _reply, ReplyDataOffset, data.Length);
                ReplyDataCount = data.Length;
            }
        }

        if (LastResponseCode == 0)
        {
            _counters.CompletedOk++;
            LastResult = LinkResult.Ok;
            LastError = null;
        }
        else
        {
            _counters.ErrorReplies++;
            LastResult = LinkResult.MeterError;
            LastError = "code " + LastResponseCode;
        }

        ReplyFrameLength = ReplyDataOffset + ReplyDataCount;
        return LinkEvent.Completed;
    }

    public LinkResult LastResult { get; private set; }

    public byte LastResponseCode { get; private set; }

    public string LastResponseName => LastResponseCode == 0 ? "ok" : "error";

    public string? LastError { get; private set; }

    public byte[] ReplyData => _reply;

    public int ReplyDataOffset { get; private set; }

    public int ReplyDataCount { get; private set; }

    public byte[] RequestFrame => _requestFrame;

    public int RequestFrameLength { get; private set; }

    public byte[] ReplyFrame => _reply;

    public int ReplyFrameLength { get; private set; }

    public long LastVerifiedReplyMs { get; private set; } = -1;

    public int ConsecutiveAuthenticationFailures => 0;

    public bool SessionReady => true;

    public int ConfigurationChangeHints => Hints;

    public LinkCounters Counters => _counters;
}
