using NesMep.Core.Network;

namespace NesMep.Core.Tests.Network;

/// <summary>Builds query packets by hand (independently of the core's writer) and reads replies.</summary>
internal static class DnsQueries
{
    public static byte[] Query(int id, params (string Name, int Type, int Class)[] questions)
    {
        var b = new List<byte> { (byte)(id >> 8), (byte)id, 0x01, 0x00, 0, (byte)questions.Length, 0, 0, 0, 0, 0, 0 };
        foreach (var q in questions)
        {
            foreach (string label in q.Name.Split('.'))
            {
                b.Add((byte)label.Length);
                b.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
            }

            b.Add(0);
            b.AddRange(new[] { (byte)(q.Type >> 8), (byte)q.Type, (byte)(q.Class >> 8), (byte)q.Class });
        }

        return b.ToArray();
    }

    public static byte[] Query(string name, int type) => Query(0x1234, (name, type, Dns.ClassIn));

    public static int U16(byte[] b, int o) => (b[o] << 8) | b[o + 1];

    /// <summary>The answer records of a reply: (type, class, ttl, rdata offset, rdata length), names skipped.</summary>
    public static List<(int Type, int Class, int Ttl, int Data, int Length)> Records(byte[] reply, int length)
    {
        var list = new List<(int, int, int, int, int)>();
        int p = 12;
        for (int i = 0; i < U16(reply, 4); i++)
        {
            p = SkipName(reply, p) + 4;
        }

        int records = U16(reply, 6) + U16(reply, 8) + U16(reply, 10);
        for (int i = 0; i < records; i++)
        {
            p = SkipName(reply, p);
            int rdlen = U16(reply, p + 8);
            list.Add((U16(reply, p), U16(reply, p + 2), (U16(reply, p + 4) << 16) | U16(reply, p + 6), p + 10, rdlen));
            p += 10 + rdlen;
        }

        Xunit.Assert.Equal(length, p);
        return list;
    }

    private static int SkipName(byte[] b, int p)
    {
        while (b[p] != 0)
        {
            if ((b[p] & 0xC0) == 0xC0)
            {
                return p + 2;
            }

            p += b[p] + 1;
        }

        return p + 1;
    }
}
