using System;
using System.Diagnostics.CodeAnalysis;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// LTIME_DATE = 6 × UINT8 (yy since 2000, mm, dd, hh, mi, ss), reference §5.0. Validated so that
    /// building a <see cref="DateTime"/> can never throw.
    /// </summary>
    public sealed class LtimeDate
    {
        public const int Size = 6;

        public const string ErrorMonth = "month out of range";
        public const string ErrorDay = "day out of range";
        public const string ErrorHour = "hour out of range";
        public const string ErrorMinute = "minute out of range";
        public const string ErrorSecond = "second out of range";

        public int Year { get; private set; }
        public int Month { get; private set; }
        public int Day { get; private set; }
        public int Hour { get; private set; }
        public int Minute { get; private set; }
        public int Second { get; private set; }

        /// <summary>Decodes 6 bytes at data[index]; the caller checks the bounds.</summary>
        public bool TryDecode(byte[] data, int index, [NotNullWhen(false)] out string? error)
        {
            int year = 2000 + data[index];
            int month = data[index + 1];
            int day = data[index + 2];
            if (month < 1 || month > 12)
            {
                error = ErrorMonth;
                return false;
            }

            if (day < 1 || day > DaysInMonth(year, month))
            {
                error = ErrorDay;
                return false;
            }

            if (data[index + 3] > 23)
            {
                error = ErrorHour;
                return false;
            }

            if (data[index + 4] > 59)
            {
                error = ErrorMinute;
                return false;
            }

            if (data[index + 5] > 59)
            {
                error = ErrorSecond;
                return false;
            }

            Year = year;
            Month = month;
            Day = day;
            Hour = data[index + 3];
            Minute = data[index + 4];
            Second = data[index + 5];
            error = null;
            return true;
        }

        /// <summary>The decoded time as a <see cref="DateTime"/> of kind UTC (nanoFramework has no other kind).</summary>
        public DateTime ToDateTime()
        {
            return new DateTime(new DateTime(Year, Month, Day, Hour, Minute, Second).Ticks, DateTimeKind.Utc);
        }

        /// <summary>"2004-02-16T15:59:55", plus "Z" when <paramref name="utc"/>.</summary>
        public string ToIsoString(bool utc)
        {
            string s = Year.ToString() + "-" + Two(Month) + "-" + Two(Day) + "T" + Two(Hour) + ":" + Two(Minute) + ":" + Two(Second);
            return utc ? s + "Z" : s;
        }

        private static string Two(int v)
        {
            return v < 10 ? "0" + v.ToString() : v.ToString();
        }

        private static int DaysInMonth(int year, int month)
        {
            if (month == 2)
            {
                bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
                return leap ? 29 : 28;
            }

            return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
        }
    }
}
