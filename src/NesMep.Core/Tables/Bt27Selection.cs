using NesMep.Core.Json;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// BT27 Present Register Selection (reference §5.6): present-demand source ids ARRAY[BT21.8] at 0,
    /// then present-value source ids ARRAY[BT21.9]. The order is the order of the values in BT28.
    /// </summary>
    public sealed class Bt27Selection : IJsonWritable, ITableFields
    {
        public const int Capacity = 255;

        public const string ErrorNoDimensions = "BT27 needs BT21 dimensions";
        public const string ErrorShort = "BT27 shorter than BT21 present demands + present values";

        private readonly int[] _demandSources = new int[Capacity];
        private readonly int[] _valueSources = new int[Capacity];

        /// <summary>True after a successful decode or <see cref="UseDefaultOrder(int)"/>.</summary>
        public bool IsKnown { get; private set; }

        /// <summary>True when the order is the §5.7 default, not read from the meter.</summary>
        public bool IsDefaultOrder { get; private set; }

        public int PresentDemandCount { get; private set; }
        public int PresentValueCount { get; private set; }

        /// <summary>Source id of present value #n, or <see cref="SourceIds.Unknown"/>.</summary>
        public int ValueSource(int n)
        {
            return n >= 0 && n < PresentValueCount ? _valueSources[n] : SourceIds.Unknown;
        }

        /// <summary>Source id of present demand #n, or <see cref="SourceIds.Unknown"/>.</summary>
        public int DemandSource(int n)
        {
            return n >= 0 && n < PresentDemandCount ? _demandSources[n] : SourceIds.Unknown;
        }

        /// <summary>Index of the present value with this source id, or -1.</summary>
        public int IndexOfSource(int sourceId)
        {
            for (int i = 0; i < PresentValueCount; i++)
            {
                if (_valueSources[i] == sourceId)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Index of the present demand with this source id, or -1.</summary>
        public int IndexOfDemandSource(int sourceId)
        {
            for (int i = 0; i < PresentDemandCount; i++)
            {
                if (_demandSources[i] == sourceId)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Decodes a BT27 image read from table offset 0.</summary>
        public bool TryDecode(byte[] data, int offset, int count, Bt21Dimensions dims, out string error)
        {
            IsKnown = false;
            IsDefaultOrder = false;
            PresentDemandCount = 0;
            PresentValueCount = 0;
            if (!TableWindow.IsValid(data, offset, count, 0))
            {
                error = TableWindow.ErrorBadArguments;
                return false;
            }

            if (dims == null || !dims.HasLayout)
            {
                error = ErrorNoDimensions;
                return false;
            }

            int d = dims.PresentDemandCount;
            int v = dims.PresentValueCount;
            if (count < d + v)
            {
                error = ErrorShort;
                return false;
            }

            for (int i = 0; i < d; i++)
            {
                _demandSources[i] = data[offset + i];
            }

            for (int i = 0; i < v; i++)
            {
                _valueSources[i] = data[offset + d + i];
            }

            PresentDemandCount = d;
            PresentValueCount = v;
            IsKnown = true;
            error = null;
            return true;
        }

        /// <summary>Default §5.7 order with no present demands (what the open firmwares assume).</summary>
        public void UseDefaultOrder(int presentValueCount)
        {
            UseDefaultOrder(0, presentValueCount);
        }

        /// <summary>Default §5.7 value order; present demand sources are unknown.</summary>
        public void UseDefaultOrder(int presentDemandCount, int presentValueCount)
        {
            PresentDemandCount = Clamp(presentDemandCount);
            PresentValueCount = Clamp(presentValueCount);
            for (int i = 0; i < PresentDemandCount; i++)
            {
                _demandSources[i] = SourceIds.Unknown;
            }

            for (int i = 0; i < PresentValueCount; i++)
            {
                _valueSources[i] = SourceIds.DefaultBt28Source(i);
            }

            IsKnown = true;
            IsDefaultOrder = true;
        }

        public void WriteJson(JsonWriter w)
        {
            w.BeginObject();
            WriteJsonFields(w);
            w.EndObject();
        }

        public void WriteJsonFields(JsonWriter w)
        {
            w.Property("default_order", IsDefaultOrder);
            w.Name("present_demands").BeginArray();
            for (int i = 0; i < PresentDemandCount; i++)
            {
                SourceJson.WriteSource(w, i, _demandSources[i]);
            }

            w.EndArray();
            w.Name("present_values").BeginArray();
            for (int i = 0; i < PresentValueCount; i++)
            {
                SourceJson.WriteSource(w, i, _valueSources[i]);
            }

            w.EndArray();
        }

        private static int Clamp(int n)
        {
            if (n < 0)
            {
                return 0;
            }

            return n > Capacity ? Capacity : n;
        }
    }
}
