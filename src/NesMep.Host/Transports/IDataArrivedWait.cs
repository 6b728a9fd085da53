namespace NesMep.Host.Transports;

/// <summary>
/// The data-arrived wake of a transport: the host's module thread sleeps here until bytes from the meter are
/// waiting or the timeout passes, instead of polling every few milliseconds.
/// </summary>
public interface IDataArrivedWait
{
    /// <summary>The longest single wait the loop should ask for: a wait that cannot be interrupted is cut into slices so stop and new settings are seen.</summary>
    int SliceMs { get; }

    /// <summary>Sleeps until bytes (or a close) are waiting, or <paramref name="timeoutMs"/> passes; true when bytes are waiting.</summary>
    bool WaitReadable(int timeoutMs);
}
