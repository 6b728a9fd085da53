namespace NesMep.Host.Transports;

/// <summary>
/// Maps a numeric baud rate to the speed_t value libc expects.
/// glibc before 2.42 and musl take the legacy Bxxx codes (B9600 = 0xD); glibc 2.42+ exports new
/// default-versioned cfset*speed that take the plain number, and a P/Invoke binds to that default
/// version, so passing a Bxxx code there would silently select a ~13 baud line. We probe once.
/// </summary>
internal static class BaudRates
{
    private static readonly (int Baud, uint Code)[] Table =
    {
        (300, 0x7), (600, 0x8), (1200, 0x9), (1800, 0xA), (2400, 0xB), (4800, 0xC),
        (9600, 0xD), (19200, 0xE), (38400, 0xF), (57600, 0x1001), (115200, 0x1002),
    };

    private static readonly Lazy<bool> LibcTakesNumericSpeeds = new Lazy<bool>(Probe);

    public static IReadOnlyList<int> Supported { get; } = Table.Select(e => e.Baud).ToArray();

    /// <summary>The speed_t for <paramref name="baud"/>; ArgumentException when not in the table.</summary>
    public static uint ToSpeed(int baud)
    {
        foreach (var entry in Table)
        {
            if (entry.Baud == baud)
            {
                return LibcTakesNumericSpeeds.Value ? (uint)baud : entry.Code;
            }
        }

        throw new ArgumentException(
            $"Unsupported baud rate {baud}; supported: {string.Join(", ", Supported)}.", nameof(baud));
    }

    /// <summary>Inverse of <see cref="ToSpeed"/>; 0 when the speed is not one of ours.</summary>
    public static int FromSpeed(uint speed)
    {
        foreach (var entry in Table)
        {
            if ((LibcTakesNumericSpeeds.Value ? (uint)entry.Baud : entry.Code) == speed)
            {
                return entry.Baud;
            }
        }

        return 0;
    }

    // Legacy implementations reject 9600 (not a Bxxx code, EINVAL); numeric ones accept it.
    private static bool Probe()
    {
        var probe = default(LibC.Termios);
        return LibC.cfsetospeed(ref probe, 9600) == 0;
    }
}
