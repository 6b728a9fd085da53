using NesMep.Core.Platform;
using NesMep.Core.Protocol;

namespace NesMep.Benchmarks;

/// <summary>
/// An allocation-free in-process fake meter on a virtual line. It behaves like ScriptedMeter in the
/// normal case (§4.3 sequence window of 8 with 0x0C carrying last+1, digest check, 0x05 for absent
/// tables, reply bytes readable after a latency plus the 9600 baud byte time) but preallocates
/// everything: request frames are cut by a <see cref="MepFrameAssembler"/>, parsed into one reused
/// <see cref="MepRequest"/>, answered with <see cref="MepResponseWriter"/> into one reply buffer and
/// queued on a fixed ring of (byte, due time). Its own allocation is measured around every call
/// the link makes into it (<see cref="OwnAllocatedBytes"/>) so the core's share can be separated.
/// </summary>
public sealed class BenchMeter : IByteTransport, ITransceiverControl
{
    private const int RingSize = 4096; // power of two; a few replies at most are ever queued
    private const int FrameCapacity = 2 + MepCodes.MaxFrameBody;

    private readonly BenchClock _clock;
    private readonly Gen3Tables _tables;
    private readonly MepDigest _digest;
    private readonly MepFrameAssembler _assembler = new(false, 50);
    private readonly MepRequest _request = new();
    private readonly byte[] _frame = new byte[FrameCapacity];
    private readonly byte[] _reply = new byte[FrameCapacity];
    private readonly byte[] _window = new byte[MepCodes.MaxReadData];
    private readonly byte[] _ringData = new byte[RingSize];
    private readonly long[] _ringAt = new long[RingSize];
    private int _head; // next byte to deliver
    private int _count;

    public BenchMeter(BenchClock clock, Gen3Tables tables, MepKey key, uint lastSequence)
    {
        _clock = clock;
        _tables = tables;
        _digest = new MepDigest(key);
        LastSequence = lastSequence;
    }

    public uint LastSequence { get; set; }

    public int LatencyMs { get; set; } = 20;

    public bool Powered { get; private set; } = true;

    /// <summary>Request frames received (every transmission, including resends).</summary>
    public long Requests { get; private set; }

    public long OkReplies { get; private set; }

    public long Refusals { get; private set; }

    public long SequenceErrors { get; private set; }

    public long AuthFailures { get; private set; }

    /// <summary>BT52 (clock) reads answered; the poller reads it hourly.</summary>
    public long ClockReads { get; private set; }

    /// <summary>Bytes the client wrote (requests).</summary>
    public long RequestBytes { get; private set; }

    /// <summary>Bytes the client read (responses).</summary>
    public long ResponseBytes { get; private set; }

    /// <summary>Managed bytes allocated on this thread inside this fake meter's methods.</summary>
    public long OwnAllocatedBytes { get; private set; }

    public int Read(byte[] buffer, int offset, int count)
    {
        long a0 = GC.GetAllocatedBytesForCurrentThread();
        long now = _clock.NowMs;
        int n = 0;
        while (n < count && _count > 0 && _ringAt[_head] <= now)
        {
            buffer[offset + n++] = _ringData[_head];
            _head = (_head + 1) & (RingSize - 1);
            _count--;
        }

        ResponseBytes += n;
        OwnAllocatedBytes += GC.GetAllocatedBytesForCurrentThread() - a0;
        return n;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        long a0 = GC.GetAllocatedBytesForCurrentThread();
        if (Powered)
        {
            RequestBytes += count;
            long now = _clock.NowMs;
            for (int i = 0; i < count; i++)
            {
                if (_assembler.Feed(buffer[offset + i], now) == MepFrameAssembler.EventFrame)
                {
                    int length = _assembler.FrameLength;
                    Array.Copy(_assembler.Buffer, 0, _frame, 0, length);
                    OnRequest(length, now);
                }
            }
        }

        OwnAllocatedBytes += GC.GetAllocatedBytesForCurrentThread() - a0;
    }

    public void SetPowered(bool on)
    {
        Powered = on;
        if (!on)
        {
            _head = 0;
            _count = 0;
            _assembler.Clear();
        }
    }

    private void OnRequest(int length, long now)
    {
        Requests++;
        int replyLength;
        if (!MepRequestParser.DigestValid(_digest, _frame, 0, length) ||
            !MepRequestParser.TryParse(_frame, 0, length, _request, out uint seq, out _))
        {
            AuthFailures++;
            replyLength = MepResponseWriter.WriteAuthenticationFailure(_reply, 0);
        }
        else
        {
            uint ahead = seq - LastSequence;
            if (ahead < 1 || ahead > 8)
            {
                SequenceErrors++;
                replyLength = MepResponseWriter.WriteInvalidSequence(LastSequence + 1, _frame, 0, length, _digest, _reply, 0);
            }
            else
            {
                LastSequence = seq;
                replyLength = Answer(length, now);
            }
        }

        Schedule(replyLength, now);
    }

    private int Answer(int length, long now)
    {
        MepRequest r = _request;
        if (r.Code != MepCodes.FullRead && r.Code != MepCodes.PartialRead)
        {
            OkReplies++;
            return MepResponseWriter.WriteCode(MepCodes.Ok, _frame, 0, length, _digest, _reply, 0);
        }

        byte[]? image = _tables.Image(r.TableId);
        if (image == null)
        {
            Refusals++;
            return MepResponseWriter.WriteCode(MepCodes.TableOperationNotPossible, _frame, 0, length, _digest, _reply, 0);
        }

        if (r.TableId == NesMep.Core.Tables.TableIds.BT23)
        {
            _tables.Tick(now);
        }
        else if (r.TableId == NesMep.Core.Tables.TableIds.BT52)
        {
            ClockReads++;
        }

        OkReplies++;
        if (r.Code == MepCodes.FullRead)
        {
            return MepResponseWriter.WriteReadReply(_frame, 0, length, image, 0, image.Length, _digest, _reply, 0);
        }

        if (r.Offset + r.Count <= image.Length)
        {
            return MepResponseWriter.WriteReadReply(_frame, 0, length, image, r.Offset, r.Count, _digest, _reply, 0);
        }

        // Window past the end of the image: zero-padded, like the test meter.
        Array.Clear(_window, 0, r.Count);
        if (r.Offset < image.Length)
        {
            Array.Copy(image, r.Offset, _window, 0, image.Length - r.Offset);
        }

        return MepResponseWriter.WriteReadReply(_frame, 0, length, _window, 0, r.Count, _digest, _reply, 0);
    }

    private void Schedule(int length, long now)
    {
        if (_count + length > RingSize)
        {
            throw new InvalidOperationException("bench meter ring overflow");
        }

        // Latency, then one byte per 1.04 ms at 9600 8N1.
        long start = now + LatencyMs;
        int tail = (_head + _count) & (RingSize - 1);
        for (int i = 0; i < length; i++)
        {
            _ringData[tail] = _reply[i];
            _ringAt[tail] = start + (i * 10 * 1000) / 9600;
            tail = (tail + 1) & (RingSize - 1);
        }

        _count += length;
    }
}
