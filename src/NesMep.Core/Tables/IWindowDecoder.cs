using System.Diagnostics.CodeAnalysis;

namespace NesMep.Core.Tables
{
    /// <summary>A decoder that needs nothing but the window (no BT21 layout), so <see cref="TableJson"/> can treat them alike.</summary>
    internal interface IWindowDecoder : ITableFields
    {
        bool TryDecode(byte[] data, int offset, int count, int tableOffset, [NotNullWhen(false)] out string? error);
    }
}
