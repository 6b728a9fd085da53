using NesMep.Core.Json;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// BT22 Data Selection (reference §5.4): summation source ids ARRAY[BT21.3] at 0 (their order is the
    /// order of the BT23 summations), demand select ARRAY[BT21.4], min/max flags SET((BT21.4+7)/8),
    /// coincident select ARRAY[BT21.5], coincident-demand association ARRAY[BT21.5].
    /// </summary>
    public sealed class Bt22Selection : SelectionTable
    {
        public const int Capacity = 255;

        public const string ErrorNoDimensions = "BT22 needs BT21 dimensions";
        public const string ErrorShort = "BT22 shorter than the BT21 summation count";

        private readonly SourceList _summations = new SourceList(Bt21Dimensions.MaxSummations);
        // Sized by the first decode to this meter's BT21 counts (each at most Capacity), then reused.
        private int[] _demandSources = new int[0];
        private int[] _coincidentSources = new int[0];
        private int[] _coincidentAssociations = new int[0];
        private byte[] _minMaxFlags = new byte[0];

        public Bt22Selection()
            : base(ErrorNoDimensions)
        {
        }

        public int SummationCount
        {
            get { return _summations.Count; }
        }

        /// <summary>True when demand select, min/max flags and the coincident arrays were in the data.</summary>
        public bool HasDemandSelection { get; private set; }

        public int DemandCount { get; private set; }
        public int CoincidentCount { get; private set; }

        /// <summary>Source id of summation #n, or <see cref="SourceIds.Unknown"/>.</summary>
        public int SummationSource(int n)
        {
            return _summations.At(n);
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
            return _summations.IndexOf(sourceId);
        }

        /// <summary>Uses the default §5.5 summation order (positions beyond 18 get unknown sources).</summary>
        public void UseDefaultOrder(int summationCount)
        {
            _summations.UseDefault(summationCount, SourceIds.DefaultBt23Order);
            DemandCount = 0;
            CoincidentCount = 0;
            HasDemandSelection = false;
            MarkDefaultOrder();
        }

        protected override void Clear()
        {
            HasDemandSelection = false;
            _summations.Clear();
        }

        protected override string? Decode(byte[] data, int offset, int count, Bt21Dimensions dims)
        {
            int s = dims.SummationCount;
            if (count < s)
            {
                return ErrorShort;
            }

            _summations.Read(data, offset, s);
            int d = dims.DemandCount;
            int c = dims.CoincidentCount;
            int flagBytes = (d + 7) / 8;
            if (count >= s + d + flagBytes + (2 * c))
            {
                int p = offset + s;
                if (_demandSources.Length < d)
                {
                    _demandSources = new int[d];
                    _minMaxFlags = new byte[flagBytes];
                }

                if (_coincidentSources.Length < c)
                {
                    _coincidentSources = new int[c];
                    _coincidentAssociations = new int[c];
                }

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

            return null;
        }

        public override void WriteJsonFields(JsonWriter w)
        {
            w.Property("default_order", IsDefaultOrder);
            _summations.WriteJson(w, "summations");
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
