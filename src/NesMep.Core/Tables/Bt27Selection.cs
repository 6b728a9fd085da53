using NesMep.Core.Json;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// BT27 Present Register Selection (reference §5.6): present-demand source ids ARRAY[BT21.8] at 0,
    /// then present-value source ids ARRAY[BT21.9]. The order is the order of the values in BT28.
    /// </summary>
    public sealed class Bt27Selection : SelectionTable
    {
        public const int Capacity = 255;

        public const string ErrorNoDimensions = "BT27 needs BT21 dimensions";
        public const string ErrorShort = "BT27 shorter than BT21 present demands + present values";

        private readonly SourceList _demands = new SourceList(Capacity);
        private readonly SourceList _values = new SourceList(Capacity);

        public Bt27Selection()
            : base(ErrorNoDimensions)
        {
        }

        public int PresentDemandCount
        {
            get { return _demands.Count; }
        }

        public int PresentValueCount
        {
            get { return _values.Count; }
        }

        /// <summary>Source id of present value #n, or <see cref="SourceIds.Unknown"/>.</summary>
        public int ValueSource(int n)
        {
            return _values.At(n);
        }

        /// <summary>Source id of present demand #n, or <see cref="SourceIds.Unknown"/>.</summary>
        public int DemandSource(int n)
        {
            return _demands.At(n);
        }

        /// <summary>Index of the present value with this source id, or -1.</summary>
        public int IndexOfSource(int sourceId)
        {
            return _values.IndexOf(sourceId);
        }

        /// <summary>Index of the present demand with this source id, or -1.</summary>
        public int IndexOfDemandSource(int sourceId)
        {
            return _demands.IndexOf(sourceId);
        }

        /// <summary>Default §5.7 order with no present demands (what the open firmwares assume).</summary>
        public void UseDefaultOrder(int presentValueCount)
        {
            UseDefaultOrder(0, presentValueCount);
        }

        /// <summary>Default §5.7 value order; present demand sources are unknown.</summary>
        public void UseDefaultOrder(int presentDemandCount, int presentValueCount)
        {
            _demands.UseDefault(presentDemandCount, null);
            _values.UseDefault(presentValueCount, SourceIds.DefaultBt28Order);
            MarkDefaultOrder();
        }

        public override void WriteJsonFields(JsonWriter w)
        {
            w.Property("default_order", IsDefaultOrder);
            _demands.WriteJson(w, "present_demands");
            _values.WriteJson(w, "present_values");
        }

        protected override void Clear()
        {
            _demands.Clear();
            _values.Clear();
        }

        protected override string? Decode(byte[] data, int offset, int count, Bt21Dimensions dims)
        {
            int d = dims.PresentDemandCount;
            int v = dims.PresentValueCount;
            if (count < d + v)
            {
                return ErrorShort;
            }

            _demands.Read(data, offset, d);
            _values.Read(data, offset + d, v);
            return null;
        }
    }
}
