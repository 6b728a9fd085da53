using NesMep.Core.Platform;

namespace NesMep.Simulator.Optical;

/// <summary>The client's IR head on an in-process simulated optical port (tests, the host's virtual meter).</summary>
public sealed class SimulatedOpticalLine : IByteTransport
{
    public SimulatedOpticalLine(OpticalPort port)
    {
        Port = port;
    }

    public OpticalPort Port { get; }

    /// <summary>Bytes written by the client (all of them, for byte counts per refresh).</summary>
    public long BytesWritten { get; private set; }

    public long BytesRead { get; private set; }

    public int Read(byte[] buffer, int offset, int count)
    {
        Port.Tick();
        int n = Port.ReadForClient(buffer, offset, count);
        BytesRead += n;
        return n;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        BytesWritten += count;
        Port.ReceiveFromClient(buffer, offset, count);
    }
}
