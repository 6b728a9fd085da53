using System.Text;
using NesMep.Core.Platform;
using NesMep.Core.Protocol;

namespace NesMep.Simulator;

/// <summary>
/// The simulated meter's tables. Dynamic tables (BT23, BT28, BT52, BT55, ET04, …) are built on every
/// read from the live <see cref="HouseholdLoad"/> and clock; writable tables (BT07, BT08, ET13, ET50,
/// ET51, ET52, ET53, ET59, ET03, ET15) are kept as byte images. All numbers inside tables are
/// little-endian (reference §3.5); layouts follow reference §5.
/// </summary>
public sealed class MeterTables
{
    public const int Et13EntrySize = 66;
    public const int Et14EntrySize = 36;
    public const int Et50ElementSize = 71;
    public const int Et51ElementSize = 10;
    public const int ProcedureResultSize = 16;
    public const int MaxProcedureParameters = 255;
    public const int MaxProcedureResponseData = 12;
    public const int Et53Length = 1785;

    /// <summary>ET13 entry of the MEP client (index 4 on Gen 3; MEP1 on Gen 4; §3.7, §5.12).</summary>
    public const int MepEntryIndex = 4;

    /// <summary>ET50 byte 30 bits (§5.13).</summary>
    public const int Et50FlagsOffset = 30;
    public const byte Et50Registered = 0x01;
    public const byte Et50UseEt59 = 0x02;
    public const byte Et50MBusAlerts = 0x04;
    public const byte Et50DeltaAlerts = 0x08;

    private readonly IClock _clock;
    private readonly DemandTracker _demands;
    private readonly byte[] _bt07 = new byte[3 + MaxProcedureParameters];
    private readonly byte[] _bt08 = new byte[ProcedureResultSize];
    private readonly byte[] _et59 = new byte[ProcedureResultSize];
    private readonly byte[] _et03 = new byte[143];
    private readonly byte[] _et13;
    private readonly byte[] _et14;
    private readonly byte[] _et15 = new byte[31];
    private readonly byte[] _et50;
    private readonly byte[] _et51;
    private readonly byte[] _et52;
    private readonly byte[] _et53 = new byte[Et53Length];
    private readonly int[] _ids;

    public MeterTables(MeterProfile profile, HouseholdLoad load, IClock clock)
    {
        Profile = profile;
        Load = load;
        _clock = clock;
        _et13 = new byte[profile.DeviceCount * Et13EntrySize];
        _et14 = new byte[profile.DeviceCount * Et14EntrySize];
        _et50 = new byte[profile.MepChannels * Et50ElementSize];
        _et51 = new byte[profile.MepChannels * Et51ElementSize];
        _et52 = new byte[profile.TransactionRequestLength];
        InitEt03();
        InitEt13();
        InitEt51();
        _demands = new DemandTracker(profile.Demands, profile.Tiers, load, PresentValue);
        var ids = new List<int>
        {
            MeterTableIds.BT00, MeterTableIds.BT01, MeterTableIds.BT07, MeterTableIds.BT08, MeterTableIds.BT20,
            MeterTableIds.BT21, MeterTableIds.BT22, MeterTableIds.BT23, MeterTableIds.BT27, MeterTableIds.BT28,
            MeterTableIds.BT52, MeterTableIds.BT55, MeterTableIds.ET03, MeterTableIds.ET04, MeterTableIds.ET11,
            MeterTableIds.ET13, MeterTableIds.ET14, MeterTableIds.ET15, MeterTableIds.ET50, MeterTableIds.ET51,
            MeterTableIds.ET52, MeterTableIds.ET53, MeterTableIds.ET59,
        };
        if (profile.IsGen4)
        {
            ids.Add(MeterTableIds.ET70);
        }

        _ids = ids.ToArray();
    }

    public MeterProfile Profile { get; }

    public HouseholdLoad Load { get; }

    /// <summary>The meter's MEP sequence number as shown in ET04 (kept up to date by the simulator).</summary>
    public uint MepSequence { get; set; }

    /// <summary>ET04 offset 116; bumped with +25 on the sequence (§4.3).</summary>
    public byte IdtVersion { get; set; } = 1;

    /// <summary>ET70 offset 142 on Gen 4: 1 = MEP1 (the simulated port).</summary>
    public byte CommChannelIndex { get; set; } = 1;

    /// <summary>Every table id served.</summary>
    public IReadOnlyList<int> TableIds => _ids;

    /// <summary>Byte offset of the MEP client's alert flags in ET13 (entry 4, byte 8).</summary>
    public static int AlertFlagsOffset => (MepEntryIndex * Et13EntrySize) + 8;

    /// <summary>ET13 byte offset of the MEP entry's baud rate code.</summary>
    public static int BaudCodeOffset => (MepEntryIndex * Et13EntrySize) + 6;

    /// <summary>The MEP entry's alert flags (§3.7: bit 0 scheduled read, 1 on-demand, 3 M-Bus, 4 delta data).</summary>
    public byte AlertFlags
    {
        get => _et13[AlertFlagsOffset];
        set => _et13[AlertFlagsOffset] = value;
    }

    /// <summary>ET50 flags byte of this port's element.</summary>
    public byte MepFlags
    {
        get => _et50[Et50Element + Et50FlagsOffset];
        set => _et50[Et50Element + Et50FlagsOffset] = value;
    }

    /// <summary>Procedure results go to ET59 when ET50 byte 30 bit 1 is set, else BT08 (§3.6).</summary>
    public int ProcedureResultTable => (MepFlags & Et50UseEt59) != 0 ? MeterTableIds.ET59 : MeterTableIds.BT08;

    public int DemandCount => _demands.Count;

    private int Et50Element => Math.Max(0, Math.Min(Profile.MepChannels, CommChannelIndex) - 1) * Et50ElementSize;

    public bool Exists(int tableId) => Array.IndexOf(_ids, tableId) >= 0;

    /// <summary>
    /// Whether a key may write the table (§4.1): the MBK only BT07, ET50, ET51, ET52; the MAK also
    /// the MEP/M-Bus configuration (ET13, ET15) and the utility information (ET03).
    /// </summary>
    public static bool IsWritable(int tableId, AccessLevel access)
    {
        bool basic = tableId == MeterTableIds.BT07 || tableId == MeterTableIds.ET50 ||
                     tableId == MeterTableIds.ET51 || tableId == MeterTableIds.ET52;
        if (access == AccessLevel.Basic)
        {
            return basic;
        }

        return access == AccessLevel.Advanced &&
               (basic || tableId == MeterTableIds.ET13 || tableId == MeterTableIds.ET15 || tableId == MeterTableIds.ET03);
    }

    /// <summary>Current image of a table (a fresh copy), or null if the meter has no such table.</summary>
    public byte[]? Read(int tableId)
    {
        switch (tableId)
        {
            case MeterTableIds.BT00: return BuildBt00();
            case MeterTableIds.BT01: return BuildBt01();
            case MeterTableIds.BT20: return BuildDimensions(true);
            case MeterTableIds.BT21: return BuildDimensions(false);
            case MeterTableIds.BT22: return BuildBt22();
            case MeterTableIds.BT23: return BuildBt23();
            case MeterTableIds.BT27: return BuildBt27();
            case MeterTableIds.BT28: return BuildBt28();
            case MeterTableIds.BT52: return BuildBt52();
            case MeterTableIds.BT55: return BuildBt55();
            case MeterTableIds.ET04: return BuildEt04();
            case MeterTableIds.ET11: return BuildEt11();
            case MeterTableIds.ET70: return Profile.IsGen4 ? BuildEt70() : null;
        }

        byte[]? stored = Storage(tableId);
        return stored == null ? null : (byte[])stored.Clone();
    }

    /// <summary>Size of a table in bytes, or -1.</summary>
    public int SizeOf(int tableId) => Read(tableId)?.Length ?? -1;

    /// <summary>
    /// Writes into a stored table: bytes past the end are ignored (§3.2 Table 2.7). Returns false
    /// when the table is not stored or the offset lies outside it.
    /// </summary>
    internal bool Write(int tableId, int offset, byte[] data, int dataOffset, int count)
    {
        byte[]? image = Storage(tableId);
        if (image == null || offset < 0 || offset >= image.Length)
        {
            return false;
        }

        int n = Math.Min(count, image.Length - offset);
        Array.Copy(data, dataOffset, image, offset, n);
        return true;
    }

    /// <summary>Posts a procedure result (UINT16 procedure LE, PSN, result code, data) and returns the table used.</summary>
    internal int PostProcedureResult(int procedure, byte psn, byte result, byte[]? data)
    {
        int table = ProcedureResultTable;
        byte[] image = table == MeterTableIds.ET59 ? _et59 : _bt08;
        Array.Clear(image);
        ByteOrder.WriteUInt16LE(image, 0, procedure & 0x0FFF);
        image[2] = psn;
        image[3] = result;
        if (data != null)
        {
            Array.Copy(data, 0, image, 4, Math.Min(data.Length, MaxProcedureResponseData));
        }

        return table;
    }

    /// <summary>Stores an ET52 transaction response in ET53 (rest of the table zero).</summary>
    internal void SetTransactionResponse(byte[] response, int count)
    {
        Array.Clear(_et53);
        Array.Copy(response, 0, _et53, 0, Math.Min(count, _et53.Length));
    }

    /// <summary>The stored image itself (for the simulator's transaction executor), or null.</summary>
    internal byte[]? Storage(int tableId)
    {
        switch (tableId)
        {
            case MeterTableIds.BT07: return _bt07;
            case MeterTableIds.BT08: return _bt08;
            case MeterTableIds.ET03: return _et03;
            case MeterTableIds.ET13: return _et13;
            case MeterTableIds.ET14: return _et14;
            case MeterTableIds.ET15: return _et15;
            case MeterTableIds.ET50: return _et50;
            case MeterTableIds.ET51: return _et51;
            case MeterTableIds.ET52: return _et52;
            case MeterTableIds.ET53: return _et53;
            case MeterTableIds.ET59: return _et59;
            default: return null;
        }
    }

    // ---- live values -----------------------------------------------------------------------

    /// <summary>Value of a BT27 present-register source id in BT28 units (§5.4, §5.7); 0 for unknown ids.</summary>
    public int PresentValue(int source)
    {
        PowerMeasurements m = Load.Measurements;
        switch (source)
        {
            case 8: case 81: return m.FwdW;
            case 9: case 82: return m.RevW;
            case 10: case 83: return m.ImportVAr;
            case 11: case 84: return m.ExportVAr;
            case >= 12 and <= 14: return m.CurrentMA[source - 12];
            case >= 15 and <= 17: return m.VoltageMV[source - 15];
            case 18: return m.PowerFactor[0];
            case 19: return m.FrequencyMHz;
            case 20: return m.VA;
            case 21: return m.PowerFactor[1];
            case 22: return m.PowerFactor[2];
            case >= 23 and <= 25: return m.SinAngle[source - 23];
            case >= 88 and <= 95: return source - 88 < DemandCountSafe ? _demands.Present(source - 88) : 0;
            case >= 96 and <= 103: return source - 96 < DemandCountSafe ? _demands.Previous(source - 96) : 0;
            case >= 104 and <= 107: return m.QuadrantVAr[source - 104];
            case >= 185 and <= 187: return m.PhaseFwdW[source - 185];
            case >= 188 and <= 190: return m.PhaseRevW[source - 188];
            case >= 191 and <= 193: return m.PhaseFwdW[source - 191];
            case >= 194 and <= 196: return m.PhaseRevW[source - 194];
            case >= 197 and <= 199: return m.CurrentMA[source - 197];
            case >= 202 and <= 204: return m.VoltageMV[source - 202];
            case >= 205 and <= 207: return m.AvgVoltageMV[source - 205];
            case 208: return m.AvgFwdW;
            case 209: return m.AvgRevW;
            case >= 210 and <= 212: return m.AvgPhaseFwdW[source - 210];
            case >= 213 and <= 215: return m.AvgPhaseRevW[source - 213];
            case >= 216 and <= 231: return m.QuadrantVA[(source - 216) / 4, (source - 216) % 4];
            case 232: return m.NeutralMA;
            case >= 233 and <= 235: return m.AvgCurrentMA[source - 233];
            case >= 236 and <= 238: return m.VoltageAngle[source - 236];
            case >= 239 and <= 241: return Math.Max(m.PhaseVAr[source - 239], 0);
            case >= 242 and <= 244: return Math.Max(-m.PhaseVAr[source - 242], 0);
            default: return 0;
        }
    }

    /// <summary>
    /// Value of a BT22 summation source in a BT23 block (0 = total, 1 + t = tier Tt), before rollover.
    /// Outage and error counters exist in the total block only.
    /// </summary>
    public long SummationValue(int source, int block)
    {
        EnergyRegisters e = Load.Energy;
        long Energy(EnergyKind k) => block == 0 ? e.Total(k) : e.Tier(k, block - 1);
        HouseholdOptions o = Load.Options;
        switch (source)
        {
            case 0: return Energy(EnergyKind.FwdActiveWh);
            case 1: return Energy(EnergyKind.RevActiveWh);
            case 2: return Energy(EnergyKind.ImportReactiveVArh);
            case 3: return Energy(EnergyKind.ExportReactiveVArh);
            case 4: return block == 0 ? o.PowerOffSeconds : 0;
            case 5: return block == 0 ? o.PowerOutageCount : 0;
            case 6: return Energy(EnergyKind.FwdActiveWh) + Energy(EnergyKind.RevActiveWh);
            case 7: return Math.Max(0, Energy(EnergyKind.FwdActiveWh) - Energy(EnergyKind.RevActiveWh));
            case 26: case 27: return 0;
            case 28: return block == 0 ? o.ErrorCounter : 0;
            case >= 29 and <= 72:
            {
                // Tier T0..T3 variants of 0..7, 26..28 (§5.4).
                int tier = (source - 29) / 11;
                int[] bases = { 0, 1, 2, 3, 4, 5, 6, 7, 26, 27, 28 };
                return tier < e.Tiers ? SummationValue(bases[(source - 29) % 11], 1 + tier) : 0;
            }

            case >= 108 and <= 111: return Energy(EnergyKind.Q1VArh + (source - 108));
            case >= MeterProfile.SimVAhQ1Source and <= MeterProfile.SimVAhQ1Source + 3:
                return Energy(EnergyKind.Q1VAh + (source - MeterProfile.SimVAhQ1Source));
            default: return 0;
        }
    }

    private int DemandCountSafe => _demands?.Count ?? 0;

    // ---- builders --------------------------------------------------------------------------

    /// <summary>BT00 (§5.1) followed by the C12.19 "used"/"write" bitmaps (layout INFERRED from C12.19).</summary>
    private byte[] BuildBt00()
    {
        int dimStd = 10;
        int dimMfg = Profile.IsGen4 ? 20 : 13;
        int dimStdProc = 2;
        int dimMfgProc = 12;
        var b = new byte[19 + dimStd + dimMfg + dimStdProc + dimMfgProc + dimStd + dimMfg];
        b[0] = 0x02; // LSB first, ASCII
        b[1] = 0x2A; // discrete time fields, offset/count access, BCD id, two's complement
        b[2] = 0x88; // NI_FMAT1/2 = INT32
        Ascii(b, 3, Profile.Manufacturer, 4);
        b[7] = 2; // electric
        b[8] = 0;
        b[9] = MaxProcedureParameters;
        b[10] = MaxProcedureResponseData;
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
            SetBit(b, id < 2048 ? stdUsed : mfgUsed, id < 2048 ? id : id - 2048, id < 2048 ? dimStd : dimMfg);
            if (IsWritable(id, AccessLevel.Advanced))
            {
                SetBit(b, id < 2048 ? stdWrite : mfgWrite, id < 2048 ? id : id - 2048, id < 2048 ? dimStd : dimMfg);
            }
        }

        foreach (int ep in new[] { 6, 11, 16, 17, 32, 33, 37, 39, 61 })
        {
            SetBit(b, mfgProcUsed, ep, dimMfgProc);
        }

        return b;
    }

    /// <summary>BT01 (§5.2): manufacturer, model, hardware version/revision, firmware (MSB at 14), BCD serial.</summary>
    private byte[] BuildBt01()
    {
        var b = new byte[24];
        Ascii(b, 0, Profile.Manufacturer, 4);
        Ascii(b, 4, Profile.Model.PadRight(8), 8);
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
    private byte[] BuildDimensions(bool maxima)
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
    private byte[] BuildBt22()
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
    private byte[] BuildBt23()
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
                ByteOrder.WriteInt32LE(b, p, EnergyRegisters.AsRegister(SummationValue(source, block)));
                p += 4;
            }

            for (int k = 0; k < pr.Demands.Length; k++)
            {
                int max = _demands.Maximum(block, k);
                DateTime at = _demands.MaximumAt(block, k);
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
    private byte[] BuildBt27()
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
    private byte[] BuildBt28()
    {
        var b = new byte[Profile.Bt28Size];
        int p = 0;
        int remaining = _demands.SecondsRemaining(_clock.NowMs);
        foreach (int source in Profile.PresentDemands)
        {
            if (Profile.Bt28A == 3)
            {
                b[p++] = (byte)(remaining / 3600);
                b[p++] = (byte)(remaining / 60 % 60);
                b[p++] = (byte)(remaining % 60);
            }

            ByteOrder.WriteInt32LE(b, p, PresentValue(source));
            p += 4;
        }

        foreach (int source in Profile.PresentValues)
        {
            ByteOrder.WriteInt32LE(b, p, PresentValue(source));
            p += 4;
        }

        return b;
    }

    /// <summary>BT52 (§5.8): UTC LTIME_DATE + flags 0x10 ("is GMT") | dow (| 0x08 in summer).</summary>
    private byte[] BuildBt52()
    {
        DateTime utc = _clock.UtcNow;
        var b = new byte[7];
        LtimeDate(b, 0, utc);
        bool dst = Load.Options.SummerTime && TariffSchedule.IsEuSummerTime(utc);
        b[6] = (byte)(0x10 | (int)utc.DayOfWeek | (dst ? 0x08 : 0));
        return b;
    }

    /// <summary>BT55 (§5.8): local LTIME_DATE, flags (zone and DST applied), UINT16 tier/season word.</summary>
    private byte[] BuildBt55()
    {
        DateTime utc = _clock.UtcNow;
        bool dst = Load.Options.SummerTime && TariffSchedule.IsEuSummerTime(utc);
        DateTime local = TariffSchedule.ToLocal(utc, Load.Options.UtcOffsetMinutes, Load.Options.SummerTime);
        var b = new byte[9];
        LtimeDate(b, 0, local);
        b[6] = (byte)((int)local.DayOfWeek | (dst ? 0x08 : 0) | 0x20 | 0x40);
        int tier = TariffSchedule.TierAt(local, Profile.Tiers) & 0x07;
        int season = dst ? 1 : 0;
        ByteOrder.WriteUInt16LE(b, 7, tier | (season << 12));
        return b;
    }

    /// <summary>ET04 System Information, selected fields (§5.10); MEP sequence at 103 (fw &lt; 4) or 129 (fw ≥ 4).</summary>
    private byte[] BuildEt04()
    {
        var b = new byte[137];
        ByteOrder.WriteInt32LE(b, 0, 0x00012345);
        byte[] neuron = { 0x05, 0x01, 0x83, 0x31, 0x00, 0x01 };
        Array.Copy(neuron, 0, b, 4, 6);
        b[10] = 1; // subnet
        b[11] = 5; // node: commissioned
        b[13] = 50; // rated frequency
        Ascii(b, 14, "NES" + Profile.FirmwareMajor + Profile.FirmwareMinor.ToString("00") + Profile.FirmwareBuild.ToString("00"), 8);
        Ascii(b, 22, "NesMep simulated " + Profile.Name, 30);
        b[55] = 4; // value seen at ET04.55 in the guide's transaction example (A9)
        ByteOrder.WriteUInt16LE(b, 56, 250);
        ByteOrder.WriteUInt16LE(b, 58, Profile.IsGen4 ? 80 : 60);
        ByteOrder.WriteUInt16LE(b, 60, 230);
        b[110] = 60;
        b[111] = 70;
        b[116] = IdtVersion;
        b[127] = 0; // RC4 security mode
        if (Profile.IsGen4)
        {
            ByteOrder.WriteInt32LE(b, 129, (int)MepSequence);
        }
        else
        {
            ByteOrder.WriteInt32LE(b, 103, (int)MepSequence);
        }

        return b;
    }

    /// <summary>ET11 MFG dimensions (§5.11), 40 bytes; the first 10 match the guide's example on Gen 3.</summary>
    private byte[] BuildEt11()
    {
        var b = new byte[40];
        b[0] = (byte)Profile.DeviceCount;
        b[1] = Et13EntrySize;
        b[2] = Et14EntrySize;
        b[3] = 5;
        b[4] = 6;
        ByteOrder.WriteUInt16LE(b, 5, 517);
        ByteOrder.WriteUInt16LE(b, 7, Profile.TransactionRequestLength);
        ByteOrder.WriteUInt16LE(b, 9, Et53Length);
        b[11] = 25;
        b[12] = 16;
        b[13] = 22;
        b[18] = 10;
        b[19] = 10;
        b[20] = 65;
        b[21] = 120;
        b[22] = 6;
        b[23] = 10;
        b[24] = 10;
        b[25] = 16;
        b[26] = 80;
        b[27] = 10;
        ByteOrder.WriteUInt16LE(b, 28, 261);
        ByteOrder.WriteUInt16LE(b, 30, 769);
        b[34] = (byte)Profile.MepChannels;
        b[38] = (byte)(Profile.IsGen4 ? 3 : 0);
        return b;
    }

    /// <summary>ET70 RAM-only status (Gen 4): byte 142 = current comm channel index (§5.17).</summary>
    private byte[] BuildEt70()
    {
        var b = new byte[143];
        b[142] = CommChannelIndex;
        return b;
    }

    private void InitEt03()
    {
        Ascii(_et03, 0, Profile.UtilitySerialNumber, 30); // CHAR[30], zero padded (null terminated)
        ByteOrder.WriteUInt16LE(_et03, 137, 0x5AC3); // image CRC
    }

    private void InitEt13()
    {
        for (int e = 0; e < Profile.DeviceCount; e++)
        {
            int o = e * Et13EntrySize;
            bool mep = e >= MepEntryIndex;
            _et13[o + 0] = 1; // billing read day
            _et13[o + 1] = 0;
            _et13[o + 2] = (byte)(mep ? 5 : 0);
            _et13[o + 3] = 1; // daily
            ByteOrder.WriteUInt16LE(_et13, o + 4, mep ? 0 : 60);
            _et13[o + 6] = (byte)(mep ? 0 : 4); // MEP 9600 (code 0), M-Bus 2400 (code 4)
            _et13[o + 7] = 0;
        }
    }

    private void InitEt51()
    {
        for (int c = 0; c < Profile.MepChannels; c++)
        {
            int o = c * Et51ElementSize;
            _et51[o] = 0;
            ByteOrder.WriteUInt16LE(_et51, o + 1, 60); // MEP health timeout
            _et51[o + 3] = 30; // on-demand timeout
            ByteOrder.WriteUInt16LE(_et51, o + 4, 600); // optical session timeout
            ByteOrder.WriteUInt16LE(_et51, o + 6, 300); // optical hold-off
            _et51[o + 8] = 1; // MEP down reset duration
        }
    }

    private static void LtimeDate(byte[] b, int o, DateTime t)
    {
        b[o] = (byte)(t.Year - 2000);
        b[o + 1] = (byte)t.Month;
        b[o + 2] = (byte)t.Day;
        b[o + 3] = (byte)t.Hour;
        b[o + 4] = (byte)t.Minute;
        b[o + 5] = (byte)t.Second;
    }

    private static void Ascii(byte[] b, int o, string text, int max)
    {
        byte[] t = Encoding.ASCII.GetBytes(text);
        Array.Copy(t, 0, b, o, Math.Min(t.Length, max));
    }

    private static void SetBit(byte[] b, int start, int index, int bytes)
    {
        if (index >= 0 && index < bytes * 8)
        {
            b[start + (index / 8)] |= (byte)(1 << (index % 8));
        }
    }
}
