using NesMep.Core.Json;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// What BT23 and BT28 share: INT32 values by position, each with a source id from the selection
    /// table (BT22, BT27) or the default order, decoded from a window into a reused instance on the
    /// steady poll. The arrays are sized by the first decode to what this meter's BT21 says (issue 10: a Gen 3 meter
    /// has 11 summations and 55 values, not the 64 and 255 the format allows) and only grow when a meter is
    /// reconfigured with more; the steady poll does not allocate.
    /// </summary>
    public abstract class RegisterTable : DecodedTable
    {
        private readonly string _errorNoDimensions;

        protected RegisterTable(string errorNoDimensions)
        {
            _errorNoDimensions = errorNoDimensions;
            Values = new int[0];
            Present = new bool[0];
            Sources = new int[0];
        }

        /// <summary>Values by position; valid where <see cref="Present"/>.</summary>
        public int[] Values { get; private set; }

        public bool[] Present { get; private set; }

        /// <summary>Source id of each position (selection or default order), <see cref="SourceIds.Unknown"/> if not known.</summary>
        public int[] Sources { get; private set; }

        /// <summary>Number of positions of the table; those outside the window are not present.</summary>
        public int Count { get; protected set; }

        /// <summary>True when the default order was used because the selection table was not given or not read.</summary>
        public bool UsedDefaultOrder { get; private set; }

        /// <summary>Value with this source id, if it was in the window.</summary>
        public bool TryGetBySource(int sourceId, out int value)
        {
            int i = IndexOfPresentSource(sourceId);
            value = i >= 0 ? Values[i] : 0;
            return i >= 0;
        }

        /// <summary>
        /// Clears the instance and checks the window and BT21; on success <see cref="UsedDefaultOrder"/>
        /// tells whether <paramref name="selection"/> is followed. Returns null or the error.
        /// </summary>
        protected string? Begin(byte[] data, int offset, int count, int tableOffset, Bt21Dimensions dims,
            SelectionTable? selection)
        {
            Clear();
            string? error = TableWindow.CheckLayout(data, offset, count, tableOffset, dims, _errorNoDimensions);
            if (error == null)
            {
                UsedDefaultOrder = !SelectionTable.IsRead(selection);
            }

            return error;
        }

        /// <summary>Index of the first present value with this source id, or -1.</summary>
        protected int IndexOfPresentSource(int sourceId)
        {
            for (int i = 0; i < Count; i++)
            {
                if (Present[i] && Sources[i] == sourceId)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>"values":[…] with the present values only.</summary>
        protected void WriteValuesJson(JsonWriter w)
        {
            w.Name("values").BeginArray();
            for (int i = 0; i < Count; i++)
            {
                if (Present[i])
                {
                    SourceJson.WriteValue(w, i, Sources[i], Values[i]);
                }
            }

            w.EndArray();
        }

        /// <summary>Makes room for <paramref name="count"/> positions (after <see cref="Begin"/>, before filling them).</summary>
        protected void EnsureCapacity(int count)
        {
            if (Values.Length >= count)
            {
                return;
            }

            Values = new int[count];
            Present = new bool[count];
            Sources = new int[count];
            for (int i = 0; i < count; i++)
            {
                Sources[i] = SourceIds.Unknown;
            }
        }

        protected virtual void Clear()
        {
            for (int i = 0; i < Values.Length; i++)
            {
                Values[i] = 0;
                Present[i] = false;
                Sources[i] = SourceIds.Unknown;
            }

            Count = 0;
            UsedDefaultOrder = false;
        }
    }
}
