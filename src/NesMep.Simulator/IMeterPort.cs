namespace NesMep.Simulator;

/// <summary>
/// One serial port of the simulated meter as a pump or a test line sees it: the MEP port
/// (<see cref="MeterSimulator"/>) or the optical port (<see cref="Optical.OpticalPort"/>).
/// </summary>
public interface IMeterPort
{
    /// <summary>Bytes from the client arrive at the port at the current clock time.</summary>
    void ReceiveFromClient(byte[] data, int offset, int count);

    /// <summary>Copies bytes that have arrived at the client by now; 0 when none.</summary>
    int ReadForClient(byte[] buffer, int offset, int count);

    /// <summary>Advances the port to the clock.</summary>
    void Tick();
}
