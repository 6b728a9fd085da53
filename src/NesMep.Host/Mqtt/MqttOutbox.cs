using NesMep.Core.Mqtt;

namespace NesMep.Host.Mqtt;

/// <summary>
/// The bounded queue between the core publisher and the socket. At most one message waits per
/// topic: a newer message for a waiting topic replaces it in place (newest state wins), so a slow
/// or absent broker never makes the queue grow and <see cref="TryPublish"/> never blocks. When
/// <see cref="Capacity"/> different topics are waiting, new topics are refused (counted in
/// <see cref="Dropped"/>); the publisher sends them again on its next round.
/// </summary>
public sealed class MqttOutbox : IMqttSink
{
    private readonly object _gate = new();
    private readonly LinkedList<Entry> _order = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _byTopic = new(StringComparer.Ordinal);

    public MqttOutbox(int capacity)
    {
        if (capacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity));
        }

        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _order.Count;
            }
        }
    }

    /// <summary>Messages refused because the queue was full.</summary>
    public int Dropped { get; private set; }

    /// <summary>Waiting messages overwritten by a newer one for the same topic.</summary>
    public int Replaced { get; private set; }

    public bool TryPublish(string topic, byte[] payload, int qos, bool retain)
    {
        lock (_gate)
        {
            if (_byTopic.TryGetValue(topic, out LinkedListNode<Entry>? node))
            {
                node.Value = new Entry(topic, payload, qos, retain);
                Replaced++;
                return true;
            }

            if (_order.Count >= Capacity)
            {
                Dropped++;
                return false;
            }

            _byTopic[topic] = _order.AddLast(new Entry(topic, payload, qos, retain));
            return true;
        }
    }

    public bool TryDequeue(out Entry entry)
    {
        lock (_gate)
        {
            LinkedListNode<Entry>? first = _order.First;
            if (first == null)
            {
                entry = default;
                return false;
            }

            _order.RemoveFirst();
            _byTopic.Remove(first.Value.Topic);
            entry = first.Value;
            return true;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _order.Clear();
            _byTopic.Clear();
        }
    }

    public readonly record struct Entry(string Topic, byte[] Payload, int Qos, bool Retain);
}
