using NesMep.Core.Json;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// A run of source ids as BT22 and BT27 hold them (one byte per register, reference §5.4), or a
    /// default order when the meter's own is not known. Sized by the first decode to what this meter has (at most
    /// <c>maxCapacity</c>), then reused without allocating (issue 10: no arrays sized for the worst case).
    /// </summary>
    internal sealed class SourceList
    {
        private readonly int _maxCapacity;
        private int[] _ids = new int[0];

        public SourceList(int maxCapacity)
        {
            _maxCapacity = maxCapacity;
        }

        public int Count { get; private set; }

        /// <summary>Source id at position <paramref name="n"/>, or <see cref="SourceIds.Unknown"/>.</summary>
        public int At(int n)
        {
            return n >= 0 && n < Count ? _ids[n] : SourceIds.Unknown;
        }

        /// <summary>Position of this source id, or -1.</summary>
        public int IndexOf(int sourceId)
        {
            for (int i = 0; i < Count; i++)
            {
                if (_ids[i] == sourceId)
                {
                    return i;
                }
            }

            return -1;
        }

        public void Clear()
        {
            Count = 0;
        }

        /// <summary>Takes <paramref name="count"/> ids from data[index ..]; the caller checks bounds and the maximum.</summary>
        public void Read(byte[] data, int index, int count)
        {
            Grow(count);
            for (int i = 0; i < count; i++)
            {
                _ids[i] = data[index + i];
            }

            Count = count;
        }

        /// <summary>
        /// <paramref name="count"/> positions (clamped to 0..maximum) of a default order: position n gets
        /// order[n], positions beyond it (all of them when <paramref name="order"/> is null) are unknown.
        /// </summary>
        public void UseDefault(int count, int[]? order)
        {
            if (count < 0)
            {
                count = 0;
            }

            if (count > _maxCapacity)
            {
                count = _maxCapacity;
            }

            Grow(count);
            for (int i = 0; i < count; i++)
            {
                _ids[i] = order != null && i < order.Length ? order[i] : SourceIds.Unknown;
            }

            Count = count;
        }

        private void Grow(int count)
        {
            if (_ids.Length < count)
            {
                _ids = new int[count];
            }
        }

        /// <summary>"name":[{"index":n,"source":id,"name":…}, …].</summary>
        public void WriteJson(JsonWriter w, string name)
        {
            w.Name(name).BeginArray();
            for (int i = 0; i < Count; i++)
            {
                SourceJson.WriteSource(w, i, _ids[i]);
            }

            w.EndArray();
        }
    }
}
