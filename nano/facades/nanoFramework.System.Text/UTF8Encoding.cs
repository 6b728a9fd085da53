// Facade of nanoFramework.System.Text 1.3.42 (NuGet package nanoFramework.System.Text), System.Text.UTF8Encoding.
// Declarations only, written from the upstream nanoframework/System.Text sources; build-time use only, never shipped.
namespace System.Text
{
    public class UTF8Encoding : Encoding
    {
        public UTF8Encoding() => throw null;
        public override byte[] GetBytes(string s) => throw null;
        public override int GetBytes(string s, int charIndex, int charCount, byte[] bytes, int byteIndex) => throw null;
        public override char[] GetChars(byte[] bytes) => throw null;
        public override char[] GetChars(byte[] bytes, int byteIndex, int byteCount) => throw null;
        public override Decoder GetDecoder() => throw null;
    }
}
