using NesMep.Core.Platform;
using NesMep.Core.Protocol;

namespace NesMep.Core.Tests.Support;

/// <summary>What the scripted meter does with the next request it receives.</summary>
public enum MeterAction
{
    /// <summary>Behave like a meter: sequence window, digest check, table data.</summary>
    Normal,

    /// <summary>Process the request (consume its sequence number) but lose the reply.</summary>
    DropReply,

    /// <summary>Never see the request (lost on the way in).</summary>
    LoseRequest,

    /// <summary>Answer 0x0B.</summary>
    AuthFail,

    /// <summary>Process normally but send only the first 6 bytes of the reply.</summary>
    Truncate,

    /// <summary>Process normally, flip one bit in the reply's table data.</summary>
    CorruptReply,

    /// <summary>Send noise bytes, then the normal reply without a pause.</summary>
    NoiseThenReply,

    /// <summary>Transceiver locked up: nothing answers until the client power-cycles it.</summary>
    LockUp,
}

/// <summary>
/// A scripted fake meter on an in-memory line under a virtual clock. It checks every request the way
/// the guide describes (§4.3 window of 8, 0x0C with last+1, digest with the key) and can be told to
/// misbehave for particular requests. Replies become readable after a fixed latency plus the time the
/// bytes need at 9600 baud.
/// </summary>
public sealed class ScriptedMeter : IByteTransport, ITransceiverControl
{
    private readonly VirtualClock _clock;
    private readonly MepDigest _digest;
    private readonly Queue<MeterAction> _script = new();
    private readonly List<(long At, byte Value)> _toClient = new();
    private readonly MepFrameAssembler _assembler = new(false, 50);
    private bool _lockedUp;

    public ScriptedMeter(VirtualClock clock, MepKey key, uint lastSequence)
    {
        _clock = clock;
        _digest = new MepDigest(key);
        LastSequence = lastSequence;
    }

    public uint LastSequence { get; set; }

    public int LatencyMs { get; set; } = 20;

    public Func<int, int, int, byte[]?> Tables { get; set; } = (table, offset, count) => new byte[count];

    /// <summary>Response code for a write request (default 0x00); e.g. 0x04 for a repeated BT07 procedure sequence number.</summary>
    public Func<MepRequest, byte> WriteResult { get; set; } = _ => MepCodes.Ok;

    /// <summary>Every request frame as received, with its arrival time.</summary>
    public List<(long AtMs, byte[] Frame)> Received { get; } = new();

    public List<string> Events { get; } = new();

    public bool Powered { get; private set; } = true;

    public void Enqueue(params MeterAction[] actions)
    {
        foreach (MeterAction a in actions)
        {
            _script.Enqueue(a);
        }
    }

    /// <summary>Puts raw bytes on the line (noise, alert) at the current time.</summary>
    public void Emit(params byte[] bytes)
    {
        foreach (byte b in bytes)
        {
            _toClient.Add((_clock.NowMs, b));
        }
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        int n = 0;
        while (n < count && _toClient.Count > 0 && _toClient[0].At <= _clock.NowMs)
        {
            buffer[offset + n++] = _toClient[0].Value;
            _toClient.RemoveAt(0);
        }

        return n;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        if (!Powered)
        {
            return;
        }

        for (int i = 0; i < count; i++)
        {
            if (_assembler.Feed(buffer[offset + i], _clock.NowMs) == MepFrameAssembler.EventFrame)
            {
                byte[] frame = _assembler.Buffer.AsSpan(0, _assembler.FrameLength).ToArray();
                Received.Add((_clock.NowMs, frame));
                OnRequest(frame);
            }
        }
    }

    public void SetPowered(bool on)
    {
        Powered = on;
        if (!on)
        {
            _lockedUp = false;
            _toClient.Clear();
            Events.Add("power-off");
        }
    }

    private void OnRequest(byte[] frame)
    {
        MeterAction action = _script.Count > 0 ? _script.Dequeue() : MeterAction.Normal;
        if (_lockedUp || action == MeterAction.LockUp)
        {
            _lockedUp = true;
            Events.Add("locked");
            return;
        }

        if (action == MeterAction.LoseRequest)
        {
            Events.Add("lost-request");
            return;
        }

        byte[] reply = new byte[478];
        int length;
        var request = new MepRequest();
        if (action == MeterAction.AuthFail || !MepRequestParser.DigestValid(_digest, frame, 0, frame.Length) ||
            !MepRequestParser.TryParse(frame, 0, frame.Length, request, out uint seq, out _))
        {
            length = MepResponseWriter.WriteAuthenticationFailure(reply, 0);
            Events.Add("0x0B");
        }
        else
        {
            uint ahead = seq - LastSequence;
            if (ahead < 1 || ahead > 8)
            {
                length = MepResponseWriter.WriteInvalidSequence(LastSequence + 1, frame, 0, frame.Length, _digest, reply, 0);
                Events.Add("0x0C");
            }
            else
            {
                LastSequence = seq;
                length = Answer(request, frame, reply);
            }
        }

        switch (action)
        {
            case MeterAction.DropReply:
                Events.Add("dropped-reply");
                return;
            case MeterAction.Truncate:
                length = Math.Min(length, 6);
                Events.Add("truncated");
                break;
            case MeterAction.CorruptReply:
                reply[length - 9] ^= 0x10;
                Events.Add("corrupted");
                break;
            case MeterAction.NoiseThenReply:
                Schedule(new byte[] { 0xFF, 0x01, 0x7E }, 3, 0);
                Events.Add("noise");
                break;
        }

        Schedule(reply, length, action == MeterAction.NoiseThenReply ? 3 : 0);
    }

    private int Answer(MepRequest request, byte[] frame, byte[] reply)
    {
        if (request.Code == MepCodes.PartialRead || request.Code == MepCodes.FullRead)
        {
            byte[]? data = Tables(request.TableId, request.Offset, request.Code == MepCodes.PartialRead ? request.Count : -1);
            if (data == null)
            {
                Events.Add("0x05");
                return MepResponseWriter.WriteCode(MepCodes.TableOperationNotPossible, frame, 0, frame.Length, _digest, reply, 0);
            }

            Events.Add("ok");
            return MepResponseWriter.WriteReadReply(frame, 0, frame.Length, data, 0, data.Length, _digest, reply, 0);
        }

        byte code = WriteResult(request);
        Events.Add(code == MepCodes.Ok ? "ok-write" : "0x" + code.ToString("X2"));
        return MepResponseWriter.WriteCode(code, frame, 0, frame.Length, _digest, reply, 0);
    }

    private void Schedule(byte[] bytes, int length, int alreadyQueued)
    {
        // Latency, then one byte per 1.04 ms at 9600 8N1.
        long start = _clock.NowMs + LatencyMs + alreadyQueued;
        for (int i = 0; i < length; i++)
        {
            _toClient.Add((start + (i * 10 * 1000) / 9600, bytes[i]));
        }
    }
}
