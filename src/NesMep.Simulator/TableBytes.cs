using System.Text;

namespace NesMep.Simulator;

/// <summary>Small writers shared by the table image builders.</summary>
internal static class TableBytes
{
    /// <summary>LTIME_DATE: year − 2000, month, day, hour, minute, second.</summary>
    public static void LtimeDate(byte[] b, int o, DateTime t)
    {
        b[o] = (byte)(t.Year - 2000);
        b[o + 1] = (byte)t.Month;
        b[o + 2] = (byte)t.Day;
        b[o + 3] = (byte)t.Hour;
        b[o + 4] = (byte)t.Minute;
        b[o + 5] = (byte)t.Second;
    }

    /// <summary>ASCII text, cut at <paramref name="max"/> bytes (the rest stays as it was).</summary>
    public static void Ascii(byte[] b, int o, string text, int max)
    {
        byte[] t = Encoding.ASCII.GetBytes(text);
        Array.Copy(t, 0, b, o, Math.Min(t.Length, max));
    }

    /// <summary>Sets bit <paramref name="index"/> of a bitmap of <paramref name="bytes"/> bytes; ignores indexes outside it.</summary>
    public static void SetBit(byte[] b, int start, int index, int bytes)
    {
        if (index >= 0 && index < bytes * 8)
        {
            b[start + (index / 8)] |= (byte)(1 << (index % 8));
        }
    }
}
