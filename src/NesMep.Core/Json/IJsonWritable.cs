namespace NesMep.Core.Json
{
    /// <summary>A value that can describe itself as one JSON value (usually an object).</summary>
    public interface IJsonWritable
    {
        void WriteJson(JsonWriter writer);
    }
}
