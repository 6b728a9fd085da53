using NesMep.Core.Protocol;

namespace NesMep.Simulator.Tests.Support;

/// <summary>A response frame as the client received it, with the arrival time of each byte.</summary>
public sealed class Reply
{
    public Reply(byte[] frame, long[] byteTimes)
    {
        Frame = frame;
        ByteTimes = byteTimes;
    }

    public byte[] Frame { get; }

    public long[] ByteTimes { get; }

    public byte Code => Frame[2];

    public long FirstByteMs => ByteTimes[0];

    public long LastByteMs => ByteTimes[^1];

    public string Hex => NesMep.Core.Protocol.Hex.Format(Frame, 0, Frame.Length, true);

    /// <summary>Table data of a read reply.</summary>
    public byte[] Data
    {
        get
        {
            int count = ByteOrder.ReadUInt16BE(Frame, 3);
            return Frame.AsSpan(5, count).ToArray();
        }
    }

    public uint NextSequence => ByteOrder.ReadUInt32BE(Frame, 3);
}
