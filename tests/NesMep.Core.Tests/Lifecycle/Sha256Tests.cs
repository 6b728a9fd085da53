using System.Security.Cryptography;
using System.Text;
using NesMep.Core.Lifecycle;
using Xunit;

namespace NesMep.Core.Tests.Lifecycle;

public class Sha256Tests
{
    private static string Hash(ISha256 sha, byte[] data, int chunk)
    {
        sha.Reset();
        for (int i = 0; i < data.Length; i += chunk)
        {
            sha.Update(data, i, Math.Min(chunk, data.Length - i));
        }

        var output = new byte[32];
        sha.Finish(output, 0);
        return Convert.ToHexStringLower(output);
    }

    // FIPS 180-4 examples (NIST CSRC "Examples with Intermediate Values", SHA-256 one-block, two-block and long messages).
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void Matches_the_FIPS_180_4_examples(string message, string expected)
    {
        Assert.Equal(expected, Hash(new Sha256(), Encoding.ASCII.GetBytes(message), 7));
    }

    [Fact]
    public void A_million_a_fed_in_odd_chunks_matches_the_FIPS_example()
    {
        byte[] a = Enumerable.Repeat((byte)'a', 1_000_000).ToArray();
        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Hash(new Sha256(), a, 997));
    }

    [Fact]
    public void Equals_dotnet_for_random_bytes_and_chunkings()
    {
        var random = new Random(12);
        var sha = new Sha256();
        for (int run = 0; run < 300; run++)
        {
            byte[] data = new byte[random.Next(0, 3000)];
            random.NextBytes(data);
            string dotnet = Convert.ToHexStringLower(SHA256.HashData(data));
            Assert.Equal(dotnet, Hash(sha, data, Math.Max(1, data.Length))); // reused after Reset
            Assert.Equal(dotnet, Hash(sha, data, random.Next(1, 200)));
        }
    }

    [Fact]
    public void Lengths_around_the_padding_boundary_match_dotnet()
    {
        var sha = new Sha256();
        for (int n = 50; n <= 130; n++)
        {
            byte[] data = UpdateFile.Content("pad" + n, n);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), Hash(sha, data, 64));
        }
    }
}
