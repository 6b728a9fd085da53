using System.Diagnostics.CodeAnalysis;
using NesMep.Core.Json;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// BT23 Current Register Data (reference §5.5), decoded from a window of the table into a
    /// preallocated instance without allocating (steady poll). Summation #n of the total block is at
    /// A + 4n; tier block t starts A + (1 + t)·block size later. Sources come from BT22, or from the
    /// default order when BT22 is unknown. Demand and coincident records are not decoded.
    /// <see cref="RegisterTable.Values"/> are the total-block summations (index = summation number,
    /// <see cref="RegisterTable.Count"/> = BT21.3).
    /// </summary>
    public sealed class Bt23Registers : RegisterTable
    {
        public const int MaxSummations = Bt21Dimensions.MaxSummations;

        /// <summary>Tier blocks beyond this many are ignored (meters have 4 or 8).</summary>
        public const int MaxTiers = 8;

        public const string ErrorNoTarget = "no BT23 target";
        public const string ErrorNoDimensions = "BT23 needs BT21 dimensions";
        public const string ErrorSelectionMismatch = "BT22 summation count does not match BT21";
        public const string ErrorNoSummation = "window holds no complete BT23 summation";

        // Tier blocks, tier-major with _stride summations per tier; sized by the first decode (BT21 tiers × summations).
        private int[] _tierValues = new int[0];
        private bool[] _tierPresent = new bool[0];
        private int _stride;

        public Bt23Registers()
            : base(ErrorNoDimensions)
        {
        }

        /// <summary>Number of tier blocks tracked (BT21.7, at most <see cref="MaxTiers"/>).</summary>
        public int TierCount { get; private set; }

        public bool HasDemandResetCount { get; private set; }

        /// <summary>Number of demand resets (byte 0 when BT21.0.2 is set); valid if <see cref="HasDemandResetCount"/>.</summary>
        public int DemandResetCount { get; private set; }

        public bool HasFwdActiveWh
        {
            get { return IndexOfPresentSource(SourceIds.FwdActiveWh) >= 0; }
        }

        /// <summary>Fwd active energy L1L2L3 in Wh; only meaningful when <see cref="HasFwdActiveWh"/>.</summary>
        public int FwdActiveWh
        {
            get { return ValueOf(SourceIds.FwdActiveWh); }
        }

        public bool HasRevActiveWh
        {
            get { return IndexOfPresentSource(SourceIds.RevActiveWh) >= 0; }
        }

        /// <summary>Rev active energy L1L2L3 in Wh; only meaningful when <see cref="HasRevActiveWh"/>.</summary>
        public int RevActiveWh
        {
            get { return ValueOf(SourceIds.RevActiveWh); }
        }

        public bool HasImportReactiveVArh
        {
            get { return IndexOfPresentSource(SourceIds.ImportReactiveVArh) >= 0; }
        }

        public int ImportReactiveVArh
        {
            get { return ValueOf(SourceIds.ImportReactiveVArh); }
        }

        public bool HasExportReactiveVArh
        {
            get { return IndexOfPresentSource(SourceIds.ExportReactiveVArh) >= 0; }
        }

        public int ExportReactiveVArh
        {
            get { return ValueOf(SourceIds.ExportReactiveVArh); }
        }

        /// <summary>Summation #n of tier block <paramref name="tier"/> (0 = T0), if it was in the window.</summary>
        public bool TryGetTier(int tier, int n, out int value)
        {
            if (tier < 0 || tier >= TierCount || n < 0 || n >= Count || !_tierPresent[(tier * _stride) + n])
            {
                value = 0;
                return false;
            }

            value = _tierValues[(tier * _stride) + n];
            return true;
        }

        public bool TryGetTierBySource(int tier, int sourceId, out int value)
        {
            for (int i = 0; i < Count; i++)
            {
                if (Sources[i] == sourceId)
                {
                    return TryGetTier(tier, i, out value);
                }
            }

            value = 0;
            return false;
        }

        /// <summary>
        /// Decodes table bytes [tableOffset, tableOffset + count) held in data[offset ..]. Every summation
        /// lying fully inside the window is decoded (total block and up to <see cref="MaxTiers"/> tier
        /// blocks). <paramref name="selection"/> may be null: default order. Does not allocate.
        /// </summary>
        public static bool TryDecode(byte[] data, int offset, int count, int tableOffset, Bt21Dimensions dims,
            Bt22Selection? selection, Bt23Registers target, [NotNullWhen(false)] out string? error)
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

            Bt22Selection? order = target.UsedDefaultOrder ? null : selection; // null: default order
            int s = dims.SummationCount;
            if (order != null && order.SummationCount != s)
            {
                error = ErrorSelectionMismatch;
                return false;
            }

            int tiers = dims.Tiers < MaxTiers ? dims.Tiers : MaxTiers;
            target.EnsureCapacity(s);
            target.EnsureTierCapacity(tiers, s);
            target.Count = s;
            for (int i = 0; i < s; i++)
            {
                target.Sources[i] = order == null ? SourceIds.DefaultBt23Source(i) : order.SummationSource(i);
            }

            if (dims.DemandResetCounterPresent && TableWindow.Covers(tableOffset, count, 0, 1))
            {
                target.DemandResetCount = data[offset - tableOffset];
                target.HasDemandResetCount = true;
            }

            int decoded = DecodeBlock(data, offset, count, tableOffset, dims, 0, target.Values, target.Present, 0);
            target.TierCount = tiers;
            for (int t = 0; t < tiers; t++)
            {
                decoded += DecodeBlock(data, offset, count, tableOffset, dims, t + 1, target._tierValues,
                    target._tierPresent, t * target._stride);
            }

            if (decoded == 0)
            {
                error = ErrorNoSummation;
                return false;
            }

            error = null;
            return true;
        }

        public override void WriteJsonFields(JsonWriter w)
        {
            w.Property("summation_count", Count);
            w.Property("default_order", UsedDefaultOrder);
            if (HasDemandResetCount)
            {
                w.Property("demand_reset_count", DemandResetCount);
            }

            if (HasFwdActiveWh)
            {
                w.Property("fwd_active_wh", FwdActiveWh);
            }

            if (HasRevActiveWh)
            {
                w.Property("rev_active_wh", RevActiveWh);
            }

            WriteValuesJson(w);
            w.Name("tiers").BeginArray();
            for (int t = 0; t < TierCount; t++)
            {
                if (!TierHasValues(t))
                {
                    continue;
                }

                w.BeginObject();
                w.Property("tier", t);
                w.Name("values").BeginArray();
                for (int i = 0; i < Count; i++)
                {
                    int v;
                    if (TryGetTier(t, i, out v))
                    {
                        SourceJson.WriteValue(w, i, Sources[i], v);
                    }
                }

                w.EndArray();
                w.EndObject();
            }

            w.EndArray();
        }

        private static int DecodeBlock(byte[] data, int offset, int count, int tableOffset, Bt21Dimensions dims,
            int block, int[] values, bool[] present, int start)
        {
            int decoded = 0;
            int s = dims.SummationCount;
            for (int n = 0; n < s; n++)
            {
                int field = dims.Bt23SummationTableOffset(block, n);
                decoded += TableWindow.ReadInt32LE(data, offset, count, tableOffset, field, values, present, start + n);
            }

            return decoded;
        }

        private bool TierHasValues(int tier)
        {
            for (int i = 0; i < Count; i++)
            {
                if (_tierPresent[(tier * _stride) + i])
                {
                    return true;
                }
            }

            return false;
        }

        private int ValueOf(int sourceId)
        {
            int i = IndexOfPresentSource(sourceId);
            return i >= 0 ? Values[i] : 0;
        }

        private void EnsureTierCapacity(int tiers, int summations)
        {
            if (_stride == summations && _tierValues.Length >= tiers * summations)
            {
                return;
            }

            _stride = summations;
            _tierValues = new int[tiers * summations];
            _tierPresent = new bool[tiers * summations];
        }

        protected override void Clear()
        {
            base.Clear();
            for (int i = 0; i < _tierPresent.Length; i++)
            {
                _tierPresent[i] = false;
            }

            TierCount = 0;
            HasDemandResetCount = false;
            DemandResetCount = 0;
        }
    }
}
