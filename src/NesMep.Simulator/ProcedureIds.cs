namespace NesMep.Simulator;

/// <summary>Procedure numbers as written to BT07 bytes 0..1 (reference §3.6, §5.16).</summary>
public static class ProcedureIds
{
    public const int ManufacturerBase = 2048;

    public const int EP06 = ManufacturerBase + 6;
    public const int EP11 = ManufacturerBase + 11;
    public const int EP16 = ManufacturerBase + 16;
    public const int EP17 = ManufacturerBase + 17;
    public const int EP32 = ManufacturerBase + 32;
    public const int EP33 = ManufacturerBase + 33;
    public const int EP37 = ManufacturerBase + 37;
    public const int EP39 = ManufacturerBase + 39;
    public const int EP61 = ManufacturerBase + 61;

    /// <summary>EP39 "post MEP data" type byte that clears the scheduled-read alert (ET13 bit 0).</summary>
    public const byte Ep39ScheduledReadWithAlarms = 4;

    /// <summary>EP39 type "clear delta data alert" (ET13 bit 4, fw 3.40+).</summary>
    public const byte Ep39ClearDeltaDataAlert = 12;

    // Result codes posted in BT08/ET59 (§3.6).
    public const byte ResultCompleted = 0;
    public const byte ResultNotFullyCompleted = 1;
    public const byte ResultInvalidParameter = 2;
    public const byte ResultConflict = 3;
    public const byte ResultTiming = 4;
    public const byte ResultNoAuthorization = 5;
    public const byte ResultUnrecognized = 6;

    /// <summary>The four procedures the MBK may call (reference §4.1, App. C).</summary>
    public static bool AllowedWithBasicKey(int procedure)
    {
        return procedure == EP16 || procedure == EP17 || procedure == EP39 || procedure == EP61;
    }

    /// <summary>Procedures after which the meter bumps the IDT version and adds 25 to the sequence (§4.3).</summary>
    public static bool BumpsIdtVersion(int procedure)
    {
        return procedure == EP06 || procedure == EP11 || procedure == EP32 || procedure == EP33 || procedure == EP37;
    }

    public static string Name(int procedure)
    {
        return procedure >= ManufacturerBase
            ? "EP" + (procedure - ManufacturerBase).ToString("00")
            : "BP" + procedure.ToString("00");
    }
}
