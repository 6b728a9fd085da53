namespace NesMep.Core.Tests.Fixtures;

/// <summary>
/// Frames from the OSGP "MEP Client Developer's Guide" v1.1 examples, as listed in the protocol
/// reference §4.2 (vectors A1–A10 and N1). All use the guide's default MAK of 16 × 0x01 except N1,
/// which was signed with a key the guide does not give. Shared with the device tests
/// (tests/NesMep.Core.NanoTests compiles this folder), so it stays inside the nanoFramework 1.x subset.
/// </summary>
public static class GuideFrames
{
    public const string A1 = "00 14 3F 00 17 00 00 00 00 2C 01 02 03 04 74 86 1F 6D 76 58 DD 56";
    public const string A2 = "00 0D 0C 77 63 5B 90 35 86 3C 1D F5 B9 14 82";
    public const string A3 = "00 14 3F 00 17 00 00 00 00 2C 77 63 5B 91 13 DB 85 A1 35 A0 57 5E";
    public const string A4 = "00 37 00 00 2C" +
        " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 08 00 00 00 03 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 06 00 00 00" +
        " AD DC B8 2C 3D 41 7F 91";
    public const string A5 = "00 15 4F 08 32 00 00 1E 00 01 01 77 63 6E 2F 86 E5 0E 26 67 D1 E6 3C";
    public const string A6 = "00 09 00 86 E5 0E 26 67 D1 E6 3C";
    public const string A7Request = "00 57 4F 08 34 00 00 00 00 43 43 00 00 01 00 08 00 3F 08 0B 00 00 00 00 0A 08 00 3F 00 14 00 00 00 00 0A 08 00 3F 00 15 00 00 00 00 0A 08 00 3F 08 04 00 00 37 00 01 08 00 3F 08 0E 00 00 00 00 0C 08 00 3F 08 0F 00 00 00 00 1F 01 00 5B 4E 42 E6 ED 6A 9C EF F4 CC 0E 39";
    public const string A7Response = "00 09 00 ED 6A 9C EF F4 CC 0E 39";
    public const string A8Request = "00 14 3F 08 35 00 00 00 00 05 5B 4E 42 E7 48 97 75 DA D8 53 E3 A3";
    public const string A8Response = "00 10 00 00 05 6F 00 01 01 00 97 4B 99 CA A3 31 45 19";
    public const string A9Request = "00 14 3F 08 35 00 00 00 00 6F 5B 4E 42 E8 1B 32 04 49 74 45 A8 7A";
    public const string A10Request = "00 17 40 00 07 00 06 11 08 07 00 F8 03 5B 4E 43 09 69 7A B2 01 49 7E 9C F7";
    public const string A10Response = "00 09 00 69 7A B2 01 49 7E 9C F7";
    public const string N1Request = "00 14 3F 00 34 00 00 00 00 06 F5 2F 54 81 7C FF 9A 53 47 DB AB FC";
    public const string N1Response = "00 11 00 00 06 04 02 10 0F 3B 37 30 3D 9B BE 3D A3 A8 B6";
}
