using NesMep.Host.Transports;
using NesMep.Simulator;

namespace NesMep.Host.Service;

/// <summary>What the host opened for one meter side: port or socket, the built-in simulator, the data-arrived wake.</summary>
internal sealed class MeterSideResources : IDisposable
{
    private readonly List<IDisposable> _owned = new();

    /// <summary>The built-in simulated meter, or null when reading a real one.</summary>
    public MeterSimulator? Simulator { get; set; }

    /// <summary>How the module thread sleeps until bytes arrive (every transport the host opens has one).</summary>
    public IDataArrivedWait? Wait { get; set; }

    public void Own(IDisposable d) => _owned.Add(d);

    public void Dispose()
    {
        foreach (IDisposable d in _owned)
        {
            d.Dispose();
        }

        _owned.Clear();
        // The simulated meter's registers continue from here at the next start (a real meter's never go back).
        Simulator?.SaveRegisters();
        Simulator = null;
    }
}
