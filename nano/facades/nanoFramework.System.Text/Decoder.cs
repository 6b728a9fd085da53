// Facade of nanoFramework.System.Text 1.3.42 (NuGet package nanoFramework.System.Text), System.Text.Decoder.
// Declarations only, written from the upstream nanoframework/System.Text sources; build-time use only, never shipped.
namespace System.Text
{
    public abstract class Decoder
    {
        protected Decoder() => throw null;
        public abstract void Convert(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex, int charCount, bool flush, out int bytesUsed, out int charsUsed, out bool completed);
    }
}
