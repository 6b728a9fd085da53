using NesMep.Core.Optical;
using NesMep.Core.Tables;
using NesMep.Simulator;
using NesMep.Simulator.Optical;
using NesMep.Simulator.Tests.Support;
using Xunit;

namespace NesMep.Simulator.Tests;

/// <summary>
/// The simulated optical port byte by byte, as a termineter-like client drives it (reference §13.4):
/// every request one packet, ACK before the reply, toggle from 0 per connection, Terminate without Logoff.
/// </summary>
public class OpticalPortTests
{
    private readonly VirtualClock _clock = new();
    private readonly MeterSimulator _meter;
    private readonly OpticalPort _port;
    private bool _toggle;

    public OpticalPortTests()
    {
        _meter = new MeterSimulator(_clock);
        _port = new OpticalPort(_meter, new OpticalOptions { Rk = System.Text.Encoding.ASCII.GetBytes("read-only-key-000001") });
    }

    private byte[] PacketOf(bool toggle, params byte[] data)
    {
        var p = new byte[data.Length + C1218Codes.Overhead];
        C1218Packet.Write(0, C1218Packet.Control(toggle, 0, 1), 0, data, 0, data.Length, p, 0);
        return p;
    }

    /// <summary>Sends bytes and returns everything the port sends back within <paramref name="ms"/>.</summary>
    private byte[] Exchange(byte[] bytes, int ms = 300)
    {
        _port.ReceiveFromClient(bytes, 0, bytes.Length);
        var got = new List<byte>();
        var buf = new byte[512];
        for (int t = 0; t < ms; t++)
        {
            _clock.Advance(1);
            int n = _port.ReadForClient(buf, 0, buf.Length);
            got.AddRange(buf.Take(n));
        }

        return got.ToArray();
    }

    /// <summary>One request as termineter sends it: a new toggle, ACK expected, then the reply packet, which is ACKed.</summary>
    private byte[] Request(params byte[] data)
    {
        byte[] packet = PacketOf(_toggle, data);
        _toggle = !_toggle;
        byte[] answer = Exchange(packet);
        if (answer.Length == 1 && answer[0] == C1218Codes.Nak)
        {
            answer = Exchange(packet); // NAK (a shared UART switching over): resend the same packet, as termineter does
        }

        Assert.True(answer.Length > C1218Codes.Overhead, "no reply to service 0x" + data[0].ToString("X2"));
        Assert.Equal(C1218Codes.Ack, answer[0]);
        Assert.Equal(C1218Codes.Start, answer[1]);
        Exchange(new[] { C1218Codes.Ack }, 5);
        int length = C1218Packet.DataLength(answer, 1);
        return answer.AsSpan(1 + C1218Codes.HeaderLength, length).ToArray();
    }

    [Fact]
    public void A_termineter_session_without_a_password_reads_no_key_tables_and_terminate_resets_the_toggle()
    {
        // Gen 3 shares the UART: the first Ident is NAKed while the port switches over (§13.1), the resend is served.
        byte[] ident = PacketOf(false, C1218Codes.Identify);
        Assert.Equal(new[] { C1218Codes.Nak }, Exchange(ident));
        byte[] answer = Exchange(ident);
        Assert.Equal(C1218Codes.Ack, answer[0]);
        Assert.Equal(C1218Codes.Ok, answer[1 + C1218Codes.HeaderLength]);
        Exchange(new[] { C1218Codes.Ack }, 5);
        _toggle = true;

        byte[] negotiated = Request(0x61, 0x02, 0x00, 0x02, 0x06);
        Assert.Equal(new byte[] { 0x00, 0x01, 0x00, 0x02, 0x06 }, negotiated); // 256 bytes is the meter's limit
        Assert.Equal(new byte[] { 0x00 }, Request(0x50, 0x00, 0x00, 0x30, 0x30, 0x30, 0x30, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20));
        byte[] zeros = new byte[21];
        zeros[0] = C1218Codes.Security;
        Assert.Equal(new[] { C1218Codes.InsufficientSecurity }, Request(zeros));
        byte[] bt01 = Request(C1218Codes.FullRead, 0x00, 0x01);
        Assert.Null(C1218Services.CheckReadReply(bt01, 0, bt01.Length));
        Assert.Equal(_meter.ReadTable(TableIds.BT01), bt01.AsSpan(3, bt01.Length - 4).ToArray());
        Assert.Equal(new[] { C1218Codes.InsufficientSecurity }, Request(C1218Codes.PartialRead, 0x00, 0x17, 0, 0, 0, 0, 16));
        Assert.Equal(new byte[] { 0x00 }, Request(C1218Codes.Terminate));
        Assert.Equal(OpticalSessionState.Base, _port.SessionState);

        // A new connection starts its toggle at 0 again: an Ident identical to an earlier packet is served, not skipped.
        _toggle = false;
        Assert.Equal(C1218Codes.Ok, Request(C1218Codes.Identify)[0]);
        Assert.Equal(2, _port.Stats.Sessions);
        Assert.Equal(2, _port.Stats.SwitchOverNaks);
        Assert.Equal(0, _port.Stats.DuplicateRequests);
    }

    [Fact]
    public void The_read_only_key_reads_tables_that_need_a_key()
    {
        Exchange(PacketOf(true, C1218Codes.Identify)); // NAKed switch-over
        _toggle = true;
        Assert.Equal(C1218Codes.Ok, Request(C1218Codes.Identify)[0]);
        Assert.Equal(C1218Codes.Ok, Request(0x60, 0x00, 0x40, 0x01)[0]); // 64-byte packets, one per reply
        Assert.Equal(C1218Codes.Ok, Request(0x50, 0, 2, 0x4E, 0x45, 0x53, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20)[0]);
        byte[] security = new byte[21];
        security[0] = C1218Codes.Security;
        System.Text.Encoding.ASCII.GetBytes("read-only-key-000001").CopyTo(security, 1);
        Assert.Equal(new byte[] { 0x00 }, Request(security));
        Assert.Equal(OpticalAccess.ReadOnly, _port.Access);
        byte[] part = Request(C1218Codes.PartialRead, 0x00, 0x17, 0, 0, 0, 0, 16);
        Assert.Equal(20, part.Length);
        Assert.Null(C1218Services.CheckReadReply(part, 0, part.Length));

        // A request longer than the negotiated 64-byte packet is still taken (termineter sends one packet, §13.4).
        byte[] write = new byte[100];
        write[0] = C1218Codes.FullWrite;
        Assert.Equal(new[] { C1218Codes.ServiceNotSupported }, Request(write));
    }

    [Fact]
    public void A_reply_the_client_naks_or_does_not_ack_is_resent_and_given_up_after_three_resends()
    {
        Exchange(PacketOf(false, C1218Codes.Identify));
        byte[] first = Exchange(PacketOf(false, C1218Codes.Identify), 50);
        byte[] reply = first.Skip(1).ToArray();
        Assert.Equal(reply, Exchange(new[] { C1218Codes.Nak }, 50));
        Assert.Equal(1, _port.Stats.ReplyResends);

        // No ACK at all: resent once per ACK timeout until three resends in all, then dropped.
        byte[] silence = Exchange(Array.Empty<byte>(), 5000);
        Assert.Equal(2 * reply.Length, silence.Length);
        Assert.Equal(3, _port.Stats.ReplyResends);
        Assert.Equal(1, _port.Stats.RepliesAbandoned);
    }

    [Fact]
    public void Mep_is_unanswered_during_the_optical_session_and_answered_again_after_its_timeout()
    {
        Exchange(PacketOf(false, C1218Codes.Identify));
        Assert.True(_port.HoldsUart);
        Exchange(new[] { C1218Codes.Ack }, 10);
        Exchange(Array.Empty<byte>(), 7000);
        Assert.False(_port.HoldsUart);
        Assert.Equal(1, _port.Stats.SessionTimeouts);
        Assert.Equal(OpticalSessionState.Base, _port.SessionState);
    }
}
