using NesMep.Core.Platform;
using NesMep.Core.Protocol;

namespace NesMep.Simulator;

/// <summary>
/// Images of the ANSI C12.19 standard tables the meter builds on every read (reference §5.1–§5.8):
/// BT00, BT01, BT20/BT21, BT22, BT23, BT27, BT28, BT52 and BT55, from the profile, the live values
/// and the clock. All numbers little-endian (§3.5).
/// </summary>
internal sealed class StandardTableImages
{
    private readonly IClock _clock;
    private readonly LiveValues _values;
    private readonly int[] _ids;

    public StandardTableImages(MeterProfile profile, LiveValues values, IClock clock, int[] tableIds)
    {
        Profile = profile;
        _values = values;
        _clock = clock;
        _ids = tableIds;
    }

    private MeterProfile Profile { get; }

    private HouseholdLoad Load => _values.Load;

    /// <summary>BT00 (§5.1) followed by the C12.19 "used"/"write" bitmaps (layout INFERRED from C12.19).</summary>
    public byte[] BuildBt00()
    {
        int dimStd = 10;
        int dimMfg = Profile.IsGen4 ? 20 : 13;
        int dimStdProc = 2;
        int dimMfgProc = 12;
        var b = new byte[19 + dimStd + dimMfg + dimStdProc + dimMfgProc + dimStd + dimMfg];
        b[0] = 0x02; // LSB first, ASCII
        b[1] = 0x2A; // discrete time fields, offset/count access, BCD id, two's complement
        b[2] = 0x88; // NI_FMAT1/2 = INT32
        TableBytes.Ascii(b, 3, Profile.Manufacturer, 4);
        b[7] = 2; // electric
        b[8] = 0;
        b[9] = MeterTables.MaxProcedureParameters;
        b[10] = MeterTables.MaxProcedureResponseData;
        b[11] = 1;
        b[12] = 0;
        b[13] = (byte)dimStd;
        b[14] = (byte)dimMfg;
        b[15] = (byte)dimStdProc;
        b[16] = (byte)dimMfgProc;
        b[17] = 9;
        b[18] = (byte)(Profile.IsGen4 ? 4 : 3);
        int p = 19;
        int stdUsed = p;
        int mfgUsed = stdUsed + dimStd;
        int mfgProcUsed = mfgUsed + dimMfg + dimStdProc;
        int stdWrite = mfgProcUsed + dimMfgProc;
        int mfgWrite = stdWrite + dimStd;
        foreach (int id in _ids)
        {
            TableBytes.SetBit(b, id < 2048 ? stdUsed : mfgUsed, id < 2048 ? id : id - 2048, id < 2048 ? dimStd : dimMfg);
            if (MeterTables.IsWritable(id, AccessLevel.Advanced))
            {
                TableBytes.SetBit(b, id < 2048 ? stdWrite : mfgWrite, id < 2048 ? id : id - 2048, id < 2048 ? dimStd : dimMfg);
            }
        }

        foreach (int ep in new[] { 6, 11, 16, 17, 32, 33, 37, 39, 61 })
        {
            TableBytes.SetBit(b, mfgProcUsed, ep, dimMfgProc);
        }

        return b;
    }

    /// <summary>BT01 (§5.2): manufacturer, model, hardware version/revision, firmware (MSB at 14), BCD serial.</summary>
    public byte[] BuildBt01()
    {
        var b = new byte[24];
        TableBytes.Ascii(b, 0, Profile.Manufacturer, 4);
        TableBytes.Ascii(b, 4, Profile.Model.PadRight(8), 8);
        b[12] = Profile.HardwareVersion;
        b[13] = Profile.HardwareRevision;
        b[14] = (byte)(Profile.FirmwareVersion >> 8);
        b[15] = (byte)Profile.FirmwareVersion;
        string digits = Profile.SerialNumber.PadLeft(16, '0');
        for (int i = 0; i < 8; i++)
        {
            b[16 + i] = (byte)(((digits[2 * i] - '0') << 4) | (digits[(2 * i) + 1] - '0'));
        }

        return b;
    }

    /// <summary>BT21 (actual) or BT20 (maximum) dimension register, 10 bytes (§5.3).</summary>
    public byte[] BuildDimensions(bool maxima)
    {
        var b = new byte[10];
        b[0] = (byte)Profile.Bt21Flags;
        b[1] = (byte)Profile.Bt21SelfReadFlags;
        b[2] = (byte)(maxima ? 253 : Profile.SelfReads);
        b[3] = (byte)(maxima ? Math.Max(Profile.Summations.Length, Profile.IsGen4 ? 19 : 15) : Profile.Summations.Length);
        b[4] = (byte)(maxima ? 8 : Profile.Demands.Length);
        b[5] = (byte)(maxima ? 16 : Profile.CoincidentCount);
        b[6] = (byte)(maxima ? 1 : Profile.Occurrences);
        b[7] = (byte)(maxima ? (Profile.IsGen4 ? 8 : 4) : Profile.Tiers);
        b[8] = (byte)(maxima ? 8 : Profile.PresentDemands.Length);
        b[9] = (byte)(maxima ? (Profile.IsGen4 ? 72 : 54) : Profile.PresentValues.Length);
        return b;
    }

    /// <summary>BT22 (§5.4): summation ids, demand select, min/max flags, coincident select and association.</summary>
    public byte[] BuildBt22()
    {
        int s = Profile.Summations.Length;
        int d = Profile.Demands.Length;
        int c = Profile.CoincidentCount;
        var b = new byte[s + d + ((d + 7) / 8) + (2 * c)];
        for (int i = 0; i < s; i++)
        {
            b[i] = (byte)Profile.Summations[i];
        }

        for (int i = 0; i < d; i++)
        {
            b[s + i] = (byte)Profile.Demands[i];
        }

        // Min/max flags: all demands are maxima (bit clear = max, INFERRED); coincident lists zero.
        return b;
    }

    /// <summary>
    /// BT23 (§5.5): [demand reset count if A] then the total block and one block per tier, each =
    /// summations (INT32), demand records ([STIME_DATE×occ] [cumulative] [continuous cumulative]
    /// INT32×occ) and coincident values.
    /// </summary>
    public byte[] BuildBt23()
    {
        MeterProfile pr = Profile;
        var b = new byte[pr.Bt23Size];
        int p = 0;
        if (pr.Bt23A == 1)
        {
            b[p++] = (byte)Load.Options.DemandResetCount;
        }

        bool dateTime = (pr.Bt21Flags & MeterProfile.FlagDateTime) != 0;
        bool cumulative = (pr.Bt21Flags & MeterProfile.FlagCumulativeDemand) != 0;
        bool continuous = (pr.Bt21Flags & MeterProfile.FlagContinuousCumulativeDemand) != 0;
        for (int block = 0; block <= pr.Tiers; block++)
        {
            foreach (int source in pr.Summations)
            {
                ByteOrder.WriteInt32LE(b, p, EnergyRegisters.AsRegister(_values.SummationValue(source, block)));
                p += 4;
            }

            for (int k = 0; k < pr.Demands.Length; k++)
            {
                int max = _values.Demands.Maximum(block, k);
                DateTime at = _values.Demands.MaximumAt(block, k);
                if (dateTime)
                {
                    for (int o = 0; o < pr.Occurrences; o++)
                    {
                        b[p++] = (byte)(at.Year - 2000);
                        b[p++] = (byte)at.Month;
                        b[p++] = (byte)at.Day;
                        b[p++] = (byte)at.Hour;
                        b[p++] = (byte)at.Minute;
                    }
                }

                // Cumulative demand = sum of maxima at past resets (modelled as resets × this maximum).
                int cum = max * Load.Options.DemandResetCount;
                if (cumulative)
                {
                    ByteOrder.WriteInt32LE(b, p, cum);
                    p += 4;
                }

                if (continuous)
                {
                    ByteOrder.WriteInt32LE(b, p, cum + max);
                    p += 4;
                }

                for (int o = 0; o < pr.Occurrences; o++)
                {
                    ByteOrder.WriteInt32LE(b, p, max);
                    p += 4;
                }
            }

            p += pr.CoincidentCount * 4 * pr.Occurrences; // coincident values: zero
        }

        return b;
    }

    /// <summary>BT27 (§5.6): present-demand source ids, then present-value source ids.</summary>
    public byte[] BuildBt27()
    {
        var b = new byte[Profile.PresentDemands.Length + Profile.PresentValues.Length];
        for (int i = 0; i < Profile.PresentDemands.Length; i++)
        {
            b[i] = (byte)Profile.PresentDemands[i];
        }

        for (int i = 0; i < Profile.PresentValues.Length; i++)
        {
            b[Profile.PresentDemands.Length + i] = (byte)Profile.PresentValues[i];
        }

        return b;
    }

    /// <summary>BT28 (§5.7): present demands ([TIME remaining] INT32), then INT32 present values in BT27 order.</summary>
    public byte[] BuildBt28()
    {
        var b = new byte[Profile.Bt28Size];
        int p = 0;
        int remaining = _values.Demands.SecondsRemaining(_clock.NowMs);
        foreach (int source in Profile.PresentDemands)
        {
            if (Profile.Bt28A == 3)
            {
                b[p++] = (byte)(remaining / 3600);
                b[p++] = (byte)(remaining / 60 % 60);
                b[p++] = (byte)(remaining % 60);
            }

            ByteOrder.WriteInt32LE(b, p, _values.PresentValue(source));
            p += 4;
        }

        foreach (int source in Profile.PresentValues)
        {
            ByteOrder.WriteInt32LE(b, p, _values.PresentValue(source));
            p += 4;
        }

        return b;
    }

    /// <summary>BT52 (§5.8): UTC LTIME_DATE + flags 0x10 ("is GMT") | dow (| 0x08 in summer).</summary>
    public byte[] BuildBt52()
    {
        DateTime utc = _clock.UtcNow;
        var b = new byte[7];
        TableBytes.LtimeDate(b, 0, utc);
        bool dst = Load.Options.SummerTime && TariffSchedule.IsEuSummerTime(utc);
        b[6] = (byte)(0x10 | (int)utc.DayOfWeek | (dst ? 0x08 : 0));
        return b;
    }

    /// <summary>BT55 (§5.8): local LTIME_DATE, flags (zone and DST applied), UINT16 tier/season word.</summary>
    public byte[] BuildBt55()
    {
        DateTime utc = _clock.UtcNow;
        bool dst = Load.Options.SummerTime && TariffSchedule.IsEuSummerTime(utc);
        DateTime local = TariffSchedule.ToLocal(utc, Load.Options.UtcOffsetMinutes, Load.Options.SummerTime);
        var b = new byte[9];
        TableBytes.LtimeDate(b, 0, local);
        b[6] = (byte)((int)local.DayOfWeek | (dst ? 0x08 : 0) | 0x20 | 0x40);
        int tier = TariffSchedule.TierAt(local, Profile.Tiers) & 0x07;
        int season = dst ? 1 : 0;
        ByteOrder.WriteUInt16LE(b, 7, tier | (season << 12));
        return b;
    }
}
