namespace NesMep.Simulator;

/// <summary>
/// The meter's view of the client's ENABLE line where it is wired to something the host can read
/// (a modem input of a real serial port). <see cref="SimulatorPump"/> follows it with
/// <see cref="MeterSimulator.SetEnabled"/>.
/// </summary>
public interface IEnableLineSense
{
    /// <summary>Current level (true = ENABLE powered); false when it cannot be read now (leave the meter as it is).</summary>
    bool TryRead(out bool on);
}
