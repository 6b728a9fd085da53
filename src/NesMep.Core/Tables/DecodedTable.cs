using NesMep.Core.Json;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// Base of every table decoder: writes the decoded fields as one JSON object. Subclasses write only
    /// their fields (<see cref="TableJson"/> puts them into its own object).
    /// </summary>
    public abstract class DecodedTable : IJsonWritable, ITableFields
    {
        public void WriteJson(JsonWriter w)
        {
            w.BeginObject();
            WriteJsonFields(w);
            w.EndObject();
        }

        public abstract void WriteJsonFields(JsonWriter w);

        /// <summary>name:value, left out when <see cref="TableWindow.Absent"/> (missing data never shows as 0).</summary>
        protected static void WriteKnown(JsonWriter w, string name, int value)
        {
            if (value != TableWindow.Absent)
            {
                w.Property(name, value);
            }
        }
    }
}
