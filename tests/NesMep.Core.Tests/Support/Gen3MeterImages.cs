using System.Text;
using NesMep.Core.Protocol;

namespace NesMep.Core.Tests.Support;

/// <summary>
/// Table images of a constructed Gen 3 meter for the scripted meter: BT21 without demand-reset byte
/// (11 summations, 4 tiers, 55 present values, reference §5.3), BT23/BT28 in the default orders of
/// §5.5/§5.7, BT52 2026-11-21 12:00:05 UTC, BT01 "NES 83331-3I" fw 0x3155 (3.10.21, §5.2).
/// BT00, BT22, BT27, ET04, ET11 and ET50 are refused as absent, so the poller's defaults are used.
/// </summary>
public sealed class Gen3MeterImages
{
    public const string Bt21 = "00 00 00 0B 00 00 00 04 00 37";

    public int ImportWh { get; set; } = 1_234_567;

    public int PowerImportW { get; set; } = 432;

    public string Serial { get; set; } = "5706567012345678";

    public byte AlertFlags { get; set; }

    /// <summary>Signature of ScriptedMeter.Tables: count &lt; 0 means a full read.</summary>
    public byte[]? Serve(int table, int offset, int count)
    {
        byte[]? image = table switch
        {
            0x34 => new byte[] { 26, 11, 21, 12, 0, 5, 0x10 | 6 },
            0x01 => Ascii("NES 83331-3I", 12).Concat(new byte[] { 0, 0, 0x31, 0x55 }).ToArray(),
            0x15 => Hex.Parse(Bt21),
            0x17 => Bt23(),
            0x1C => Bt28(),
            0x803 => Ascii(Serial, 143),
            0x80D => Et13(),
            0x07 or 0x08 => new byte[] { 0x27, 0x08, 5, 0 },
            _ => null,
        };
        if (image == null || count < 0)
        {
            return image;
        }

        byte[] window = new byte[count];
        Array.Copy(image, Math.Min(offset, image.Length), window, 0, Math.Max(0, Math.Min(count, image.Length - offset)));
        return window;
    }

    private static byte[] Ascii(string s, int length)
    {
        byte[] b = new byte[length];
        Encoding.ASCII.GetBytes(s).CopyTo(b, 0);
        return b;
    }

    private byte[] Bt23()
    {
        byte[] b = new byte[5 * 44];
        ByteOrder.WriteInt32LE(b, 0, ImportWh);
        ByteOrder.WriteInt32LE(b, 4, 4321);
        return b;
    }

    private byte[] Bt28()
    {
        byte[] b = new byte[55 * 4];
        int[] v = { PowerImportW, 0, 10, 545, 1978, 782, 854, 228693, 226079, 226973, 981, 50012 };
        for (int i = 0; i < v.Length; i++)
        {
            ByteOrder.WriteInt32LE(b, 4 * i, v[i]);
        }

        ByteOrder.WriteInt32LE(b, 4 * 13, -975); // L2 power factor, negative (capacitive)
        ByteOrder.WriteInt32LE(b, 4 * 14, 990);
        ByteOrder.WriteInt32LE(b, 4 * 26, 320);
        ByteOrder.WriteInt32LE(b, 4 * 27, 59);
        ByteOrder.WriteInt32LE(b, 4 * 28, 53);
        ByteOrder.WriteInt32LE(b, 4 * 29, -7); // signed stays signed
        ByteOrder.WriteInt32LE(b, 4 * 47, 400);
        return b;
    }

    private byte[] Et13()
    {
        byte[] b = new byte[5 * 66];
        b[4 * 66 + 8] = AlertFlags;
        return b;
    }
}
