namespace NesMep.Simulator;

/// <summary>A procedure result held back until <paramref name="DueMs"/> (<see cref="SimulatorOptions.ProcedureResultDelayMs"/>).</summary>
internal sealed record PendingResult(long DueMs, int Procedure, byte Psn, byte Result, byte[]? Data);
