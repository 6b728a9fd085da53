using NesMep.Core.Platform;
using NesMep.Core.Protocol;

namespace NesMep.Simulator;

/// <summary>
/// The simulated meter's tables. Dynamic tables (BT23, BT28, BT52, BT55, ET04, …) are built on every
/// read from the live <see cref="HouseholdLoad"/> and clock (<see cref="StandardTableImages"/>,
/// <see cref="ManufacturerTableImages"/>); writable tables (BT07, BT08, ET13, ET50, ET51, ET52, ET53,
/// ET59, ET03, ET15) are kept here as byte images. All numbers inside tables are little-endian
/// (reference §3.5); layouts follow reference §5.
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

    private readonly LiveValues _values;
    private readonly StandardTableImages _standard;
    private readonly ManufacturerTableImages _manufacturer;
    private readonly byte[] _bt07 = new byte[3 + MaxProcedureParameters];
    private readonly byte[] _bt08 = new byte[ProcedureResultSize];
    private readonly byte[] _et59 = new byte[ProcedureResultSize];
    private readonly byte[] _et03;
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
        _manufacturer = new ManufacturerTableImages(profile);
        _et14 = new byte[profile.DeviceCount * Et14EntrySize];
        _et50 = new byte[profile.MepChannels * Et50ElementSize];
        _et52 = new byte[profile.TransactionRequestLength];
        _et03 = _manufacturer.InitialEt03();
        _et13 = _manufacturer.InitialEt13();
        _et51 = _manufacturer.InitialEt51();
        _values = new LiveValues(profile, load);
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
        _standard = new StandardTableImages(profile, _values, clock, _ids);
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

    public int DemandCount => _values.Demands.Count;

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
            case MeterTableIds.BT00: return _standard.BuildBt00();
            case MeterTableIds.BT01: return _standard.BuildBt01();
            case MeterTableIds.BT20: return _standard.BuildDimensions(true);
            case MeterTableIds.BT21: return _standard.BuildDimensions(false);
            case MeterTableIds.BT22: return _standard.BuildBt22();
            case MeterTableIds.BT23: return _standard.BuildBt23();
            case MeterTableIds.BT27: return _standard.BuildBt27();
            case MeterTableIds.BT28: return _standard.BuildBt28();
            case MeterTableIds.BT52: return _standard.BuildBt52();
            case MeterTableIds.BT55: return _standard.BuildBt55();
            case MeterTableIds.ET04: return _manufacturer.BuildEt04(IdtVersion, MepSequence);
            case MeterTableIds.ET11: return _manufacturer.BuildEt11();
            case MeterTableIds.ET70: return Profile.IsGen4 ? ManufacturerTableImages.BuildEt70(CommChannelIndex) : null;
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

    /// <summary>Value of a BT27 present-register source id in BT28 units (§5.4, §5.7); 0 for unknown ids.</summary>
    public int PresentValue(int source) => _values.PresentValue(source);

    /// <summary>
    /// Value of a BT22 summation source in a BT23 block (0 = total, 1 + t = tier Tt), before rollover.
    /// Outage and error counters exist in the total block only.
    /// </summary>
    public long SummationValue(int source, int block) => _values.SummationValue(source, block);
}
