using System.Diagnostics.CodeAnalysis;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// What ET13 and ET50 share: a one-byte flag field inside an entry of a table, decoded from a full
    /// image or from a 1-byte partial read of just that byte. The other fields of the entry are decoded
    /// by the subclass when the window holds them.
    /// </summary>
    public abstract class FlagByteTable : DecodedTable
    {
        private readonly string _errorBadEntry;
        private readonly string _errorNotInWindow;

        protected FlagByteTable(string errorBadEntry, string errorNotInWindow)
        {
            _errorBadEntry = errorBadEntry;
            _errorNotInWindow = errorNotInWindow;
        }

        public bool IsKnown { get; private set; }

        /// <summary>The flags byte (valid when <see cref="IsKnown"/>).</summary>
        public int Flags { get; private set; }

        /// <summary>
        /// Decodes the flags at table offset <paramref name="entry"/> + <paramref name="flagsField"/>;
        /// <paramref name="entry"/> &lt; 0 means the caller's entry arguments were out of range.
        /// </summary>
        protected bool TryDecodeFlags(byte[] data, int offset, int count, int tableOffset, int entry, int flagsField,
            [NotNullWhen(false)] out string? error)
        {
            IsKnown = false;
            Flags = 0;
            Clear();
            error = TableWindow.CheckValid(data, offset, count, tableOffset);
            if (error != null)
            {
                return false;
            }

            if (entry < 0)
            {
                error = _errorBadEntry;
                return false;
            }

            int flags = TableWindow.UInt8(data, offset, count, tableOffset, entry + flagsField);
            if (flags == TableWindow.Absent)
            {
                error = _errorNotInWindow;
                return false;
            }

            Flags = flags;
            DecodeEntry(data, offset, count, tableOffset, entry);
            IsKnown = true;
            return true;
        }

        /// <summary>Resets the entry fields before each decode.</summary>
        protected abstract void Clear();

        /// <summary>Decodes the entry fields the window holds (the flags were found).</summary>
        protected abstract void DecodeEntry(byte[] data, int offset, int count, int tableOffset, int entry);
    }
}
