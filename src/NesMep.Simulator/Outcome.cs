using NesMep.Core.Protocol;

namespace NesMep.Simulator;

/// <summary>Result of executing one request: a bare response code or read data.</summary>
internal readonly struct Outcome
{
    private Outcome(byte code, byte[]? data, int count, bool isRead)
    {
        ResponseCode = code;
        Data = data;
        Count = count;
        IsRead = isRead;
    }

    public byte ResponseCode { get; }

    public byte[]? Data { get; }

    public int Count { get; }

    public bool IsRead { get; }

    public static Outcome Code(byte code) => new(code, null, 0, false);

    public static Outcome Read(byte[] data, int count) => new(MepCodes.Ok, data, count, true);
}
