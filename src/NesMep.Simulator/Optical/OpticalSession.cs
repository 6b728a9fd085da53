using NesMep.Core.Optical;
using NesMep.Core.Protocol;
using NesMep.Core.Tables;

namespace NesMep.Simulator.Optical;

/// <summary>
/// The meter's C12.18 service layer (reference §13.2): the session states (base → identified →
/// session), Negotiate limits, the access level the Security password unlocked (MK/PK full, RK
/// read-only, none: BT00, BT01 and ET03 only), and full and partial reads served from the same
/// table images as the MEP port. Not thread-safe: the optical port holds its lock.
/// </summary>
internal sealed class OpticalSession
{
    private readonly MeterSimulator _meter;
    private readonly OpticalOptions _options;

    public OpticalSession(MeterSimulator meter, OpticalOptions options)
    {
        _meter = meter;
        _options = options;
        Reset();
    }

    public OpticalSessionState State { get; private set; }

    public OpticalAccess Access { get; private set; }

    public int PacketSize { get; private set; }

    public int Packets { get; private set; }

    /// <summary>Session lifetime asked for by the last Wait (ms), 0 when none.</summary>
    public int WaitMs { get; private set; }

    /// <summary>Back to the base state (power-up, Terminate, timeout): C12.18 default packets.</summary>
    public void Reset()
    {
        State = OpticalSessionState.Base;
        Access = OpticalAccess.None;
        PacketSize = C1218Codes.MinPacketSize;
        Packets = 1;
        WaitMs = 0;
    }

    /// <summary>The most a reply may hold with the packets in force.</summary>
    public int ReplyCapacity => (PacketSize - C1218Codes.Overhead) * Packets;

    /// <summary>Executes one request's service data; returns the reply message.</summary>
    public byte[] Execute(byte[] req)
    {
        byte code = req[0];
        if (code == C1218Codes.Identify)
        {
            Reset();
            State = OpticalSessionState.Identified;
            // ok, standard 0 (C12.18), version 1, revision 0, end of the feature list.
            return new byte[] { C1218Codes.Ok, 0x00, 0x01, 0x00, 0x00 };
        }

        if (code == C1218Codes.Terminate)
        {
            Reset();
            return Code(C1218Codes.Ok);
        }

        if (code >= C1218Codes.Negotiate && code <= 0x6B)
        {
            return Negotiate(req);
        }

        switch (code)
        {
            case C1218Codes.Logon:
                if (State != OpticalSessionState.Identified)
                {
                    return Code(C1218Codes.InvalidServiceSequenceState);
                }

                if (req.Length != 3 + C1218Codes.UserNameLength)
                {
                    return Code(C1218Codes.Error);
                }

                // NES meters require a user id and name but do not check them (§13.2).
                State = OpticalSessionState.Session;
                return Code(C1218Codes.Ok);
            case C1218Codes.Security:
                if (State != OpticalSessionState.Session)
                {
                    return Code(C1218Codes.InvalidServiceSequenceState);
                }

                Access = req.Length == 1 + C1218Codes.PasswordLength ? AccessFor(req) : OpticalAccess.None;
                return Code(Access == OpticalAccess.None ? C1218Codes.InsufficientSecurity : C1218Codes.Ok);
            case C1218Codes.Logoff:
                if (State != OpticalSessionState.Session)
                {
                    return Code(C1218Codes.InvalidServiceSequenceState);
                }

                State = OpticalSessionState.Identified;
                Access = OpticalAccess.None;
                return Code(C1218Codes.Ok);
            case C1218Codes.Wait:
                if (State == OpticalSessionState.Base || req.Length != 2)
                {
                    return Code(State == OpticalSessionState.Base ? C1218Codes.InvalidServiceSequenceState : C1218Codes.Error);
                }

                WaitMs = req[1] * 1000;
                return Code(C1218Codes.Ok);
            case C1218Codes.FullRead:
            case C1218Codes.PartialRead:
                return Read(req);
            default:
                // Writes and procedures over the optical port are not simulated.
                return Code(C1218Codes.ServiceNotSupported);
        }
    }

    private byte[] Negotiate(byte[] req)
    {
        int bauds = req[0] - C1218Codes.Negotiate;
        if (State != OpticalSessionState.Identified)
        {
            return Code(C1218Codes.InvalidServiceSequenceState);
        }

        if (req.Length != 4 + bauds)
        {
            return Code(C1218Codes.Error);
        }

        int baud = bauds == 0 ? C1218Codes.Baud9600 : -1;
        for (int i = 0; i < bauds && baud < 0; i++)
        {
            if (Array.IndexOf(_options.BaudCodes, (int)req[4 + i]) >= 0)
            {
                baud = req[4 + i];
            }
        }

        if (baud < 0)
        {
            // None of the offered speeds: the meter does not agree, the session stays at the defaults.
            return Code(C1218Codes.OperationNotPossible);
        }

        int size = Math.Clamp(ByteOrder.ReadUInt16BE(req, 1), C1218Codes.MinPacketSize, _options.MaxPacketSize);
        int packets = Math.Clamp((int)req[3], 1, _options.MaxPackets);
        PacketSize = size;
        Packets = packets;
        var reply = new byte[5];
        reply[0] = C1218Codes.Ok;
        ByteOrder.WriteUInt16BE(reply, 1, size);
        reply[3] = (byte)packets;
        reply[4] = (byte)baud;
        return reply;
    }

    private byte[] Read(byte[] req)
    {
        bool partial = req[0] == C1218Codes.PartialRead;
        if (req.Length != (partial ? 8 : 3))
        {
            return Code(C1218Codes.Error);
        }

        if (State != OpticalSessionState.Session)
        {
            return Code(C1218Codes.InvalidServiceSequenceState);
        }

        int id = ByteOrder.ReadUInt16BE(req, 1);
        if (Access == OpticalAccess.None && !NeedsNoKey(id))
        {
            return Code(C1218Codes.InsufficientSecurity);
        }

        byte[]? image = _meter.ReadTable(id);
        if (image == null)
        {
            return Code(C1218Codes.OperationNotPossible);
        }

        int offset = partial ? ByteOrder.ReadUInt24BE(req, 3) : 0;
        int count = partial ? ByteOrder.ReadUInt16BE(req, 6) : image.Length;
        if (count + C1218Services.ReadReplyOverhead > ReplyCapacity)
        {
            // Does not fit the negotiated packets: the client must read it in parts.
            return Code(C1218Codes.OperationNotPossible);
        }

        // Bytes past the end of the table read as zeros (§13.2).
        var data = new byte[count];
        if (offset < image.Length)
        {
            Array.Copy(image, offset, data, 0, Math.Min(count, image.Length - offset));
        }

        var reply = new byte[count + C1218Services.ReadReplyOverhead];
        C1218Services.WriteReadReply(data, 0, count, reply, 0);
        return reply;
    }

    /// <summary>BT00, BT01 and ET03 need no key (§13.2).</summary>
    public static bool NeedsNoKey(int tableId) => tableId is TableIds.BT00 or TableIds.BT01 or TableIds.ET03;

    private OpticalAccess AccessFor(byte[] req)
    {
        if (Matches(_options.Mk, req) || Matches(_options.Pk, req))
        {
            return OpticalAccess.Full;
        }

        return Matches(_options.Rk, req) ? OpticalAccess.ReadOnly : OpticalAccess.None;
    }

    private static bool Matches(byte[]? key, byte[] req)
    {
        if (key == null || key.Length != C1218Codes.PasswordLength)
        {
            return false;
        }

        for (int i = 0; i < C1218Codes.PasswordLength; i++)
        {
            if (key[i] != req[1 + i])
            {
                return false;
            }
        }

        return true;
    }

    private static byte[] Code(byte code) => new[] { code };
}

/// <summary>C12.18 service sequence states of the meter.</summary>
public enum OpticalSessionState
{
    /// <summary>No session (power-up, after Terminate or a timeout): only Identify is served.</summary>
    Base = 0,

    /// <summary>After Identify (or Logoff): Negotiate, Logon, Wait.</summary>
    Identified = 1,

    /// <summary>After Logon: Security, reads, Wait, Logoff.</summary>
    Session = 2,
}
