using System.Diagnostics.CodeAnalysis;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// What BT22 and BT27 share: an image read from table offset 0 and sized by BT21, or a default order
    /// (reference §5.5/§5.7) used when the meter's selection is not known.
    /// </summary>
    public abstract class SelectionTable : DecodedTable
    {
        private readonly string _errorNoDimensions;

        protected SelectionTable(string errorNoDimensions)
        {
            _errorNoDimensions = errorNoDimensions;
        }

        /// <summary>True after a successful decode or a default order.</summary>
        public bool IsKnown { get; private set; }

        /// <summary>True when the order is the default, not read from the meter.</summary>
        public bool IsDefaultOrder { get; private set; }

        /// <summary>True when <paramref name="selection"/> was read from the meter, so BT23/BT28 must follow it.</summary>
        internal static bool IsRead([NotNullWhen(true)] SelectionTable? selection)
        {
            return selection != null && selection.IsKnown && !selection.IsDefaultOrder;
        }

        /// <summary>Decodes an image read from table offset 0.</summary>
        public bool TryDecode(byte[] data, int offset, int count, Bt21Dimensions? dims, [NotNullWhen(false)] out string? error)
        {
            IsKnown = false;
            IsDefaultOrder = false;
            Clear();
            error = TableWindow.CheckLayout(data, offset, count, 0, dims, _errorNoDimensions);
            if (error == null)
            {
                error = Decode(data, offset, count, dims!); // CheckLayout passed: dims is there
            }

            IsKnown = error == null;
            return IsKnown;
        }

        /// <summary>Marks the selection as known with the default order (after the subclass filled it in).</summary>
        protected void MarkDefaultOrder()
        {
            IsKnown = true;
            IsDefaultOrder = true;
        }

        /// <summary>Resets the counts before each decode.</summary>
        protected abstract void Clear();

        /// <summary>Decodes a valid window with usable dims; returns null, or why it cannot be decoded.</summary>
        protected abstract string? Decode(byte[] data, int offset, int count, Bt21Dimensions dims);
    }
}
