using NesMep.Core.Json;
using NesMep.Core.Protocol;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// BT28 Present Register Data (reference §5.7), decoded from a window of the table into a
    /// preallocated instance without allocating (steady poll). Layout: BT21.8 present-demand records
    /// ([TIME time remaining if BT21.0.6] + INT32), then BT21.9 INT32 present values. Values are located
    /// through the BT27 source ids (default order only when BT27 is unknown), never by fixed position.
    /// </summary>
    public sealed class Bt28PresentValues : IJsonWritable, ITableFields
    {
        public const int Capacity = 255;

        public const string ErrorNoTarget = "no BT28 target";
        public const string ErrorNoDimensions = "BT28 needs BT21 dimensions";
        public const string ErrorSelectionMismatch = "BT27 counts do not match BT21";
        public const string ErrorNoValue = "window holds no complete BT28 value";

        public Bt28PresentValues()
        {
            Values = new int[Capacity];
            Present = new bool[Capacity];
            Sources = new int[Capacity];
            DemandValues = new int[Capacity];
            DemandPresent = new bool[Capacity];
            DemandSources = new int[Capacity];
            TimeRemainingSeconds = new int[Capacity];
        }

        /// <summary>Present values by position; valid where <see cref="Present"/>.</summary>
        public int[] Values { get; private set; }

        public bool[] Present { get; private set; }

        /// <summary>Source id of each position (BT27 or default order), <see cref="SourceIds.Unknown"/> if not known.</summary>
        public int[] Sources { get; private set; }

        /// <summary>Number of present values of the table (BT21.9).</summary>
        public int Count { get; private set; }

        public int[] DemandValues { get; private set; }
        public bool[] DemandPresent { get; private set; }
        public int[] DemandSources { get; private set; }

        /// <summary>Time remaining of each present demand in seconds, or <see cref="TableWindow.Absent"/>.</summary>
        public int[] TimeRemainingSeconds { get; private set; }

        /// <summary>Number of present demands of the table (BT21.8).</summary>
        public int DemandCount { get; private set; }

        /// <summary>True when the default order was used because BT27 was not given.</summary>
        public bool UsedDefaultOrder { get; private set; }

        /// <summary>Present value with this source id, if it was in the window.</summary>
        public bool TryGetBySource(int sourceId, out int value)
        {
            for (int i = 0; i < Count; i++)
            {
                if (Present[i] && Sources[i] == sourceId)
                {
                    value = Values[i];
                    return true;
                }
            }

            value = 0;
            return false;
        }

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
            Bt27Selection selection, Bt28PresentValues target, out string error)
        {
            if (target == null)
            {
                error = ErrorNoTarget;
                return false;
            }

            target.Clear();
            if (!TableWindow.IsValid(data, offset, count, tableOffset))
            {
                error = TableWindow.ErrorBadArguments;
                return false;
            }

            if (dims == null || !dims.HasLayout)
            {
                error = ErrorNoDimensions;
                return false;
            }

            int pd = dims.PresentDemandCount;
            int pv = dims.PresentValueCount;
            bool useDefault = selection == null || !selection.IsKnown || selection.IsDefaultOrder;
            if (!useDefault && (selection.PresentDemandCount != pd || selection.PresentValueCount != pv))
            {
                error = ErrorSelectionMismatch;
                return false;
            }

            target.Count = pv;
            target.DemandCount = pd;
            target.UsedDefaultOrder = useDefault;
            int decoded = 0;
            int timeSize = dims.Bt28TimeRemainingSize;
            for (int d = 0; d < pd; d++)
            {
                target.DemandSources[d] = useDefault ? SourceIds.Unknown : selection.DemandSource(d);
                int rec = dims.Bt28DemandRecordOffset(d);
                if (timeSize == 3 && TableWindow.Covers(tableOffset, count, rec, 3))
                {
                    int i = offset + rec - tableOffset;
                    target.TimeRemainingSeconds[d] = (data[i] * 3600) + (data[i + 1] * 60) + data[i + 2];
                }

                if (TableWindow.Covers(tableOffset, count, rec + timeSize, 4))
                {
                    target.DemandValues[d] = ByteOrder.ReadInt32LE(data, offset + rec + timeSize - tableOffset);
                    target.DemandPresent[d] = true;
                    decoded++;
                }
            }

            for (int n = 0; n < pv; n++)
            {
                target.Sources[n] = useDefault ? SourceIds.DefaultBt28Source(n) : selection.ValueSource(n);
                int field = dims.Bt28ValueOffset(n);
                if (TableWindow.Covers(tableOffset, count, field, 4))
                {
                    target.Values[n] = ByteOrder.ReadInt32LE(data, offset + field - tableOffset);
                    target.Present[n] = true;
                    decoded++;
                }
            }

            if (decoded == 0)
            {
                error = ErrorNoValue;
                return false;
            }

            error = null;
            return true;
        }

        public void WriteJson(JsonWriter w)
        {
            w.BeginObject();
            WriteJsonFields(w);
            w.EndObject();
        }

        public void WriteJsonFields(JsonWriter w)
        {
            w.Property("present_value_count", Count);
            w.Property("present_demand_count", DemandCount);
            w.Property("default_order", UsedDefaultOrder);
            WriteIfPresent(w, SourceIds.FwdActiveW);
            WriteIfPresent(w, SourceIds.RevActiveW);
            WriteIfPresent(w, SourceIds.Frequency);
            w.Name("values").BeginArray();
            for (int i = 0; i < Count; i++)
            {
                if (Present[i])
                {
                    SourceJson.WriteValue(w, i, Sources[i], Values[i]);
                }
            }

            w.EndArray();
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

                if (TimeRemainingSeconds[i] != TableWindow.Absent)
                {
                    w.Property("time_remaining_s", TimeRemainingSeconds[i]);
                }

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

        private void Clear()
        {
            for (int i = 0; i < Capacity; i++)
            {
                Values[i] = 0;
                Present[i] = false;
                Sources[i] = SourceIds.Unknown;
                DemandValues[i] = 0;
                DemandPresent[i] = false;
                DemandSources[i] = SourceIds.Unknown;
                TimeRemainingSeconds[i] = TableWindow.Absent;
            }

            Count = 0;
            DemandCount = 0;
            UsedDefaultOrder = false;
        }
    }
}
