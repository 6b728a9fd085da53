namespace NesMep.Core.Json
{
    /// <summary>
    /// Where <see cref="JsonWriter"/> and the text views write: a StringBuilder (<see cref="StringTextOut"/>,
    /// for payloads that are strings anyway and for tests) or a bounded buffer flushed to an HTTP response
    /// (NesMep.Core.Web.BodyWriter), so a large body never exists as one string.
    /// </summary>
    public abstract class TextOut
    {
        public abstract TextOut Append(char c);

        public abstract TextOut Append(string s);

        public TextOut Append(long value)
        {
            return Append(value.ToString());
        }
    }
}
