using NesMep.Core.Platform;
using NesMep.Core.Protocol;

namespace NesMep.Simulator;

/// <summary>
/// ET52 transactions (§5.15): once the trailing transaction number has been written and matches,
/// runs each embedded request through the <see cref="RequestExecutor"/> and stores the responses in ET53.
/// </summary>
internal sealed class TransactionExecutor
{
    private readonly MeterTables _tables;
    private readonly SimulatorStats _stats;
    private readonly RequestExecutor _requests;

    public TransactionExecutor(MeterTables tables, SimulatorStats stats, RequestExecutor requests)
    {
        _tables = tables;
        _stats = stats;
        _requests = requests;
    }

    /// <summary>Runs the transaction in ET52 if the write ending at <paramref name="writeEnd"/> completed it.</summary>
    public void Execute(AccessLevel access, int writeEnd, long nowMs)
    {
        byte[] img = _tables.Storage(MeterTableIds.ET52)!;
        int size = ByteOrder.ReadUInt16LE(img, 0);
        if (size < 7 || size > img.Length || writeEnd < size || img[2] != 0)
        {
            return;
        }

        int txn = ByteOrder.ReadUInt16LE(img, 3);
        if (ByteOrder.ReadUInt16LE(img, size - 2) != txn)
        {
            return;
        }

        var response = new List<byte> { 0, 0, 1, (byte)txn, (byte)(txn >> 8) };
        var inner = new MepRequest();
        int p = 5;
        while (p + 2 <= size - 2)
        {
            int len = ByteOrder.ReadUInt16LE(img, p);
            p += 2;
            if (len == 0 || p + len > size - 2)
            {
                break;
            }

            // Wrap the command as a frame so the core parser checks its arguments.
            var frame = new byte[2 + len + MepCodes.RequestTrailer];
            ByteOrder.WriteUInt16BE(frame, 0, len + MepCodes.RequestTrailer);
            Array.Copy(img, p, frame, 2, len);
            Outcome o = MepRequestParser.TryParse(frame, 0, frame.Length, inner, out _, out _)
                ? _requests.Dispatch(inner, access, true, nowMs)
                : Outcome.Code(MepCodes.UnrecognizedRequest);
            AppendResponse(response, o);
            p += len;
        }

        response.Add((byte)txn);
        response.Add((byte)(txn >> 8));
        response[0] = (byte)response.Count;
        response[1] = (byte)(response.Count >> 8);
        byte[] bytes = response.ToArray();
        _tables.SetTransactionResponse(bytes, bytes.Length);
        _stats.Transactions++;
    }

    /// <summary>One ET53 response: UINT16 LE length, response code, then for reads the UINT16 BE count and the data.</summary>
    private static void AppendResponse(List<byte> response, Outcome o)
    {
        int rlen = o.IsRead ? 3 + o.Count : 1;
        response.Add((byte)rlen);
        response.Add((byte)(rlen >> 8));
        response.Add(o.IsRead ? MepCodes.Ok : o.ResponseCode);
        if (o.IsRead)
        {
            response.Add((byte)(o.Count >> 8));
            response.Add((byte)o.Count);
            for (int i = 0; i < o.Count; i++)
            {
                response.Add(o.Data![i]);
            }
        }
    }
}
