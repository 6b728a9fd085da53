namespace NesMep.Simulator;

/// <summary>A received request frame waiting for the one-request-per-100 ms throttle (§3.8).</summary>
/// <param name="Frame">The whole frame as received.</param>
/// <param name="ArrivedMs">When its last byte arrived.</param>
/// <param name="DueMs">When the meter processes it.</param>
internal sealed record PendingFrame(byte[] Frame, long ArrivedMs, long DueMs);
