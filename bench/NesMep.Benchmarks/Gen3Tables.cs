using NesMep.Core.Protocol;
using NesMep.Core.Tables;

namespace NesMep.Benchmarks;

/// <summary>
/// Preallocated table images of a Gen 3 meter, the same layout as MeterPollerTests: BT21 without
/// demand-reset byte (11 summations, 4 tiers, 55 present values), BT23 5×44 bytes, BT28 55×4 bytes,
/// ET03 143 bytes. Every other table is refused with 0x05 (so the poller uses its defaults).
/// </summary>
public sealed class Gen3Tables
{
    public const int ImportWhBase = 1_234_567;

    public readonly byte[] Bt52 = { 26, 11, 21, 12, 0, 5, 0x10 | 6 };
    public readonly byte[] Bt01 = new byte[16];
    public readonly byte[] Bt21 = Hex.Parse("00 00 00 0B 00 00 00 04 00 37");
    public readonly byte[] Bt23 = new byte[5 * 44];
    public readonly byte[] Bt28 = new byte[55 * 4];
    public readonly byte[] Et03 = new byte[143];

    public Gen3Tables()
    {
        Ascii("NES 83331-3I", Bt01);
        Bt01[14] = 0x31;
        Bt01[15] = 0x55;
        Ascii("5706567012345678", Et03);

        ByteOrder.WriteInt32LE(Bt23, 0, ImportWhBase);
        ByteOrder.WriteInt32LE(Bt23, 4, 4321);

        int[] v = { 432, 0, 10, 545, 1978, 782, 854, 228693, 226079, 226973, 981, 50012 };
        for (int i = 0; i < v.Length; i++)
        {
            ByteOrder.WriteInt32LE(Bt28, 4 * i, v[i]);
        }

        ByteOrder.WriteInt32LE(Bt28, 4 * 26, 320);
        ByteOrder.WriteInt32LE(Bt28, 4 * 27, 59);
        ByteOrder.WriteInt32LE(Bt28, 4 * 28, 53);
        ByteOrder.WriteInt32LE(Bt28, 4 * 29, -7);
        ByteOrder.WriteInt32LE(Bt28, 4 * 47, 400);
    }

    /// <summary>The table image, or null when the meter refuses the table (0x05). No allocation.</summary>
    public byte[]? Image(int tableId)
    {
        switch (tableId)
        {
            case TableIds.BT52: return Bt52;
            case TableIds.BT01: return Bt01;
            case TableIds.BT21: return Bt21;
            case TableIds.BT23: return Bt23;
            case TableIds.BT28: return Bt28;
            case TableIds.ET03: return Et03;
            default: return null;
        }
    }

    /// <summary>Advances the import register as if 1 kW were drawn (1 Wh per 3.6 s). No allocation.</summary>
    public void Tick(long nowMs)
    {
        ByteOrder.WriteInt32LE(Bt23, 0, ImportWhBase + (int)(nowMs / 3600));
    }

    private static void Ascii(string s, byte[] into)
    {
        for (int i = 0; i < s.Length; i++)
        {
            into[i] = (byte)s[i];
        }
    }
}
