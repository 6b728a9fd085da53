using NesMep.Core.Link;
using NesMep.Core.Tables;

namespace NesMep.Core.Polling
{
    /// <summary>
    /// Sizes partial reads from BT21/BT22/BT27 so no reply exceeds one read (the 476-byte MEP limit, the same on both links) and only
    /// needed bytes cross the line (protocol reference §4.6, §5.5, §5.7).
    /// </summary>
    public static class ReadPlanner
    {
        /// <summary>Present values that fit one reply (INT32 each).</summary>
        public const int MaxValuesPerRead = TableRequest.MaxReadCount / 4;

        /// <summary>
        /// Bytes of BT23 to read from offset 0 so that every wanted summation source is covered
        /// (demand-reset byte included). Returns 0 when none of the sources is selected.
        /// </summary>
        public static int Bt23Count(Bt21Dimensions dims, Bt22Selection selection, int[] sources, int sourceCount)
        {
            int maxIndex = -1;
            for (int i = 0; i < sourceCount; i++)
            {
                int index = selection.IndexOfSource(sources[i]);
                if (index > maxIndex)
                {
                    maxIndex = index;
                }
            }

            if (maxIndex < 0)
            {
                return 0;
            }

            int count = dims.Bt23SummationOffset + 4 * (maxIndex + 1);
            return count > TableRequest.MaxReadCount ? TableRequest.MaxReadCount : count;
        }

        /// <summary>
        /// Groups the BT28 indices of the wanted sources into ranges: values closer than
        /// <paramref name="mergeGap"/> positions share a read, and no range exceeds one reply.
        /// Sources the meter does not provide are skipped. Returns the number of ranges written.
        /// </summary>
        public static int PlanBt28(Bt27Selection selection, int[] sources, int sourceCount, int mergeGap, ReadRange[] into)
        {
            return PlanBt28(selection, sources, sourceCount, mergeGap, false, into);
        }

        /// <summary>
        /// As above; with <paramref name="oneSnapshot"/> all sources go into a single read whenever
        /// their span fits one reply, so values that must agree (total and per-phase power) come from
        /// the same instant.
        /// </summary>
        public static int PlanBt28(Bt27Selection selection, int[] sources, int sourceCount, int mergeGap, bool oneSnapshot, ReadRange[] into)
        {
            int[] indices = new int[sourceCount];
            int n = 0;
            for (int i = 0; i < sourceCount; i++)
            {
                int index = selection.IndexOfSource(sources[i]);
                if (index < 0)
                {
                    continue;
                }

                if (Contains(indices, n, index))
                {
                    continue;
                }

                // Insertion sort keeps the list ordered without Array.Sort (not on nanoFramework).
                int j = n - 1;
                while (j >= 0 && indices[j] > index)
                {
                    indices[j + 1] = indices[j];
                    j--;
                }

                indices[j + 1] = index;
                n++;
            }

            if (oneSnapshot && n > 0 && indices[n - 1] - indices[0] + 1 <= MaxValuesPerRead)
            {
                into[0].FirstIndex = indices[0];
                into[0].ValueCount = indices[n - 1] - indices[0] + 1;
                return 1;
            }

            int ranges = 0;
            int k = 0;
            while (k < n && ranges < into.Length)
            {
                int first = indices[k];
                int last = first;
                k++;
                while (k < n && indices[k] - last - 1 <= mergeGap && indices[k] - first + 1 <= MaxValuesPerRead)
                {
                    last = indices[k];
                    k++;
                }

                into[ranges].FirstIndex = first;
                into[ranges].ValueCount = last - first + 1;
                ranges++;
            }

            return ranges;
        }

        private static bool Contains(int[] values, int count, int value)
        {
            for (int i = 0; i < count; i++)
            {
                if (values[i] == value)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when BT28 value <paramref name="index"/> lies inside one of the ranges.</summary>
        public static bool Covers(ReadRange[] ranges, int rangeCount, int index)
        {
            for (int i = 0; i < rangeCount; i++)
            {
                if (index >= ranges[i].FirstIndex && index < ranges[i].FirstIndex + ranges[i].ValueCount)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
