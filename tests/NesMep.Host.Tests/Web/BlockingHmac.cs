using System.Security.Cryptography;
using System.Text;
using NesMep.Core.Web;

namespace NesMep.Host.Tests.Web;

/// <summary>
/// .NET's HMAC-SHA256, except that a call keyed by <see cref="BlockOnKey"/> (PBKDF2 keys its HMAC
/// with the password) signals <see cref="Entered"/> and waits for <see cref="Release"/>: a password
/// check held in progress for as long as the test needs, with no timing involved.
/// </summary>
internal sealed class BlockingHmac(string blockOnKey) : IHmacSha256
{
    public string BlockOnKey { get; } = blockOnKey;

    public ManualResetEventSlim Entered { get; } = new();

    public ManualResetEventSlim Release { get; } = new();

    public void Compute(byte[] key, byte[] data, int offset, int count, byte[] output, int outputOffset)
    {
        if (Encoding.UTF8.GetString(key) == BlockOnKey)
        {
            Entered.Set();
            Release.Wait();
        }

        HMACSHA256.HashData(key, data.AsSpan(offset, count), output.AsSpan(outputOffset, HMACSHA256.HashSizeInBytes));
    }
}
