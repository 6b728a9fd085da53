using NesMep.Core.Json;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// BT22 Data Selection (reference §5.4): summation source ids ARRAY[BT21.3] at 0 (their order is the
    /// order of the BT23 summations), demand select ARRAY[BT21.4], min/max flags SET((BT21.4+7)/8),
    /// coincident select ARRAY[BT21.5], coincident-demand association ARRAY[BT21.5].
    /// </summary>
    public sealed class Bt22Selection : IJsonWritable, ITableFields
    {
        public const int Capacity = 255;

        public const string ErrorNoDimensions = "BT22 needs BT21 dimensions";
        public const string ErrorShort = "BT22 shorter than the BT21 summation count";

        private readonly int[] _summationSources = new int[Bt21Dimensions.MaxSummations];
        private readonly int[] _demandSources = new int[Capacity];
        private readonly int[] _coincidentSources = new int[Capacity];
        private readonly int[] _coincidentAssociations = new int[Capacity];
        private readonly byte[] _minMaxFlags = new byte[(Capacity + 7) / 8];

        /// <summary>True after a successful decode or <see cref="UseDefaultOrder"/>.</summary>
        public bool IsKnown { get; private set; }

        /// <summary>True when the order is the §5.5 default, not read from the meter.</summary>
        public bool IsDefaultOrder { get; private set; }

        public int SummationCount { get; private set; }

        /// <summary>True when demand select, min/max flags and the coincident arrays were in the data.</summary>
        public bool HasDemandSelection { get; private set; }

        public int DemandCount { get; private set; }
        public int CoincidentCount { get; private set; }

        /// <summary>Source id of summation #n, or <see cref="SourceIds.Unknown"/>.</summary>
        public int SummationSource(int n)
        {
            return n >= 0 && n < SummationCount ? _summationSources[n] : SourceIds.Unknown;
        }

        public int DemandSource(int n)
        {
            return HasDemandSelection && n >= 0 && n < DemandCount ? _demandSources[n] : SourceIds.Unknown;
        }

        public bool DemandIsMinimum(int n)
        {
            return HasDemandSelection && n >= 0 && n < DemandCount && (_minMaxFlags[n >> 3] & (1 << (n & 7))) != 0;
        }

        public int CoincidentSource(int n)
        {
            return HasDemandSelection && n >= 0 && n < CoincidentCount ? _coincidentSources[n] : SourceIds.Unknown;
        }

        public int CoincidentDemandAssociation(int n)
        {
            return HasDemandSelection && n >= 0 && n < CoincidentCount ? _coincidentAssociations[n] : TableWindow.Absent;
        }

        /// <summary>Index of the summation with this source id, or -1.</summary>
        public int IndexOfSource(int sourceId)
        {
            for (int i = 0; i < SummationCount; i++)
            {
                if (_summationSources[i] == sourceId)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Decodes a BT22 image read from table offset 0.</summary>
        public bool TryDecode(byte[] data, int offset, int count, Bt21Dimensions dims, out string error)
        {
            IsKnown = false;
            IsDefaultOrder = false;
            HasDemandSelection = false;
            SummationCount = 0;
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

            int s = dims.SummationCount;
            if (count < s)
            {
                error = ErrorShort;
                return false;
            }

            for (int i = 0; i < s; i++)
            {
                _summationSources[i] = data[offset + i];
            }

            SummationCount = s;
            int d = dims.DemandCount;
            int c = dims.CoincidentCount;
            int flagBytes = (d + 7) / 8;
            if (count >= s + d + flagBytes + (2 * c))
            {
                int p = offset + s;
                for (int i = 0; i < d; i++)
                {
                    _demandSources[i] = data[p++];
                }

                for (int i = 0; i < flagBytes; i++)
                {
                    _minMaxFlags[i] = data[p++];
                }

                for (int i = 0; i < c; i++)
                {
                    _coincidentSources[i] = data[p++];
                }

                for (int i = 0; i < c; i++)
                {
                    _coincidentAssociations[i] = data[p++];
                }

                DemandCount = d;
                CoincidentCount = c;
                HasDemandSelection = true;
            }
            else
            {
                DemandCount = 0;
                CoincidentCount = 0;
            }

            IsKnown = true;
            error = null;
            return true;
        }

        /// <summary>Uses the default §5.5 summation order (positions beyond 18 get unknown sources).</summary>
        public void UseDefaultOrder(int summationCount)
        {
            if (summationCount < 0)
            {
                summationCount = 0;
            }

            if (summationCount > Bt21Dimensions.MaxSummations)
            {
                summationCount = Bt21Dimensions.MaxSummations;
            }

            for (int i = 0; i < summationCount; i++)
            {
                _summationSources[i] = SourceIds.DefaultBt23Source(i);
            }

            SummationCount = summationCount;
            DemandCount = 0;
            CoincidentCount = 0;
            HasDemandSelection = false;
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
            w.Name("summations").BeginArray();
            for (int i = 0; i < SummationCount; i++)
            {
                SourceJson.WriteSource(w, i, _summationSources[i]);
            }

            w.EndArray();
            if (!HasDemandSelection)
            {
                return;
            }

            w.Name("demands").BeginArray();
            for (int i = 0; i < DemandCount; i++)
            {
                w.BeginObject();
                w.Property("index", i);
                w.Property("source", _demandSources[i]);
                w.Property("minimum", DemandIsMinimum(i));
                w.EndObject();
            }

            w.EndArray();
            w.Name("coincidents").BeginArray();
            for (int i = 0; i < CoincidentCount; i++)
            {
                w.BeginObject();
                w.Property("index", i);
                w.Property("source", _coincidentSources[i]);
                w.Property("demand", _coincidentAssociations[i]);
                w.EndObject();
            }

            w.EndArray();
        }
    }
}
