#nullable enable
using System.Security.Cryptography;
using NesMep.Core.Json;
using NesMep.Core.Web;

namespace NesMep.Core.Tests.Web;

/// <summary>
/// HMAC-SHA256 from .NET, as the host supplies it. With <see cref="BlockOnKey"/> set, a call keyed
/// by that text (PBKDF2 keys its HMAC with the password) signals <see cref="Entered"/> and waits
/// for <see cref="Release"/>: a password check that is "in progress" for as long as a test wants.
/// </summary>
internal sealed class TestHmac : IHmacSha256
{
    public int Calls;

    public string? BlockOnKey { get; set; }

    public ManualResetEventSlim Entered { get; } = new();

    public ManualResetEventSlim Release { get; } = new();

    public void Compute(byte[] key, byte[] data, int offset, int count, byte[] output, int outputOffset)
    {
        Interlocked.Increment(ref Calls);
        if (BlockOnKey != null && System.Text.Encoding.UTF8.GetString(key) == BlockOnKey)
        {
            Entered.Set();
            Release.Wait();
        }

        HMACSHA256.HashData(key, data.AsSpan(offset, count), output.AsSpan(outputOffset, 32));
    }
}

/// <summary>Deterministic "random" bytes (a counter run through SHA-256), so failures reproduce.</summary>
internal sealed class CountingRandom : IRandomSource
{
    private int _n;

    public void Fill(byte[] buffer)
    {
        int filled = 0;
        while (filled < buffer.Length)
        {
            byte[] block = SHA256.HashData(BitConverter.GetBytes(++_n));
            int take = Math.Min(block.Length, buffer.Length - filled);
            Array.Copy(block, 0, buffer, filled, take);
            filled += take;
        }
    }
}

/// <summary>The same byte everywhere: a key that no <see cref="CountingRandom"/> draw gives.</summary>
internal sealed class ConstantRandom(byte value) : IRandomSource
{
    public void Fill(byte[] buffer) => Array.Fill(buffer, value);
}

/// <summary>Records what the router asks of the platform; Save can be told to fail.</summary>
internal sealed class FakePlatform : IWebPlatform
{
    public string Platform { get; set; } = "linux";

    public bool HasWifi { get; set; }

    public string? SaveError { get; set; }

    public List<ModuleSettings> Saved { get; } = new();

    public List<ModuleSettings> Applied { get; } = new();

    public string[] Lines { get; set; } = ["line one", "line two"];

    public string? Save(ModuleSettings settings)
    {
        if (SaveError != null)
        {
            return SaveError;
        }

        Saved.Add(settings.Copy());
        return null;
    }

    public void Apply(ModuleSettings settings) => Applied.Add(settings.Copy());

    public string[] RecentLogLines() => Lines;

    public void WriteNetwork(JsonWriter w) => w.BeginObject().Property("kind", "test").EndObject();
}
