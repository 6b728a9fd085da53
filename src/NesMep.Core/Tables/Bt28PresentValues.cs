using System.Diagnostics.CodeAnalysis;
using NesMep.Core.Json;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// BT28 Present Register Data (reference §5.7), decoded from a window of the table into a
    /// preallocated instance without allocating (steady poll). Layout: BT21.8 present-demand records
    /// ([TIME time remaining if BT21.0.6] + INT32), then BT21.9 INT32 present values. Values are located
    /// through the BT27 source ids (default order only when BT27 is unknown), never by fixed position.
    /// <see cref="RegisterTable.Values"/> are the present values (<see cref="RegisterTable.Count"/> = BT21.9).
    /// </summary>
    public sealed class Bt28PresentValues : RegisterTable
    {
        public const int Capacity = 255;

        public const string ErrorNoTarget = "no BT28 target";
        public const string ErrorNoDimensions = "BT28 needs BT21 dimensions";
        public const string ErrorSelectionMismatch = "BT27 counts do not match BT21";
        public const string ErrorNoValue = "window holds no complete BT28 value";

        public Bt28PresentValues()
            : base(ErrorNoDimensions)
        {
            DemandValues = new int[0];
            DemandPresent = new bool[0];
            DemandSources = new int[0];
            TimeRemainingSeconds = new int[0];
        }

        public int[] DemandValues { get; private set; }
        public bool[] DemandPresent { get; private set; }
        public int[] DemandSources { get; private set; }

        /// <summary>Time remaining of each present demand in seconds, or <see cref="TableWindow.Absent"/>.</summary>
        public int[] TimeRemainingSeconds { get; private set; }

        /// <summary>Number of present demands of the table (BT21.8).</summary>
        public int DemandCount { get; private set; }

        /// <summary>Present demand with this source id, if it was in the window.</summary>
        public bool TryGetDemandBySource(int sourceId, out int value)
        {
            for (int i = 0; i < DemandCount; i++)
            {
                if (DemandPresent[i] && DemandSources[i] == sourceId)
                {
                    value = DemandValues[i];
                    return true;
                }
            }

            value = 0;
            return false;
        }

        /// <summary>
        /// Decodes table bytes [tableOffset, tableOffset + count) held in data[offset ..]. Every demand and
        /// value lying fully inside the window is decoded. <paramref name="selection"/> may be null:
        /// default order. Does not allocate.
        /// </summary>
        public static bool TryDecode(byte[] data, int offset, int count, int tableOffset, Bt21Dimensions dims,
            Bt27Selection? selection, Bt28PresentValues target, [NotNullWhen(false)] out string? error)
        {
            if (target == null)
            {
                error = ErrorNoTarget;
                return false;
            }

            error = target.Begin(data, offset, count, tableOffset, dims, selection);
            if (error != null)
            {
                return false;
            }

            int pd = dims.PresentDemandCount;
            int pv = dims.PresentValueCount;
            Bt27Selection? order = target.UsedDefaultOrder ? null : selection; // null: default order
            if (order != null && (order.PresentDemandCount != pd || order.PresentValueCount != pv))
            {
                error = ErrorSelectionMismatch;
                return false;
            }

            target.EnsureCapacity(pv);
            target.EnsureDemandCapacity(pd);
            target.Count = pv;
            target.DemandCount = pd;
            int decoded = 0;
            int timeSize = dims.Bt28TimeRemainingSize;
            for (int d = 0; d < pd; d++)
            {
                target.DemandSources[d] = order == null ? SourceIds.Unknown : order.DemandSource(d);
                int rec = dims.Bt28DemandRecordOffset(d);
                if (timeSize == 3 && TableWindow.Covers(tableOffset, count, rec, 3))
                {
                    int i = offset + rec - tableOffset;
                    target.TimeRemainingSeconds[d] = (data[i] * 3600) + (data[i + 1] * 60) + data[i + 2];
                }

                decoded += TableWindow.ReadInt32LE(data, offset, count, tableOffset, rec + timeSize,
                    target.DemandValues, target.DemandPresent, d);
            }

            for (int n = 0; n < pv; n++)
            {
                target.Sources[n] = order == null ? SourceIds.DefaultBt28Source(n) : order.ValueSource(n);
                decoded += TableWindow.ReadInt32LE(data, offset, count, tableOffset, dims.Bt28ValueOffset(n),
                    target.Values, target.Present, n);
            }

            if (decoded == 0)
            {
                error = ErrorNoValue;
                return false;
            }

            error = null;
            return true;
        }

        public override void WriteJsonFields(JsonWriter w)
        {
            w.Property("present_value_count", Count);
            w.Property("present_demand_count", DemandCount);
            w.Property("default_order", UsedDefaultOrder);
            WriteIfPresent(w, SourceIds.FwdActiveW);
            WriteIfPresent(w, SourceIds.RevActiveW);
            WriteIfPresent(w, SourceIds.Frequency);
            WriteValuesJson(w);
            w.Name("demands").BeginArray();
            for (int i = 0; i < DemandCount; i++)
            {
                if (!DemandPresent[i] && TimeRemainingSeconds[i] == TableWindow.Absent)
                {
                    continue;
                }

                w.BeginObject();
                w.Property("index", i);
                if (DemandSources[i] == SourceIds.Unknown)
                {
                    w.Name("source").Null();
                }
                else
                {
                    w.Property("source", DemandSources[i]);
                }

                if (DemandPresent[i])
                {
                    w.Property("value", DemandValues[i]);
                }

                WriteKnown(w, "time_remaining_s", TimeRemainingSeconds[i]);

                w.EndObject();
            }

            w.EndArray();
        }

        private void WriteIfPresent(JsonWriter w, int sourceId)
        {
            int v;
            if (TryGetBySource(sourceId, out v))
            {
                w.Property(SourceIds.Name(sourceId), v);
            }
        }

        /// <summary>Demand arrays sized to this meter's present demands (BT21.8), like the values.</summary>
        private void EnsureDemandCapacity(int count)
        {
            if (DemandValues.Length >= count)
            {
                return;
            }

            DemandValues = new int[count];
            DemandPresent = new bool[count];
            DemandSources = new int[count];
            TimeRemainingSeconds = new int[count];
            for (int i = 0; i < count; i++)
            {
                DemandSources[i] = SourceIds.Unknown;
                TimeRemainingSeconds[i] = TableWindow.Absent;
            }
        }

        protected override void Clear()
        {
            base.Clear();
            for (int i = 0; i < DemandValues.Length; i++)
            {
                DemandValues[i] = 0;
                DemandPresent[i] = false;
                DemandSources[i] = SourceIds.Unknown;
                TimeRemainingSeconds[i] = TableWindow.Absent;
            }

            DemandCount = 0;
        }
    }
}
