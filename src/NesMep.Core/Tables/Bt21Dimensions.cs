using System.Diagnostics.CodeAnalysis;
using NesMep.Core.Json;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// BT21 Actual Register (also fits BT20 Dimension Register), 10 bytes, reference §5.3. Decode into
    /// a reused instance; the computed offsets give the BT23 (§5.5) and BT28 (§5.7) layouts.
    /// </summary>
    public sealed class Bt21Dimensions : DecodedTable
    {
        public const int Size = 10;

        /// <summary>More summations than this is treated as an inconsistent BT21 (meters have 11–19).</summary>
        public const int MaxSummations = 64;

        public const string ErrorShort = "BT21 needs 10 bytes";
        public const string ErrorTooManySummations = "BT21 inconsistent: more than 64 summations";

        /// <summary>True after a successful <see cref="TryDecode"/>.</summary>
        public bool IsKnown { get; private set; }

        /// <summary>True after <see cref="AssumeGen3Layout"/>: the values are a guess, not read from a meter.</summary>
        public bool IsAssumed { get; private set; }

        /// <summary>Known or assumed: the layout properties are usable.</summary>
        public bool HasLayout
        {
            get { return IsKnown || IsAssumed; }
        }

        /// <summary>Byte 0 (register function flags).</summary>
        public int Flags { get; private set; }

        /// <summary>Byte 1 (self-read flags).</summary>
        public int SelfReadFlags { get; private set; }

        public int SelfReadCount { get; private set; }
        public int SummationCount { get; private set; }
        public int DemandCount { get; private set; }
        public int CoincidentCount { get; private set; }
        public int Occurrences { get; private set; }

        /// <summary>Number of tiers, byte 7 (the Dabbler firmware wrongly shows byte 8).</summary>
        public int Tiers { get; private set; }

        public int PresentDemandCount { get; private set; }
        public int PresentValueCount { get; private set; }

        public bool SeasonInfoPresent
        {
            get { return (Flags & 0x01) != 0; }
        }

        public bool DateTimePresent
        {
            get { return (Flags & 0x02) != 0; }
        }

        public bool DemandResetCounterPresent
        {
            get { return (Flags & 0x04) != 0; }
        }

        public bool DemandResetLock
        {
            get { return (Flags & 0x08) != 0; }
        }

        public bool CumulativeDemandPresent
        {
            get { return (Flags & 0x10) != 0; }
        }

        public bool ContinuousCumulativeDemandPresent
        {
            get { return (Flags & 0x20) != 0; }
        }

        public bool TimeRemainingPresent
        {
            get { return (Flags & 0x40) != 0; }
        }

        public bool SelfReadInhibitOverflow
        {
            get { return (SelfReadFlags & 0x01) != 0; }
        }

        public bool SelfReadSequenceNumber
        {
            get { return (SelfReadFlags & 0x02) != 0; }
        }

        public bool DailySelfRead
        {
            get { return (SelfReadFlags & 0x04) != 0; }
        }

        public bool WeeklySelfRead
        {
            get { return (SelfReadFlags & 0x08) != 0; }
        }

        /// <summary>Self-read/demand-reset coupling, byte 1 bits 4–5.</summary>
        public int SelfReadDemandReset
        {
            get { return (SelfReadFlags >> 4) & 0x03; }
        }

        /// <summary>BT23 symbol A: 1 if the demand reset counter byte leads BT23, else 0.</summary>
        public int Bt23SummationOffset
        {
            get { return DemandResetCounterPresent ? 1 : 0; }
        }

        /// <summary>BT23 DmdRcd: bytes per demand record (§5.5).</summary>
        public int Bt23DemandRecordSize
        {
            get
            {
                int size = 4 * Occurrences;
                if (DateTimePresent)
                {
                    size += 5 * Occurrences;
                }

                if (CumulativeDemandPresent)
                {
                    size += 4;
                }

                if (ContinuousCumulativeDemandPresent)
                {
                    size += 4;
                }

                return size;
            }
        }

        /// <summary>BT23 CoinRcd: bytes per coincident record.</summary>
        public int Bt23CoincidentRecordSize
        {
            get { return 4 * Occurrences; }
        }

        /// <summary>Bytes of the total block (and of each tier block): summations, demands, coincidents.</summary>
        public int Bt23BlockSize
        {
            get { return (4 * SummationCount) + (DemandCount * Bt23DemandRecordSize) + (CoincidentCount * Bt23CoincidentRecordSize); }
        }

        /// <summary>A + (1 + tiers) × (4·summations + demands·DmdRcd + coincident·CoinRcd).</summary>
        public int Bt23Size
        {
            get { return Bt23SummationOffset + ((1 + Tiers) * Bt23BlockSize); }
        }

        /// <summary>
        /// Table offset of summation #n in block <paramref name="block"/> (0 = total, 1 + t = tier Tt).
        /// The demand reset byte is not repeated in tier blocks (§5.5).
        /// </summary>
        public int Bt23SummationTableOffset(int block, int n)
        {
            return Bt23SummationOffset + (block * Bt23BlockSize) + (4 * n);
        }

        /// <summary>BT28 symbol A': 3 (TIME "time remaining") if present, else 0.</summary>
        public int Bt28TimeRemainingSize
        {
            get { return TimeRemainingPresent ? 3 : 0; }
        }

        /// <summary>Table offset of present demand record #n (its TIME, or its INT32 when A' = 0).</summary>
        public int Bt28DemandRecordOffset(int n)
        {
            return (Bt28TimeRemainingSize + 4) * n;
        }

        /// <summary>Offset of present value #n = (A' + 4)·present demands + 4·n (§5.7).</summary>
        public int Bt28ValueOffset(int n)
        {
            return ((Bt28TimeRemainingSize + 4) * PresentDemandCount) + (4 * n);
        }

        public int Bt28Size
        {
            get { return Bt28ValueOffset(PresentValueCount); }
        }

        /// <summary>Decodes BT21 (or BT20) from table offset 0. On failure the instance is left unknown.</summary>
        public bool TryDecode(byte[] data, int offset, int count, [NotNullWhen(false)] out string? error)
        {
            IsKnown = false;
            IsAssumed = false;
            error = TableWindow.CheckWhole(data, offset, count, 0, Size, ErrorShort);
            if (error != null)
            {
                return false;
            }

            if (data[offset + 3] > MaxSummations)
            {
                error = ErrorTooManySummations;
                return false;
            }

            Set(data[offset], data[offset + 1], data[offset + 2], data[offset + 3], data[offset + 4],
                data[offset + 5], data[offset + 6], data[offset + 7], data[offset + 8], data[offset + 9]);
            IsKnown = true;
            error = null;
            return true;
        }

        /// <summary>
        /// Assumes a Gen 3 meter without BT21: no demand reset byte, no time remaining, no demands,
        /// 11 summations, tiers ignored (0), no present demands and 55 present values (default order
        /// positions 0–54, the last Gen 3 values, reference §5.7). Sets <see cref="IsAssumed"/>.
        /// </summary>
        public void AssumeGen3Layout()
        {
            Set(0, 0, 0, 11, 0, 0, 0, 0, 0, 55);
            IsKnown = false;
            IsAssumed = true;
        }

        public override void WriteJsonFields(JsonWriter w)
        {
            w.Property("flags", Flags);
            w.Property("season_info_present", SeasonInfoPresent);
            w.Property("date_time_present", DateTimePresent);
            w.Property("demand_reset_counter_present", DemandResetCounterPresent);
            w.Property("demand_reset_lock", DemandResetLock);
            w.Property("cumulative_demand_present", CumulativeDemandPresent);
            w.Property("continuous_cumulative_demand_present", ContinuousCumulativeDemandPresent);
            w.Property("time_remaining_present", TimeRemainingPresent);
            w.Property("self_read_flags", SelfReadFlags);
            w.Property("self_read_count", SelfReadCount);
            w.Property("summation_count", SummationCount);
            w.Property("demand_count", DemandCount);
            w.Property("coincident_count", CoincidentCount);
            w.Property("occurrences", Occurrences);
            w.Property("tiers", Tiers);
            w.Property("present_demand_count", PresentDemandCount);
            w.Property("present_value_count", PresentValueCount);
            w.Property("bt23_summation_offset", Bt23SummationOffset);
            w.Property("bt23_size", Bt23Size);
            w.Property("bt28_values_offset", Bt28ValueOffset(0));
            w.Property("bt28_size", Bt28Size);
        }

        private void Set(int flags, int selfReadFlags, int selfReads, int summations, int demands,
            int coincident, int occurrences, int tiers, int presentDemands, int presentValues)
        {
            Flags = flags;
            SelfReadFlags = selfReadFlags;
            SelfReadCount = selfReads;
            SummationCount = summations;
            DemandCount = demands;
            CoincidentCount = coincident;
            Occurrences = occurrences;
            Tiers = tiers;
            PresentDemandCount = presentDemands;
            PresentValueCount = presentValues;
        }
    }
}
