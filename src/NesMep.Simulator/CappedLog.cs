namespace NesMep.Simulator;

/// <summary>
/// An in-memory log bounded by <see cref="SimulatorOptions.LogCapacity"/> (read on every add, so a
/// changed option takes effect): when full, the oldest tenth is dropped before adding.
/// </summary>
internal sealed class CappedLog<T>
{
    private readonly List<T> _items = new();
    private readonly SimulatorOptions _options;

    public CappedLog(SimulatorOptions options)
    {
        _options = options;
    }

    public void Add(T item)
    {
        if (_items.Count >= _options.LogCapacity && _items.Count > 0)
        {
            _items.RemoveRange(0, Math.Max(1, _items.Count / 10));
        }

        _items.Add(item);
    }

    /// <summary>A snapshot copy.</summary>
    public T[] ToArray() => _items.ToArray();
}
