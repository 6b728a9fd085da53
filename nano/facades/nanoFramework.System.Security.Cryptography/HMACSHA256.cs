// Facade of nanoFramework.System.Security.Cryptography (1.x; exact 1.17-era package version not confirmed) (NuGet package nanoFramework.System.Security.Cryptography), System.Security.Cryptography.HMACSHA256.
// Declarations only, written by us from the upstream nanoframework/System.Security.Cryptography sources; build-time use only, never shipped.
// Assembly nanoFramework.System.Security.Cryptography; AssemblyVersion 1.0.0.0 here is a placeholder until a
// workstation build pins the package. HashCore is native (mbedTLS); the API is enabled in the ESP32 and ESP32-C3
// presets of nf-interpreter (CMake/xtensa-esp32.json, CMake/riscv-esp32c3.json). There is no SHA256 class and no
// offset/count overload: an IHmacSha256 adapter copies a partial input into its own array first. The parameterless
// constructor draws its key from System.Random (the ESP32 hardware RNG).
namespace System.Security.Cryptography
{
    public class HMACSHA256 : IDisposable
    {
        public HMACSHA256() => throw null;
        public HMACSHA256(byte[] key) => throw null;
        public byte[] Hash => throw null;
        public byte[] Key { get => throw null; set => throw null; }
        public byte[] ComputeHash(byte[] buffer) => throw null;
        public static byte[] HashData(byte[] key, byte[] source) => throw null;
        public void Dispose() => throw null;
        protected void Dispose(bool disposing) => throw null;
    }
}
