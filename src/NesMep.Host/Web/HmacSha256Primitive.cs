using System.Security.Cryptography;
using NesMep.Core.Web;

namespace NesMep.Host.Web;

/// <summary>The core's HMAC primitive on .NET: the static one-shot API, no allocation per call.</summary>
public sealed class HmacSha256Primitive : IHmacSha256
{
    public static readonly HmacSha256Primitive Instance = new();

    public void Compute(byte[] key, byte[] data, int offset, int count, byte[] output, int outputOffset) =>
        HMACSHA256.HashData(key, data.AsSpan(offset, count), output.AsSpan(outputOffset, HMACSHA256.HashSizeInBytes));
}
