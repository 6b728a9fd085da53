namespace NesMep.Simulator;

/// <summary>One BT07 procedure call as the meter saw it (kept in <see cref="MeterSimulator.ProcedureLog"/>).</summary>
/// <param name="AtMs">Clock time the request was processed.</param>
/// <param name="Procedure">Procedure number (bits 0..11; EPnn = 2048 + nn).</param>
/// <param name="Psn">Procedure sequence number (BT07 byte 2).</param>
/// <param name="Parameters">Parameter bytes (BT07 offset 3..).</param>
/// <param name="Access">Key that wrote BT07.</param>
/// <param name="Result">Result code posted (0 completed … 5 no authorization, 6 unrecognized).</param>
/// <param name="ResultTable">Table the result was posted to: BT08 or ET59 (reference §3.6).</param>
public sealed record ProcedureCall(long AtMs, int Procedure, byte Psn, byte[] Parameters, AccessLevel Access, byte Result, int ResultTable)
{
    public string Name => ProcedureIds.Name(Procedure);
}
