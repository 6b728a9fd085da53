using NesMep.Core.Tables;

namespace NesMep.Simulator;

/// <summary>
/// Identity and dimensions of a simulated meter: what BT01, BT21, BT22 and BT27 say, and so the
/// layout of BT23 and BT28 (reference §5.2–§5.7). Three built-in profiles cover the layouts a
/// client must handle: <see cref="Gen3Basic"/>, <see cref="Gen3Demand"/> and <see cref="Gen4"/>.
/// </summary>
public sealed class MeterProfile
{
    // BT21 byte 0 bits (§5.3).
    public const int FlagSeasonInfo = 0x01;
    public const int FlagDateTime = 0x02;
    public const int FlagDemandResetCounter = 0x04;
    public const int FlagDemandResetLock = 0x08;
    public const int FlagCumulativeDemand = 0x10;
    public const int FlagContinuousCumulativeDemand = 0x20;
    public const int FlagTimeRemaining = 0x40;

    /// <summary>
    /// Source ids used here for the Gen 4 apparent energy summations VAh Q1..Q4 (#15..18). The
    /// reference gives them no id (§5.5), so the simulator uses 245..248, past the documented list.
    /// </summary>
    public const int SimVAhQ1Source = 245;

    public string Name { get; init; } = "custom";

    public string Manufacturer { get; init; } = "NES ";

    /// <summary>Model, left-justified in CHAR[8] (e.g. "83331-3I").</summary>
    public string Model { get; init; } = "83331-3I";

    public byte HardwareVersion { get; init; } = 3;

    public byte HardwareRevision { get; init; } = 1;

    /// <summary>Packed firmware (BT01 bytes 14..15, MSB first): major bits 15..12, minor 11..5, build 4..0.</summary>
    public int FirmwareVersion { get; init; } = 0x3155;

    /// <summary>16 decimal digits, BCD-packed into BT01 bytes 16..23.</summary>
    public string SerialNumber { get; init; } = "0000000083310001";

    public string UtilitySerialNumber { get; init; } = "5706567012345678";

    public int Bt21Flags { get; init; }

    public int Bt21SelfReadFlags { get; init; }

    public int SelfReads { get; init; }

    /// <summary>BT22 summation source ids, in BT23 order.</summary>
    public int[] Summations { get; init; } = Array.Empty<int>();

    /// <summary>BT22 demand select source ids.</summary>
    public int[] Demands { get; init; } = Array.Empty<int>();

    public int CoincidentCount { get; init; }

    /// <summary>BT21 "number of occurrences" (1 when demands are configured).</summary>
    public int Occurrences { get; init; }

    public int Tiers { get; init; } = 4;

    /// <summary>BT27 present-demand source ids (88.. = present demand 1..).</summary>
    public int[] PresentDemands { get; init; } = Array.Empty<int>();

    /// <summary>BT27 present-value source ids, in BT28 order.</summary>
    public int[] PresentValues { get; init; } = Array.Empty<int>();

    /// <summary>ET11 byte 0: M-Bus + MEP device entries in ET13 (5 on Gen 3, 6 on Gen 4).</summary>
    public int DeviceCount { get; init; } = 5;

    /// <summary>ET11 byte 34: MEP channels, i.e. ET50/ET51 elements (1 before fw 4.0, 2 on Gen 4).</summary>
    public int MepChannels { get; init; } = 1;

    /// <summary>ET11 bytes 7..8: ET52 transaction request length.</summary>
    public int TransactionRequestLength { get; init; } = 769;

    /// <summary>Gen 4 has ET70 ("current comm channel index" at 142) and the per-port sequence array in ET04 at 129.</summary>
    public bool IsGen4 { get; init; }

    public int FirmwareMajor => (FirmwareVersion >> 12) & 0x0F;

    public int FirmwareMinor => (FirmwareVersion >> 5) & 0x7F;

    public int FirmwareBuild => FirmwareVersion & 0x1F;

    public string FirmwareText => Bt01ManufacturerInfo.FormatFirmware(FirmwareVersion);

    /// <summary>BT23 symbol A (§5.5): 1 when the demand reset counter byte leads the table.</summary>
    public int Bt23A => (Bt21Flags & FlagDemandResetCounter) != 0 ? 1 : 0;

    /// <summary>BT23 DmdRcd: bytes of one demand record.</summary>
    public int DemandRecordSize =>
        ((Bt21Flags & FlagDateTime) != 0 ? 5 * Occurrences : 0) +
        ((Bt21Flags & FlagCumulativeDemand) != 0 ? 4 : 0) +
        ((Bt21Flags & FlagContinuousCumulativeDemand) != 0 ? 4 : 0) +
        (4 * Occurrences);

    /// <summary>Bytes of the total block and of each tier block of BT23.</summary>
    public int Bt23BlockSize => (4 * Summations.Length) + (Demands.Length * DemandRecordSize) + (CoincidentCount * 4 * Occurrences);

    /// <summary>A + (1 + tiers) × block (§5.5).</summary>
    public int Bt23Size => Bt23A + ((1 + Tiers) * Bt23BlockSize);

    /// <summary>BT28 symbol A: 3 when "time remaining" (TIME) precedes each present demand (§5.7).</summary>
    public int Bt28A => (Bt21Flags & FlagTimeRemaining) != 0 ? 3 : 0;

    /// <summary>Offset of present value #n = (A + 4)·present demands + 4·n.</summary>
    public int Bt28ValueOffset(int n) => ((Bt28A + 4) * PresentDemands.Length) + (4 * n);

    public int Bt28Size => Bt28ValueOffset(PresentValues.Length);

    /// <summary>
    /// Gen 3 meter, fw 3.10.21, no demand: 11 summations, 4 tiers, 41 present values, BT21 byte 0
    /// without the demand-reset (bit 2) and time-remaining (bit 6) flags. BT23 = 5 × 44 = 220 bytes,
    /// as observed on real meters (§5.5).
    /// </summary>
    public static MeterProfile Gen3Basic() => new()
    {
        Name = "Gen3Basic",
        Model = "83331-3I",
        HardwareVersion = 3,
        HardwareRevision = 1,
        FirmwareVersion = 0x3155,
        SerialNumber = "0000000083310001",
        UtilitySerialNumber = "5706567012345678",
        Bt21Flags = FlagSeasonInfo | FlagDateTime,
        SelfReads = 0,
        Summations = Range(SourceIds.DefaultBt23Order, 11),
        Tiers = 4,
        PresentValues = Range(SourceIds.DefaultBt28Order, 41),
        DeviceCount = 5,
        MepChannels = 1,
        TransactionRequestLength = 769,
    };

    /// <summary>
    /// Gen 3 meter, fw 3.70.5, demand configured: 15 summations, 8 demands with date/time and both
    /// cumulative fields, demand reset counter (A = 1), time remaining in BT28 (values start at
    /// (3+4)·8 = 56), 4 tiers, 8 present demands, 55 present values (all averages present). BT23 = 1 + 5 × (60 + 8 × 17) =
    /// 981 bytes: a full read cannot fit the 476-byte MEP frame (§4.6).
    /// </summary>
    public static MeterProfile Gen3Demand() => new()
    {
        Name = "Gen3Demand",
        Model = "83332-3I",
        HardwareVersion = 3,
        HardwareRevision = 2,
        FirmwareVersion = (3 << 12) | (70 << 5) | 5,
        SerialNumber = "0000000083320002",
        UtilitySerialNumber = "5706567012345679",
        Bt21Flags = 0x7F,
        Bt21SelfReadFlags = 0x0E,
        SelfReads = 12,
        Summations = Range(SourceIds.DefaultBt23Order, 15),
        Demands = new[] { 8, 9, 10, 11, 20, 185, 186, 187 },
        Occurrences = 1,
        Tiers = 4,
        PresentDemands = new[] { 88, 89, 90, 91, 92, 93, 94, 95 },
        PresentValues = Range(SourceIds.DefaultBt28Order, 55),
        DeviceCount = 5,
        MepChannels = 1,
        TransactionRequestLength = 769,
    };

    /// <summary>
    /// Gen 4 meter, fw 0x4136: 19 summations, 2 demands, 8 tiers, 2 present demands (no time
    /// remaining), 72 present values with BT27 in a non-default order (voltages before currents,
    /// PF L1 and frequency swapped, per-phase Rev W before Fwd W) so clients must look values up
    /// by source id. Two MEP channels, ET70 present.
    /// </summary>
    public static MeterProfile Gen4()
    {
        int[] values = Range(SourceIds.DefaultBt28Order, 72);
        Swap(values, 4, 7); // currents L1..L3 <-> voltages L1..L3
        Swap(values, 5, 8);
        Swap(values, 6, 9);
        Swap(values, 10, 11); // PF L1 <-> frequency
        Swap(values, 26, 29); // Fwd W L1..L3 <-> Rev W L1..L3
        Swap(values, 27, 30);
        Swap(values, 28, 31);
        int[] sums = Range(SourceIds.DefaultBt23Order, 19);
        for (int i = 0; i < 4; i++)
        {
            sums[15 + i] = SimVAhQ1Source + i;
        }

        return new MeterProfile
        {
            Name = "Gen4",
            Model = "83341-3I",
            HardwareVersion = 4,
            HardwareRevision = 0,
            FirmwareVersion = 0x4136,
            SerialNumber = "0000000083410003",
            UtilitySerialNumber = "5706567087654321",
            Bt21Flags = FlagSeasonInfo | FlagDateTime | FlagDemandResetCounter | FlagCumulativeDemand | FlagContinuousCumulativeDemand,
            Bt21SelfReadFlags = 0x0E,
            SelfReads = 12,
            Summations = sums,
            Demands = new[] { 8, 9 },
            Occurrences = 1,
            Tiers = 8,
            PresentDemands = new[] { 88, 89 },
            PresentValues = values,
            DeviceCount = 6,
            MepChannels = 2,
            TransactionRequestLength = 896,
            IsGen4 = true,
        };
    }

    /// <summary>Profile by name ("Gen3Basic", "Gen3Demand", "Gen4"; case-insensitive), or null.</summary>
    public static MeterProfile? ByName(string name)
    {
        switch (name.Trim().ToLowerInvariant())
        {
            case "gen3basic":
            case "gen3":
                return Gen3Basic();
            case "gen3demand":
                return Gen3Demand();
            case "gen4":
                return Gen4();
            default:
                return null;
        }
    }

    public override string ToString() => $"{Name} ({Model}, fw {FirmwareText})";

    private static int[] Range(int[] source, int count)
    {
        var r = new int[count];
        Array.Copy(source, r, count);
        return r;
    }

    private static void Swap(int[] a, int i, int j) => (a[i], a[j]) = (a[j], a[i]);
}
