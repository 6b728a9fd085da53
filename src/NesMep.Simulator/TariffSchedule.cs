namespace NesMep.Simulator;

/// <summary>
/// Local time and tier (TOU rate) rules of the simulated meter. BT52 is UTC; BT55 and the tier
/// registers of BT23 follow local time (reference §5.8). DST uses the EU rule (last Sunday of March
/// to last Sunday of October, 01:00 UTC); the simulator needs something plausible, not a tz database.
/// </summary>
public static class TariffSchedule
{
    /// <summary>True when EU summer time is in effect at <paramref name="utc"/>.</summary>
    public static bool IsEuSummerTime(DateTime utc)
    {
        DateTime start = LastSunday(utc.Year, 3).AddHours(1);
        DateTime end = LastSunday(utc.Year, 10).AddHours(1);
        return utc >= start && utc < end;
    }

    /// <summary>Local wall time: UTC + zone offset + one hour in summer when <paramref name="dst"/>.</summary>
    public static DateTime ToLocal(DateTime utc, int zoneOffsetMinutes, bool dst)
    {
        DateTime local = utc.AddMinutes(zoneOffsetMinutes);
        if (dst && IsEuSummerTime(utc))
        {
            local = local.AddHours(1);
        }

        return DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
    }

    /// <summary>
    /// Active tier (0-based) at a local time. Four tiers: night 00–06 (T0), day 06–17 (T1), peak
    /// 17–21 (T2), evening 21–24 (T3). Any other count splits the day evenly.
    /// </summary>
    public static int TierAt(DateTime local, int tiers)
    {
        if (tiers <= 1)
        {
            return 0;
        }

        int h = local.Hour;
        if (tiers == 4)
        {
            return h < 6 ? 0 : h < 17 ? 1 : h < 21 ? 2 : 3;
        }

        return Math.Min(tiers - 1, h * tiers / 24);
    }

    private static DateTime LastSunday(int year, int month)
    {
        var d = new DateTime(year, month, DateTime.DaysInMonth(year, month), 0, 0, 0, DateTimeKind.Utc);
        while (d.DayOfWeek != DayOfWeek.Sunday)
        {
            d = d.AddDays(-1);
        }

        return d;
    }
}
