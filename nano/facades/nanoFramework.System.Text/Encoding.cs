// Facade of nanoFramework.System.Text 1.3.42 (NuGet package nanoFramework.System.Text), System.Text.Encoding.
// Declarations only, written from the upstream nanoframework/System.Text sources; build-time use only, never shipped.
// UTF-8 is the only encoding; GetString takes index and count (there is no one-argument overload).
// Upstream only GetDecoder is abstract; GetBytes/GetChars/GetString are virtual with a base body.
namespace System.Text
{
    [Serializable]
    public abstract class Encoding
    {
        protected Encoding() => throw null;
        public static Encoding UTF8 => throw null;
        public virtual byte[] GetBytes(string s) => throw null;
        public virtual int GetBytes(string s, int charIndex, int charCount, byte[] bytes, int byteIndex) => throw null;
        public virtual char[] GetChars(byte[] bytes) => throw null;
        public virtual char[] GetChars(byte[] bytes, int byteIndex, int byteCount) => throw null;
        public abstract Decoder GetDecoder();
        public virtual string GetString(byte[] bytes, int index, int count) => throw null;
    }
}
