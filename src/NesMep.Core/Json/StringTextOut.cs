using System.Text;

namespace NesMep.Core.Json
{
    /// <summary>A <see cref="TextOut"/> that collects the text in a StringBuilder.</summary>
    public sealed class StringTextOut : TextOut
    {
        public StringTextOut(StringBuilder sb)
        {
            Builder = sb;
        }

        public StringBuilder Builder { get; private set; }

        public override TextOut Append(char c)
        {
            Builder.Append(c);
            return this;
        }

        public override TextOut Append(string s)
        {
            Builder.Append(s);
            return this;
        }

        public override string ToString()
        {
            return Builder.ToString();
        }
    }
}
