using NesMep.Core.Platform;

namespace NesMep.Simulator;

/// <summary>
/// The client's view of an in-process simulated meter: a byte transport plus the transceiver
/// power/ENABLE control. Used by the Linux host's built-in virtual meter and by end-to-end tests
/// under a virtual clock (time only moves when the test moves it).
/// </summary>
public sealed class SimulatedLine : IByteTransport, ITransceiverControl
{
    public SimulatedLine(MeterSimulator meter)
    {
        Meter = meter;
    }

    public MeterSimulator Meter { get; }

    /// <summary>Times the client switched the transceiver on or off.</summary>
    public int PowerChanges { get; private set; }

    /// <summary>Bytes per receive event of the client's UART as modelled here: a FIFO threshold (the first and last byte of a burst always signal).</summary>
    public const int ReceiveEventChunk = 16;

    /// <summary>
    /// When the client's "bytes arrived" wake fires next (ms, after <see cref="MeterSimulator.Tick"/>): the first
    /// byte after a quiet line, every <see cref="ReceiveEventChunk"/>th byte, the end of a burst; null when none queued.
    /// </summary>
    public long? NextReceiveEventAtMs => Meter.NextReceiveEventAtMs(ReceiveEventChunk);

    /// <summary>Bytes the meter has sent that reached the client by now (non-blocking).</summary>
    public int Read(byte[] buffer, int offset, int count)
    {
        Meter.Tick();
        return Meter.ReadForClient(buffer, offset, count);
    }

    /// <summary>The client's bytes reach the meter at the current clock time.</summary>
    public void Write(byte[] buffer, int offset, int count)
    {
        Meter.ReceiveFromClient(buffer, offset, count);
    }

    /// <summary>Transceiver power and MEP ENABLE together (§2.4): off drops everything and clears a lock-up.</summary>
    public void SetPowered(bool on)
    {
        PowerChanges++;
        Meter.SetEnabled(on);
    }
}
