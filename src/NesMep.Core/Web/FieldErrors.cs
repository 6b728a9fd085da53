using NesMep.Core.Json;

namespace NesMep.Core.Web
{
    /// <summary>
    /// Problems found in a submitted form, one message per field, so the UI can show each next to
    /// its input. Messages never quote a secret value.
    /// </summary>
    public sealed class FieldErrors
    {
        private const int Capacity = 64;

        private readonly string[] _fields = new string[Capacity];
        private readonly string[] _messages = new string[Capacity];

        public int Count { get; private set; }

        public string Field(int i)
        {
            return _fields[i];
        }

        public string Message(int i)
        {
            return _messages[i];
        }

        /// <summary>Records the first problem of a field; later ones for the same field are dropped.</summary>
        public void Add(string field, string message)
        {
            if (Has(field) || Count == Capacity)
            {
                return;
            }

            _fields[Count] = field;
            _messages[Count] = message;
            Count++;
        }

        public bool Has(string field)
        {
            return MessageFor(field) != null;
        }

        public string? MessageFor(string field)
        {
            for (int i = 0; i < Count; i++)
            {
                if (_fields[i] == field)
                {
                    return _messages[i];
                }
            }

            return null;
        }

        /// <summary>{"error":"…","errors":[{"field":"…","message":"…"},…]}</summary>
        public string ToJson(string summary)
        {
            JsonWriter w = new JsonWriter();
            w.BeginObject();
            w.Property("error", summary);
            w.Name("errors").BeginArray();
            for (int i = 0; i < Count; i++)
            {
                w.BeginObject().Property("field", _fields[i]).Property("message", _messages[i]).EndObject();
            }

            w.EndArray();
            w.EndObject();
            return w.ToString();
        }
    }
}
