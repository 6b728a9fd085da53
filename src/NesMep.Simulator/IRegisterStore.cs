namespace NesMep.Simulator;

/// <summary>
/// Where the simulated meter keeps its energy registers between runs (the Linux host: a file in the
/// state directory). See <see cref="RegisterKeeper"/>.
/// </summary>
public interface IRegisterStore
{
    /// <summary>The last saved image, or null when nothing was saved yet. Throws when the store is unreadable.</summary>
    RegisterImage? Load();

    /// <summary>Saves the image; false when it could not be written (the store reports why).</summary>
    bool Save(RegisterImage image);
}

/// <summary>Energy accumulators (see <see cref="EnergyRegisters.Snapshot"/>) and when they were saved.</summary>
public sealed record RegisterImage(DateTime SavedUtc, int Tiers, double[] Values);
