namespace NesMep.Core.Tests.Fixtures;

/// <summary>
/// Full reads sent without the 2-byte max length (<c>00 0F 30 TT TT seq digest</c>), the form an
/// open-source MEP reader in the field sends (issue 14 item 11; the guide calls the missing length
/// "indeterminate", no error, reference §3.2). No capture of such a frame exists in the sources, so
/// these are constructed: key = the guide's default MAK 16 × 0x01, digests computed with
/// <c>nesmep digest</c> (the core's MepDigest, which reproduces the guide's vectors A1–A10 in
/// <see cref="GuideFrames"/>). Linked into the simulator and host test projects.
/// </summary>
public static class ShortFullReadFrames
{
    /// <summary>The guide's default MAK as 32 hex digits.</summary>
    public const string MakHex = "01010101010101010101010101010101";

    /// <summary>Sequence 0x77635B90: the first one the simulator accepts at its default start sequence.</summary>
    public const uint Sequence = 0x77635B90;

    /// <summary>Full read of BT01 without max length, sequence <see cref="Sequence"/>.</summary>
    public const string Bt01Request = "00 0F 30 00 01 77 63 5B 90 CE F9 28 70 2A D4 45 2A";

    /// <summary>
    /// BT01 of the simulator's Gen 3 profile (NES / 83331-3I, hw 3.1, fw 0x3155 = 3.10.21, serial
    /// 0000000083310001): the reply to <see cref="Bt01Request"/>, digest over request body ‖ reply body.
    /// </summary>
    public const string Bt01Response = "00 23 00 00 18 4E 45 53 20 38 33 33 33 31 2D 33 49 03 01 31 55" +
        " 00 00 00 00 83 31 00 01 5E 4A 03 BC 50 BA 7F A1";
}
