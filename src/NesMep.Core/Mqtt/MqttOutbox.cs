namespace NesMep.Core.Mqtt
{
    /// <summary>
    /// The bounded queue between <see cref="MqttPublisher"/> and the connection. At most one message
    /// waits per topic: a newer message for a waiting topic replaces it in place (newest state wins),
    /// so a slow or absent broker never makes the queue grow. When <see cref="Capacity"/> topics or
    /// <see cref="MaxBytes"/> payload bytes are waiting, new topics are refused (counted in
    /// <see cref="Dropped"/>) and the publisher sends them again on its next round; it asks
    /// <see cref="CanAccept"/> first so no payload is built only to be dropped. Not thread-safe:
    /// the publisher and the supervisor use it under the module lock.
    /// </summary>
    public sealed class MqttOutbox : IMqttSink
    {
        private static readonly byte[] Empty = new byte[0];
        private readonly string?[] _topics;
        private readonly byte[]?[] _payloads;
        private readonly int[] _qos;
        private readonly bool[] _retain;
        private int _head;
        private int _count;
        private int _bytes;

        public MqttOutbox(int capacity, int maxBytes)
        {
            if (capacity < 1 || maxBytes < 1)
            {
                throw new System.ArgumentOutOfRangeException(capacity < 1 ? "capacity" : "maxBytes");
            }

            _topics = new string[capacity];
            _payloads = new byte[capacity][];
            _qos = new int[capacity];
            _retain = new bool[capacity];
            MaxBytes = maxBytes;
        }

        public int Capacity
        {
            get { return _topics.Length; }
        }

        public int MaxBytes { get; private set; }

        public int Count
        {
            get { return _count; }
        }

        /// <summary>Payload bytes waiting.</summary>
        public int Bytes
        {
            get { return _bytes; }
        }

        /// <summary>Messages refused because the queue was full.</summary>
        public int Dropped { get; private set; }

        /// <summary>Waiting messages overwritten by a newer one for the same topic.</summary>
        public int Replaced { get; private set; }

        /// <summary>True when a message for <paramref name="topic"/> would be taken now (its topic waits already, or there is room).</summary>
        public bool CanAccept(string topic)
        {
            return Find(topic) >= 0 || (_count < _topics.Length && _bytes < MaxBytes);
        }

        public bool TryPublish(string topic, byte[] payload, int qos, bool retain)
        {
            int slot = Find(topic);
            int freed = slot >= 0 ? Length(slot) : 0;
            if ((slot < 0 && _count >= _topics.Length) || _bytes - freed + payload.Length > MaxBytes)
            {
                Dropped++;
                return false;
            }

            if (slot >= 0)
            {
                Replaced++;
            }
            else
            {
                slot = (_head + _count) % _topics.Length;
                _topics[slot] = topic;
                _count++;
            }

            _bytes += payload.Length - freed;
            _payloads[slot] = payload;
            _qos[slot] = qos;
            _retain[slot] = retain;
            return true;
        }

        /// <summary>The oldest waiting message, left in place (see <see cref="RemoveFirst"/>); false when empty.</summary>
        public bool TryPeek(out string topic, out byte[] payload, out int qos, out bool retain)
        {
            if (_count == 0)
            {
                topic = "";
                payload = Empty;
                qos = 0;
                retain = false;
                return false;
            }

            topic = _topics[_head]!; // slots inside the ring are always set
            payload = _payloads[_head]!;
            qos = _qos[_head];
            retain = _retain[_head];
            return true;
        }

        /// <summary>Removes the message <see cref="TryPeek"/> returned (after the connection took it).</summary>
        public void RemoveFirst()
        {
            if (_count == 0)
            {
                return;
            }

            _bytes -= Length(_head);
            _topics[_head] = null;
            _payloads[_head] = null;
            _head = (_head + 1) % _topics.Length;
            _count--;
        }

        public void Clear()
        {
            while (_count > 0)
            {
                RemoveFirst();
            }

            _head = 0;
        }

        private int Length(int slot)
        {
            byte[]? p = _payloads[slot];
            return p == null ? 0 : p.Length;
        }

        private int Find(string topic)
        {
            for (int i = 0; i < _count; i++)
            {
                int slot = (_head + i) % _topics.Length;
                if (_topics[slot] == topic)
                {
                    return slot;
                }
            }

            return -1;
        }
    }
}
