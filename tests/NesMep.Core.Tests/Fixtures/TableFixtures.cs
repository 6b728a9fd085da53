using System;
using NesMep.Core.Protocol;

namespace NesMep.Core.Tests.Fixtures;

/// <summary>
/// Table images for the decoder tests. Each says where it came from: guide examples quoted in the
/// protocol reference, or CONSTRUCTED here from the reference layouts (no real meter dump is available).
/// The BT23/BT28 builders compute offsets on their own from the reference formulas, independently of
/// the production code. Shared with the device tests (tests/NesMep.Core.NanoTests compiles this folder), so
/// everything here stays inside the nanoFramework 1.x subset: arrays, no LINQ, no generics, UTF-8 only.
/// </summary>
public static class TableFixtures
{
    public static byte[] Bytes(string hex) => Hex.Parse(hex);

    // ---- BT20/BT21 -------------------------------------------------------------------------------

    /// <summary>BT21 from the guide's transaction example, reference §5.3: demand reset byte (A = 1), no time
    /// remaining, 12 self-reads, 15 summations, 8 demands, 0 coincident, 1 occurrence, 4 tiers,
    /// 8 present demands, 26 present values. Also serves as "Gen 3, 15 summations, demand reset byte, 8 demands".</summary>
    public const string Bt21Guide = "3F 0E 0C 0F 08 00 01 04 08 1A";

    /// <summary>BT20 from the same transaction example, reference §5.3 (253 self-reads, 16 coincident).</summary>
    public const string Bt20Guide = "3F 0E FD 0F 08 10 01 04 08 1A";

    /// <summary>CONSTRUCTED Gen 3 without demand: no demand reset byte (A = 0), 11 summations, 4 tiers,
    /// no present demands, 41 present values (BT20.9 of fw 3.x, §5.3). BT23 = 5 × 44 = 220 bytes (§5.5).</summary>
    public const string Bt21Gen3 = "00 00 00 0B 00 00 00 04 00 29";

    /// <summary>CONSTRUCTED Gen 4: demand reset byte (A = 1), 19 summations, no demands, 8 tiers,
    /// no present demands, 72 present values (§5.3 "19 on fw ≥ 4.0", "72 on fw ≥ 4.0").</summary>
    public const string Bt21Gen4 = "04 00 00 13 00 00 00 08 00 48";

    /// <summary>CONSTRUCTED: time remaining present (A' = 3), 2 present demands, 6 present values.</summary>
    public const string Bt21TimeRemaining = "40 00 00 0B 00 00 01 04 02 06";

    /// <summary>CONSTRUCTED: no time remaining, no present demands, 6 present values (for a non-default BT27).</summary>
    public const string Bt21SixValues = "00 00 00 0B 00 00 00 04 00 06";

    // ---- BT22 ------------------------------------------------------------------------------------

    /// <summary>CONSTRUCTED BT22 for <see cref="Bt21Gen3"/>: the default order of §5.5 (0–7, 26, 27, 28).</summary>
    public const string Bt22Gen3Default = "00 01 02 03 04 05 06 07 1A 1B 1C";

    /// <summary>CONSTRUCTED BT22 for <see cref="Bt21Guide"/>: 15 summation ids (default order), 8 demand
    /// selects (sources 8–11 twice), 1 min/max flag byte (demand 1 is a minimum), no coincidents.</summary>
    public const string Bt22Guide = "00 01 02 03 04 05 06 07 1A 1B 1C 6C 6D 6E 6F" + " 08 09 0A 0B 08 09 0A 0B" + " 02";

    /// <summary>CONSTRUCTED NON-DEFAULT BT22 for <see cref="Bt21Gen4"/>: Rev Wh (1) first, Fwd Wh (0) second,
    /// Export/Import VArh swapped, then 4–7, 26–28, 108–111, and 250–253 (no named source) for #15–18.</summary>
    public const string Bt22Gen4Swapped = "01 00 03 02 04 05 06 07 1A 1B 1C 6C 6D 6E 6F FA FB FC FD";

    // ---- BT23 ------------------------------------------------------------------------------------

    /// <summary>A4 data: 44 bytes, reference §5.5 worked example 1 (A = 0, 11 summations): Fwd 0, Rev 0,
    /// VArh 0/0, outage 8 s, 3 outages, 0, 0, pulses 0/0, error counter 6.</summary>
    public const string Bt23A4 =
        "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 08 00 00 00 03 00 00 00 " +
        "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 06 00 00 00";

    /// <summary>Value written by <see cref="BuildBt23"/> for summation n of block b (0 = total, 1 + t = tier t).
    /// Summation #1 of the total block is negative (-453) to prove signedness.</summary>
    public static int Bt23Value(int block, int n) =>
        block == 0 && n == 0 ? 65845342 : block == 0 && n == 1 ? -453 : (block * 100000) + (n * 10) + 7;

    public const int Bt23DemandResets = 42;

    /// <summary>CONSTRUCTED BT23 image for a BT21 (10 bytes). Layout computed here from §5.5:
    /// A = BT21.0.2; DmdRcd = (BT21.0.1 ? 5·occ : 0) + (BT21.0.4 ? 4 : 0) + (BT21.0.5 ? 4 : 0) + 4·occ;
    /// CoinRcd = 4·occ; block = 4·S + D·DmdRcd + C·CoinRcd; size = A + (1 + tiers)·block. Demand and
    /// coincident records are filled with 0xEE.</summary>
    public static byte[] BuildBt23(string bt21Hex)
    {
        byte[] d = Bytes(bt21Hex);
        int a = (d[0] & 0x04) != 0 ? 1 : 0;
        int s = d[3], dem = d[4], coin = d[5], occ = d[6], tiers = d[7];
        int dmd = ((d[0] & 0x02) != 0 ? 5 * occ : 0) + ((d[0] & 0x10) != 0 ? 4 : 0) + ((d[0] & 0x20) != 0 ? 4 : 0) + (4 * occ);
        int block = (4 * s) + (dem * dmd) + (coin * 4 * occ);
        var image = new byte[a + ((1 + tiers) * block)];
        for (int i = 0; i < image.Length; i++)
        {
            image[i] = 0xEE;
        }

        if (a == 1)
        {
            image[0] = Bt23DemandResets;
        }

        for (int b = 0; b <= tiers; b++)
        {
            for (int n = 0; n < s; n++)
            {
                ByteOrder.WriteInt32LE(image, a + (b * block) + (4 * n), Bt23Value(b, n));
            }
        }

        return image;
    }

    // ---- BT27 / BT28 -----------------------------------------------------------------------------

    /// <summary>CONSTRUCTED BT27 for <see cref="Bt21Gen3"/>: the 41 first source ids of the §5.7 default order.</summary>
    public const string Bt27Gen3Default =
        "08 09 0A 0B 0C 0D 0E 0F 10 11 12 13 14 15 16 17 18 19 51 52 53 54 68 69 6A 6B " +
        "B9 BA BB BC BD BE BF C0 C1 C2 C3 C4 C5 C6 C7";

    /// <summary>CONSTRUCTED NON-DEFAULT BT27 for <see cref="Bt21SixValues"/>: frequency, V L1–L3, Rev W, Fwd W.</summary>
    public const string Bt27NonDefault = "13 0F 10 11 09 08";

    /// <summary>CONSTRUCTED BT28 for <see cref="Bt21SixValues"/> + <see cref="Bt27NonDefault"/>: 50012 mHz,
    /// 230100/229900/231000 mV, Rev -120 W (negative on purpose), Fwd 432 W.</summary>
    public static byte[] Bt28NonDefault() => Ints(50012, 230100, 229900, 231000, -120, 432);

    /// <summary>CONSTRUCTED BT27 for <see cref="Bt21TimeRemaining"/>: present demands 88, 89; values
    /// Fwd W, Rev W, I L1–L3, frequency.</summary>
    public const string Bt27TimeRemaining = "58 59 08 09 0C 0D 0E 13";

    /// <summary>CONSTRUCTED BT28 for <see cref="Bt21TimeRemaining"/>: demand 0 = TIME 00:14:30 + 1234,
    /// demand 1 = TIME 00:05:00 + -50; values at (3+4)·2 = 14: 432, -7, 1978, 782, 854, 50000.</summary>
    public static byte[] Bt28TimeRemaining()
    {
        byte[] image = new byte[14 + (6 * 4)];
        image[1] = 0x0E;
        image[2] = 0x1E;
        ByteOrder.WriteInt32LE(image, 3, 1234);
        image[8] = 0x05;
        ByteOrder.WriteInt32LE(image, 10, -50);
        Array.Copy(Ints(432, -7, 1978, 782, 854, 50000), 0, image, 14, 6 * 4);
        return image;
    }

    /// <summary>Value of present value #n in <see cref="BuildBt28Default"/>: (n + 1) · 1000 + n, #1 negative.</summary>
    public static int Bt28DefaultValue(int n) => n == 1 ? -(n + 1) * 1000 : ((n + 1) * 1000) + n;

    /// <summary>CONSTRUCTED BT28 for a BT21 without time remaining: present demands (value 0x7E7E7E7E)
    /// then the present values <see cref="Bt28DefaultValue"/>; values start at 4 · BT21.8 (§5.7).</summary>
    public static byte[] BuildBt28Default(string bt21Hex)
    {
        byte[] d = Bytes(bt21Hex);
        int pd = d[8], pv = d[9];
        var image = new byte[(4 * pd) + (4 * pv)];
        for (int i = 0; i < pd; i++)
        {
            ByteOrder.WriteInt32LE(image, 4 * i, 0x7E7E7E7E);
        }

        for (int n = 0; n < pv; n++)
        {
            ByteOrder.WriteInt32LE(image, (4 * pd) + (4 * n), Bt28DefaultValue(n));
        }

        return image;
    }

    // ---- Identification and clocks ---------------------------------------------------------------

    /// <summary>CONSTRUCTED BT00 with the typical values of reference §5.1 (bytes 0–2 derived there:
    /// 02 2A 88), manufacturer "NES ", max response 12, status length 9, 3 pending tables.</summary>
    public const string Bt00Typical = "02 2A 88 4E 45 53 20 02 00 FF 0C 01 00 0A 0D 02 0C 09 03";

    /// <summary>CONSTRUCTED BT01: "NES " + "83331-3I" (model from the HA README, §5.2 UNCONFIRMED), HW 1.2,
    /// firmware 0x3155 (the guide's 3.10.21 example, §5.2), BCD serial 0000123456789012.</summary>
    public const string Bt01Full = "4E 45 53 20 38 33 33 33 31 2D 33 49 01 02 31 55 00 00 12 34 56 78 90 12";

    /// <summary>BT52 2004-02-16 15:59:55 from N1 (guide App. B partial read, 6 bytes), reference §5.8.</summary>
    public const string Bt52N1 = "04 02 10 0F 3B 37";

    /// <summary>CONSTRUCTED BT52 with byte 6 = 0x18 | 1 (Monday, DST in effect, GMT), §5.8.</summary>
    public const string Bt52WithFlags = "04 02 10 0F 3B 37 19";

    /// <summary>CONSTRUCTED BT52 with month 13.</summary>
    public const string Bt52BadMonth = "18 0D 01 00 00 00 10";

    /// <summary>CONSTRUCTED BT55: 2024-03-28 17:27:13, Thursday, time zone + DST applied (0x64),
    /// status 0x1002 (tier 2, season 1), §5.8.</summary>
    public const string Bt55Full = "18 03 1C 11 1B 0D 64 02 10";

    /// <summary>CONSTRUCTED ET03 (143 bytes, §5.9): serial "7001234567  " then NULs; image CRC 0xBEEF LE at 137.</summary>
    public static byte[] Et03()
    {
        var image = new byte[143];
        byte[] serial = System.Text.Encoding.UTF8.GetBytes("7001234567  ");
        Array.Copy(serial, image, serial.Length);
        image[137] = 0xEF;
        image[138] = 0xBE;
        return image;
    }

    /// <summary>CONSTRUCTED ET04 (137 bytes, §5.10): node 5, 50 Hz, program id 01..08, 5000 mA, 60 A, 230 V,
    /// MEP sequence 0x12345678 at 103, IDT version 7, security mode 0, port sequences 100 and 0xFFFFFFFE.</summary>
    public static byte[] Et04()
    {
        var image = new byte[137];
        image[11] = 5;
        image[13] = 50;
        for (int i = 0; i < 8; i++)
        {
            image[14 + i] = (byte)(i + 1);
        }

        ByteOrder.WriteUInt16LE(image, 56, 5000);
        ByteOrder.WriteUInt16LE(image, 58, 60);
        ByteOrder.WriteUInt16LE(image, 60, 230);
        ByteOrder.WriteInt32LE(image, 103, 0x12345678);
        image[116] = 7;
        image[127] = 0;
        ByteOrder.WriteInt32LE(image, 129, 100);
        ByteOrder.WriteInt32LE(image, 133, unchecked((int)0xFFFFFFFE));
        return image;
    }

    /// <summary>ET11 first 10 bytes from the guide's transaction example, reference §5.11.</summary>
    public const string Et11Transaction = "05 42 24 05 06 05 02 01 03 F9";

    /// <summary>CONSTRUCTED ET11 (40 bytes) with the §5.11 defaults: Gen 4, 6 devices, entry 66, 6 MEP data
    /// sources, 2 MEP channels.</summary>
    public static byte[] Et11Full()
    {
        var image = new byte[40];
        image[0] = 6; image[1] = 66; image[2] = 36; image[3] = 5; image[4] = 6;
        ByteOrder.WriteUInt16LE(image, 5, 517);
        ByteOrder.WriteUInt16LE(image, 7, 896);
        ByteOrder.WriteUInt16LE(image, 9, 1785);
        image[11] = 25; image[12] = 16; image[13] = 22;
        image[18] = 10; image[19] = 10; image[20] = 65; image[21] = 120; image[22] = 6;
        image[23] = 10; image[24] = 10; image[25] = 16; image[26] = 80; image[27] = 10;
        ByteOrder.WriteUInt16LE(image, 28, 261);
        ByteOrder.WriteUInt16LE(image, 30, 769);
        image[34] = 2;
        image[38] = 3;
        return image;
    }

    /// <summary>CONSTRUCTED ET13 (5 × 66 bytes, §5.12): MEP entry 4 with baud code 3 at 270 and alert flags
    /// 0x13 (scheduled read, on-demand request, delta data alert) at 4·66 + 8 = 272.</summary>
    public static byte[] Et13()
    {
        var image = new byte[5 * 66];
        image[(4 * 66) + 6] = 3;
        image[272] = 0x13;
        return image;
    }

    /// <summary>CONSTRUCTED ET50 element (71 bytes, 6 data sources, §5.13): id 0x81 0x02 ..., flags 0x03
    /// (registered, ET59 response) at 30.</summary>
    public static byte[] Et50()
    {
        var image = new byte[71];
        image[0] = 0x81;
        image[1] = 0x02;
        image[30] = 0x03;
        return image;
    }

    /// <summary>CONSTRUCTED ET59/BT08 response to the guide's EP17 call (§3.6): 0x0811 LSB first, PSN 7,
    /// result 0, one data byte 0x2A.</summary>
    public const string Ep17Response = "11 08 07 00 2A";

    private static byte[] Ints(params int[] values)
    {
        var b = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            ByteOrder.WriteInt32LE(b, 4 * i, values[i]);
        }

        return b;
    }
}
