namespace NesMep.Core.Tests.Fixtures;

/// <summary>
/// C12.18 packets from the protocol reference §13.3 ("C12.18 test vectors", computed with CRC-16/X-25;
/// the Ident frame is the commonly published one). Toggle bit as noted. Shared with the device tests
/// (tests/NesMep.Core.NanoTests compiles this folder), so it stays inside the nanoFramework 1.x subset.
/// </summary>
public static class C1218Frames
{
    public const string IdentToggle0 = "EE 00 00 00 00 01 20 13 10";
    public const string IdentToggle1 = "EE 00 20 00 00 01 20 82 70";

    /// <summary>Negotiate 512-byte packets, 2 packets, baud code 6 (9600), toggle 1.</summary>
    public const string Negotiate512x2At9600 = "EE 00 20 00 00 05 61 02 00 02 06 24 DD";

    /// <summary>Logon user id 0, user name "0000" space-padded to 10 bytes, toggle 0.</summary>
    public const string Logon0000 = "EE 00 00 00 00 0D 50 00 00 30 30 30 30 20 20 20 20 20 20 76 35";

    /// <summary>Security with 20 zero bytes, toggle 1.</summary>
    public const string SecurityZeros = "EE 00 20 00 00 15 51 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 27 A2";

    public const string FullReadBt01 = "EE 00 00 00 00 03 30 00 01 55 0D";

    /// <summary>Partial read of BT23, offset 0, count 16, toggle 1.</summary>
    public const string PartialReadBt23 = "EE 00 20 00 00 08 3F 00 17 00 00 00 00 10 CA 6E";

    public const string Logoff = "EE 00 00 00 00 01 52 86 40";
    public const string TerminateToggle1 = "EE 00 20 00 00 01 21 0B 61";
    public const string ResponseOk = "EE 00 00 00 00 01 00 11 31";

    /// <summary>CRC-16/X-25 check value of ASCII "123456789" (§13.1).</summary>
    public const int CrcCheckValue = 0x906E;
}
