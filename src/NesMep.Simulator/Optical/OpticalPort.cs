using NesMep.Core.Optical;
using NesMep.Core.Platform;

namespace NesMep.Simulator.Optical;

/// <summary>
/// The meter side of the optical port (ANSI C12.18, reference §13): cuts packets with the core's
/// assembler, NAKs a bad CRC, ACKs a good packet and answers it after a short latency, recognises a
/// resent request by its toggle bit and CRC (ACKs it and resends the reply instead of executing it
/// again), splits replies into the negotiated packets and resends each on NAK or a missing ACK, ends
/// the session after the traffic timeout, and injects the MEP simulator's line faults. On a Gen 2/3
/// profile the port shares the UART with MEP (§2.1): the first frame is NAKed while it switches over,
/// and MEP goes unanswered until the session ends. Tables come from the same <see cref="MeterSimulator"/>.
/// Pure logic under the meter's clock; public members are thread-safe.
/// </summary>
public sealed class OpticalPort : IMeterPort
{
    private const long Never = long.MinValue / 4;

    /// <summary>Requests are at most a few dozen bytes; a longer announced length is noise.</summary>
    private const int MaxRequestData = 1024;

    private readonly object _gate = new();
    private readonly IClock _clock;
    private readonly C1218PacketAssembler _assembler;
    private readonly SerialTransmitter _tx = new();
    private readonly OpticalSession _session;
    private readonly bool _shared;
    private readonly List<byte[]> _replyPackets = new();
    private bool _holdsUart;
    private bool _lastKnown;
    private bool _lastToggle;
    private int _lastCrc;
    private bool _toggle;
    private byte[]? _dueRequest;
    private long _dueAtMs = Never;
    private int _replyIndex = -1;
    private bool _awaitingAck;
    private long _ackDeadlineUs;
    private int _resends;
    private ReplyPlan? _plan;
    private long _lastPacketMs = Never;
    private long _nextNoiseSecondMs;

    public OpticalPort(MeterSimulator meter, OpticalOptions? options = null, Random? faultRandom = null)
    {
        Meter = meter;
        Options = options ?? new OpticalOptions();
        _clock = meter.Clock;
        _shared = Options.SharedUart ?? !meter.Profile.IsGen4;
        _assembler = new C1218PacketAssembler(MaxRequestData, Options.InterByteGapMs);
        _tx.BaudRate = Options.BaudRate;
        _tx.SegmentBytes = 0;
        _session = new OpticalSession(meter, Options);
        Faults = new FaultInjector(Options.Faults, faultRandom);
        _nextNoiseSecondMs = _clock.NowMs + 1000;
    }

    public MeterSimulator Meter { get; }

    public OpticalOptions Options { get; }

    public FaultInjector Faults { get; }

    public OpticalStats Stats { get; } = new();

    public OpticalSessionState SessionState
    {
        get { lock (_gate) { Service(_clock.NowMs); return _session.State; } }
    }

    public OpticalAccess Access
    {
        get { lock (_gate) { return _session.Access; } }
    }

    /// <summary>Packet size and count agreed in Negotiate (C12.18 defaults before).</summary>
    public int PacketSize
    {
        get { lock (_gate) { return _session.PacketSize; } }
    }

    public int PacketsPerReply
    {
        get { lock (_gate) { return _session.Packets; } }
    }

    /// <summary>True when this meter shares one UART between MEP and the optical port (Gen 2/3, §2.1).</summary>
    public bool SharesUart => _shared;

    /// <summary>True while an optical session holds a shared UART (MEP unanswered).</summary>
    public bool HoldsUart
    {
        get { lock (_gate) { return _holdsUart; } }
    }

    public void ReceiveFromClient(byte[] data, int offset, int count)
    {
        lock (_gate)
        {
            long now = _clock.NowMs;
            Service(now);
            for (int i = 0; i < count; i++)
            {
                Stats.BytesReceived++;
                if (Faults.LinkCut)
                {
                    Faults.CountCutBytes(1);
                    continue;
                }

                switch (_assembler.Feed(data[offset + i], now))
                {
                    case C1218PacketAssembler.EventAck:
                        OnAck(now);
                        break;
                    case C1218PacketAssembler.EventNak:
                        if (_awaitingAck)
                        {
                            ResendPacket(now);
                        }

                        break;
                    case C1218PacketAssembler.EventBadCrc:
                        Stats.NaksSent++;
                        SendControl(C1218Codes.Nak, now);
                        break;
                    case C1218PacketAssembler.EventPacket:
                        OnPacket(now);
                        break;
                }
            }

            Service(now);
        }
    }

    public int ReadForClient(byte[] buffer, int offset, int count)
    {
        lock (_gate)
        {
            long now = _clock.NowMs;
            Service(now);
            if (Faults.LinkCut)
            {
                int cut = _tx.Discard(now * 1000);
                if (cut > 0)
                {
                    Faults.CountCutBytes(cut);
                }

                return 0;
            }

            int n = _tx.Read(buffer, offset, count, now * 1000);
            Stats.BytesDelivered += n;
            return n;
        }
    }

    public void Tick()
    {
        lock (_gate)
        {
            Service(_clock.NowMs);
        }
    }

    private void OnPacket(long now)
    {
        Stats.PacketsReceived++;
        _lastPacketMs = now;
        byte[] p = _assembler.Buffer;
        if (_shared && !_holdsUart)
        {
            // §2.1, §13.1: the first 0xEE frame switches the shared UART over and is NAKed.
            _holdsUart = true;
            Meter.SetOpticalSession(true);
            Stats.SwitchOverNaks++;
            SendControl(C1218Codes.Nak, now);
            return;
        }

        if (_awaitingAck)
        {
            // A new packet from the client: it has the reply (its ACK was lost).
            EndReply();
        }

        bool toggle = C1218Packet.Toggle(p, 0);
        int crc = C1218Packet.Crc(p, 0);
        SendControl(C1218Codes.Ack, now);
        if (_lastKnown && toggle == _lastToggle && crc == _lastCrc)
        {
            Stats.DuplicateRequests++;
            if (_replyPackets.Count > 0 && _dueRequest == null)
            {
                _replyIndex = 0;
                _resends = 0;
                SendPacket(now, false);
            }

            return;
        }

        _lastKnown = true;
        _lastToggle = toggle;
        _lastCrc = crc;
        var request = new byte[C1218Packet.DataLength(p, 0)];
        Array.Copy(p, C1218Codes.HeaderLength, request, 0, request.Length);
        if (request.Length == 0)
        {
            return;
        }

        _dueRequest = request;
        _dueAtMs = now + Options.ReplyLatencyMs;
    }

    private void OnAck(long now)
    {
        if (!_awaitingAck)
        {
            return;
        }

        _awaitingAck = false;
        if (_replyIndex + 1 < _replyPackets.Count)
        {
            _replyIndex++;
            _resends = 0;
            SendPacket(now, false);
        }
    }

    private void Service(long now)
    {
        _assembler.Expire(now);
        if (_dueRequest != null && now >= _dueAtMs)
        {
            byte[] req = _dueRequest;
            _dueRequest = null;
            Process(req, _dueAtMs);
        }

        if (_awaitingAck && now * 1000 >= _ackDeadlineUs)
        {
            ResendPacket(now);
        }

        int timeout = Math.Max(Options.SessionTimeoutMs, _session.WaitMs);
        if ((_session.State != OpticalSessionState.Base || _holdsUart) && _dueRequest == null && !_awaitingAck &&
            now - _lastPacketMs > timeout)
        {
            Stats.SessionTimeouts++;
            EndSession();
        }

        EmitNoise(now);
    }

    private void Process(byte[] request, long atMs)
    {
        Stats.RequestsProcessed++;
        if (request[0] == C1218Codes.Identify)
        {
            Stats.Sessions++;
        }

        byte[] reply = _session.Execute(request);
        Stats.CountResponse(reply[0]);
        if (request[0] == C1218Codes.Terminate)
        {
            // A new session's first Ident may repeat the last packet's bytes: it is not a duplicate (§13.4).
            _lastKnown = false;
        }

        BuildPackets(reply);
        _plan = Faults.PlanReply();
        _replyIndex = 0;
        _resends = 0;
        SendPacket(atMs + _plan.DelayMs, true);
        if (request[0] == C1218Codes.Terminate)
        {
            EndSession();
        }
    }

    private void BuildPackets(byte[] reply)
    {
        _replyPackets.Clear();
        int per = _session.PacketSize - C1218Codes.Overhead;
        int count = Math.Max(1, (reply.Length + per - 1) / per);
        for (int i = 0; i < count; i++)
        {
            int from = i * per;
            int len = Math.Min(per, reply.Length - from);
            var packet = new byte[len + C1218Codes.Overhead];
            C1218Packet.Write(0, C1218Packet.Control(_toggle, i, count), count - 1 - i, reply, from, len, packet, 0);
            _toggle = !_toggle;
            _replyPackets.Add(packet);
        }
    }

    /// <summary>Queues the current reply packet; the first transmission of a reply carries the planned faults.</summary>
    private void SendPacket(long atMs, bool first)
    {
        byte[] packet = _replyPackets[_replyIndex];
        ReplyPlan plan = first && _plan != null ? _plan : new ReplyPlan();
        long startUs = Math.Max(atMs * 1000, _tx.FreeAtUs);
        long endUs;
        if (plan.Drop)
        {
            // Lost on the line: the meter waits for the ACK and resends (C12.18).
            endUs = startUs + (packet.Length * 10_000_000L / _tx.BaudRate);
        }
        else
        {
            var copy = (byte[])packet.Clone();
            var lost = new bool[copy.Length];
            Faults.MangleBytes(copy, copy.Length, lost, plan);
            endUs = _tx.Send(copy, copy.Length, startUs, false, lost);
            if (plan.Duplicate)
            {
                endUs = _tx.Send(copy, copy.Length, endUs + (Meter.Options.DuplicateGapMs * 1000L), false, lost);
            }
        }

        Stats.ReplyPacketsSent++;
        _awaitingAck = true;
        _ackDeadlineUs = endUs + (Options.AckTimeoutMs * 1000L);
    }

    private void ResendPacket(long now)
    {
        if (_resends >= Options.MaxResends)
        {
            Stats.RepliesAbandoned++;
            EndReply();
            return;
        }

        _resends++;
        Stats.ReplyResends++;
        SendPacket(now, false);
    }

    private void EndReply()
    {
        _awaitingAck = false;
    }

    private void EndSession()
    {
        _session.Reset();
        _lastKnown = false;
        _toggle = false;
        _awaitingAck = false;
        _replyPackets.Clear();
        if (_holdsUart)
        {
            _holdsUart = false;
            Meter.SetOpticalSession(false);
        }
    }

    private void SendControl(byte value, long now)
    {
        var b = new[] { value };
        var lost = new bool[1];
        Faults.MangleBytes(b, 1, lost, new ReplyPlan());
        _tx.Send(b, 1, now * 1000, false, lost);
    }

    private void EmitNoise(long now)
    {
        if (Faults.TryTakeInjectedNoise(out byte[] burst))
        {
            Faults.CountNoise(burst.Length);
            _tx.Send(burst, burst.Length, now * 1000, false);
        }

        while (now >= _nextNoiseSecondMs)
        {
            long second = _nextNoiseSecondMs;
            _nextNoiseSecondMs += 1000;
            byte[]? noise = Faults.DrawIdleNoise(out int offsetMs);
            if (noise != null && !_awaitingAck && _dueRequest == null && !_assembler.InPacket)
            {
                Faults.CountNoise(noise.Length);
                _tx.Send(noise, noise.Length, (second + offsetMs) * 1000, false);
            }
        }
    }
}
