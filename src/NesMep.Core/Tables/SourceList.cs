using NesMep.Core.Json;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// A run of source ids as BT22 and BT27 hold them (one byte per register, reference §5.4), or a
    /// default order when the meter's own is not known. Fixed capacity: reused without allocating.
    /// </summary>
    internal sealed class SourceList
    {
        private readonly int[] _ids;

        public SourceList(int capacity)
        {
            _ids = new int[capacity];
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

        /// <summary>Takes <paramref name="count"/> ids from data[index ..]; the caller checks bounds and capacity.</summary>
        public void Read(byte[] data, int index, int count)
        {
            for (int i = 0; i < count; i++)
            {
                _ids[i] = data[index + i];
            }

            Count = count;
        }

        /// <summary>
        /// <paramref name="count"/> positions (clamped to 0..capacity) of a default order: position n gets
        /// order[n], positions beyond it (all of them when <paramref name="order"/> is null) are unknown.
        /// </summary>
        public void UseDefault(int count, int[]? order)
        {
            if (count < 0)
            {
                count = 0;
            }

            if (count > _ids.Length)
            {
                count = _ids.Length;
            }

            for (int i = 0; i < count; i++)
            {
                _ids[i] = order != null && i < order.Length ? order[i] : SourceIds.Unknown;
            }

            Count = count;
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
