namespace NesMep.Simulator;

/// <summary>
/// The meter's UART transmitter: a FIFO of bytes, each stamped with the time (microseconds of the
/// injected clock) its stop bit completes. One byte takes 10 bit times at 8N1 (1.0417 ms at 9600
/// baud, §2.2); replies pause 25 ms after every 117 bytes (§3.8). Everything the meter sends (replies,
/// alerts, noise) goes through here, so nothing ever interleaves with a reply.
/// </summary>
internal sealed class SerialTransmitter
{
    private readonly Queue<(long AtUs, byte Value)> _queue = new();
    private long _freeAtUs = long.MinValue;
    private long _lastTakenAtUs = long.MinValue / 4;

    public int BaudRate { get; set; } = 9600;

    /// <summary>Bytes per segment before a pause, and the pause (reference §3.8: 117 bytes, 25 ms).</summary>
    public int SegmentBytes { get; set; } = 117;

    public int SegmentPauseUs { get; set; } = 25_000;

    /// <summary>Time the line becomes idle (end of the last queued byte).</summary>
    public long FreeAtUs => _freeAtUs;

    public int Pending => _queue.Count;

    /// <summary>Line is idle at <paramref name="atUs"/>: nothing queued ends after it.</summary>
    public bool IdleAt(long atUs) => _freeAtUs <= atUs;

    /// <summary>
    /// Queues bytes starting no earlier than <paramref name="startUs"/> and not before the line is
    /// free. <paramref name="lost"/> marks bytes that take their time slot but never arrive.
    /// Returns the completion time of the last byte.
    /// </summary>
    public long Send(byte[] bytes, int count, long startUs, bool segmented, bool[]? lost = null)
    {
        long start = Math.Max(startUs, _freeAtUs);
        long bitsPerByteTimesMillion = 10L * 1_000_000L;
        long end = start;
        for (int i = 0; i < count; i++)
        {
            long at = start + ((i + 1) * bitsPerByteTimesMillion / BaudRate);
            if (segmented && SegmentBytes > 0)
            {
                at += i / SegmentBytes * (long)SegmentPauseUs;
            }

            end = at;
            if (lost == null || !lost[i])
            {
                _queue.Enqueue((at, bytes[i]));
            }
        }

        _freeAtUs = Math.Max(_freeAtUs, end);
        return end;
    }

    /// <summary>Dequeues bytes that have completely arrived by <paramref name="nowUs"/>.</summary>
    public int Read(byte[] buffer, int offset, int count, long nowUs)
    {
        int n = 0;
        while (n < count && _queue.Count > 0 && _queue.Peek().AtUs <= nowUs)
        {
            (long at, byte value) = _queue.Dequeue();
            _lastTakenAtUs = at;
            buffer[offset + n++] = value;
        }

        return n;
    }

    /// <summary>Drops bytes due by <paramref name="nowUs"/> (link cut); returns how many.</summary>
    public int Discard(long nowUs)
    {
        int n = 0;
        while (_queue.Count > 0 && _queue.Peek().AtUs <= nowUs)
        {
            _queue.Dequeue();
            n++;
        }

        return n;
    }

    /// <summary>Forgets everything queued (ENABLE off, lock-up); the line is free from <paramref name="nowUs"/>.</summary>
    public void Clear(long nowUs)
    {
        _queue.Clear();
        _freeAtUs = nowUs;
    }

    /// <summary>
    /// When the receiving side's "bytes arrived" event fires next, for a UART driver that signals the first
    /// byte after a quiet line, every <paramref name="chunk"/>th byte and the end of a burst (a FIFO threshold
    /// plus an idle timeout): the arrival time of that byte, or null when nothing is queued.
    /// </summary>
    public long? NextReceiveEventAtUs(int chunk)
    {
        long quietUs = 15L * 1_000_000L / BaudRate; // 1.5 byte times without a byte: the burst has ended
        long previous = _lastTakenAtUs;
        int i = 0;
        foreach ((long at, byte _) in _queue)
        {
            if (i == 0 && at - previous > quietUs)
            {
                return at;
            }

            if (i > 0 && at - previous > quietUs)
            {
                return previous;
            }

            if (i == chunk - 1)
            {
                return at;
            }

            previous = at;
            i++;
        }

        return i > 0 ? previous : null;
    }

    /// <summary>Arrival time of the next queued byte, or null.</summary>
    public long? NextAtUs => _queue.Count > 0 ? _queue.Peek().AtUs : null;
}
