using NesMep.Core.Json;

namespace NesMep.Core.Tables
{
    /// <summary>JSON for one selected register: {"index":n,"source":id|null,"name":"fwd_active_w"[,"value":v]}.</summary>
    internal static class SourceJson
    {
        public static void WriteSource(JsonWriter w, int index, int source)
        {
            w.BeginObject();
            WriteCommon(w, index, source);
            w.EndObject();
        }

        public static void WriteValue(JsonWriter w, int index, int source, int value)
        {
            w.BeginObject();
            WriteCommon(w, index, source);
            w.Property("value", value);
            w.EndObject();
        }

        private static void WriteCommon(JsonWriter w, int index, int source)
        {
            w.Property("index", index);
            if (source == SourceIds.Unknown)
            {
                w.Name("source").Null();
            }
            else
            {
                w.Property("source", source);
            }

            w.Name("name").Literal(SourceIds.Name(source)); // the program's names: no escaping copy per register
        }
    }
}
