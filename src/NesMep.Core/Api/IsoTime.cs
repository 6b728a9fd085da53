using System;
using System.Text;

namespace NesMep.Core.Api
{
    /// <summary>Culture-free timestamp text, identical on nanoFramework and .NET.</summary>
    public static class IsoTime
    {
        private static readonly string[] Weekdays =
            { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" };

        /// <summary>2026-11-21T12:00:05.123Z</summary>
        public static string Format(DateTime utc)
        {
            StringBuilder sb = new StringBuilder(24);
            AppendDate(sb, utc);
            sb.Append('T');
            AppendTime(sb, utc);
            sb.Append('.');
            Pad(sb, utc.Millisecond, 3);
            sb.Append('Z');
            return sb.ToString();
        }

        /// <summary>The Dabbler module's "2026-11-21 (Saturday) @ 12:00:05" form (protocol reference §7.1).</summary>
        public static string FormatDabbler(DateTime utc)
        {
            StringBuilder sb = new StringBuilder(40);
            AppendDate(sb, utc);
            sb.Append(" (");
            sb.Append(Weekdays[(int)utc.DayOfWeek]);
            sb.Append(") @ ");
            AppendTime(sb, utc);
            return sb.ToString();
        }

        private static void AppendDate(StringBuilder sb, DateTime t)
        {
            Pad(sb, t.Year, 4);
            sb.Append('-');
            Pad(sb, t.Month, 2);
            sb.Append('-');
            Pad(sb, t.Day, 2);
        }

        private static void AppendTime(StringBuilder sb, DateTime t)
        {
            Pad(sb, t.Hour, 2);
            sb.Append(':');
            Pad(sb, t.Minute, 2);
            sb.Append(':');
            Pad(sb, t.Second, 2);
        }

        /// <summary>The digits of a date or time part (never negative), zero-padded to width; no string per part.</summary>
        private static void Pad(StringBuilder sb, int value, int width)
        {
            int div = 1;
            for (int i = 1; i < width || value / div >= 10; i++)
            {
                div *= 10;
            }

            for (; div > 0; div /= 10)
            {
                sb.Append((char)('0' + (value / div % 10)));
            }
        }
    }
}
