using NesMep.Core.Json;

namespace NesMep.Core.Tables
{
    /// <summary>A decoded table that can write its fields into an already open JSON object (used by <see cref="TableJson"/>).</summary>
    public interface ITableFields
    {
        void WriteJsonFields(JsonWriter writer);
    }
}
