using System.Diagnostics.CodeAnalysis;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// Base of the decoders that take a plain window: the two TryDecode overloads, the checks and
    /// <see cref="IsKnown"/>. A whole-table decoder passes its minimum size and short error and then sees
    /// only windows at table offset 0; a window decoder (no arguments) sees any valid window.
    /// </summary>
    public abstract class TableDecoder : DecodedTable, IWindowDecoder
    {
        private readonly bool _whole;
        private readonly int _minSize;
        private readonly string _errorShort;

        /// <summary>A window decoder: any table offset, fields outside the window read as absent.</summary>
        protected TableDecoder()
        {
            _errorShort = "";
        }

        /// <summary>A whole-table decoder: table offset 0 and at least <paramref name="minSize"/> bytes.</summary>
        protected TableDecoder(int minSize, string errorShort)
        {
            _whole = true;
            _minSize = minSize;
            _errorShort = errorShort;
        }

        public bool IsKnown { get; private set; }

        /// <summary>Decodes bytes read from table offset 0.</summary>
        public bool TryDecode(byte[] data, int offset, int count, [NotNullWhen(false)] out string? error)
        {
            return TryDecode(data, offset, count, 0, out error);
        }

        /// <summary>Decodes table bytes [tableOffset, tableOffset + count) held in data[offset ..]; never throws.</summary>
        public bool TryDecode(byte[] data, int offset, int count, int tableOffset, [NotNullWhen(false)] out string? error)
        {
            IsKnown = false;
            Clear();
            error = _whole
                ? TableWindow.CheckWhole(data, offset, count, tableOffset, _minSize, _errorShort)
                : TableWindow.CheckValid(data, offset, count, tableOffset);
            if (error == null)
            {
                error = Decode(data, offset, count, tableOffset);
            }

            IsKnown = error == null;
            return IsKnown;
        }

        /// <summary>Resets what a failed decode must not leave behind (by default nothing: the old values stay).</summary>
        protected virtual void Clear()
        {
        }

        /// <summary>Decodes a window that passed the checks; returns null, or why it cannot be decoded.</summary>
        protected abstract string? Decode(byte[] data, int offset, int count, int tableOffset);
    }
}
