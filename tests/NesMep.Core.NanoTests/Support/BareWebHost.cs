using System;
using NesMep.Core.Json;
using NesMep.Core.Web;

namespace NesMep.Core.NanoTests.Support
{
    /// <summary>
    /// The host side a <see cref="HttpDispatcher"/> needs, for serving the read-only API in tests: no UI files,
    /// no network, nothing saved. Random bytes are a counter (no secret is made from them here); HMAC is
    /// refused, since none of the API routes needs it while the API token is off.
    /// </summary>
    public sealed class BareWebHost : IWebPlatform, IAssetLookup, IRandomSource, IHmacSha256
    {
        private byte _next;

        public string Platform
        {
            get { return "nano-test"; }
        }

        public bool HasWifi
        {
            get { return false; }
        }

        public string? Save(ModuleSettings settings)
        {
            return "the test host saves nothing";
        }

        public void Apply(ModuleSettings settings)
        {
        }

        public string[] RecentLogLines()
        {
            return new string[0];
        }

        public void WriteNetwork(JsonWriter w)
        {
            w.Null();
        }

        public WebAsset? Find(string name)
        {
            return null;
        }

        public void Fill(byte[] buffer)
        {
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = _next++;
            }
        }

        public void Compute(byte[] key, byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            throw new NotSupportedException("the API body tests use no HMAC (the API token is off)");
        }
    }
}
