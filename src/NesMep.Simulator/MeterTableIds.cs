using NesMep.Core.Tables;

namespace NesMep.Simulator;

/// <summary>
/// Ids of every table the simulator serves (BTnn = nn, ETnn = 2048 + nn, reference §5.0). The ones
/// the core already names are taken from <see cref="TableIds"/>.
/// </summary>
public static class MeterTableIds
{
    public const int BT00 = TableIds.BT00;
    public const int BT01 = TableIds.BT01;
    public const int BT07 = TableIds.BT07;
    public const int BT08 = TableIds.BT08;
    public const int BT20 = TableIds.BT20;
    public const int BT21 = TableIds.BT21;
    public const int BT22 = TableIds.BT22;
    public const int BT23 = TableIds.BT23;
    public const int BT27 = TableIds.BT27;
    public const int BT28 = TableIds.BT28;
    public const int BT52 = TableIds.BT52;
    public const int BT55 = TableIds.BT55;
    public const int ET03 = TableIds.ET03;
    public const int ET04 = TableIds.ET04;
    public const int ET11 = TableIds.ET11;
    public const int ET13 = TableIds.ET13;
    public const int ET14 = TableIds.ExtendedBase + 14;
    public const int ET15 = TableIds.ExtendedBase + 15;
    public const int ET50 = TableIds.ET50;
    public const int ET51 = TableIds.ExtendedBase + 51;
    public const int ET52 = TableIds.ExtendedBase + 52;
    public const int ET53 = TableIds.ExtendedBase + 53;
    public const int ET59 = TableIds.ET59;
    public const int ET70 = TableIds.ExtendedBase + 70;
}
