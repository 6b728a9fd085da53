#nullable enable
using System.Security.Cryptography;
using System.Text;
using NesMep.Core.Web;
using Xunit;

namespace NesMep.Core.Tests.Web;

public class Pbkdf2Tests
{
    [Fact]
    public void Matches_the_RFC_7914_test_vector()
    {
        // RFC 7914 §11: PBKDF2-HMAC-SHA256, P = "passwd", S = "salt", c = 1, dkLen = 64.
        byte[] dk = Pbkdf2.DeriveSha256(new TestHmac(), Encoding.ASCII.GetBytes("passwd"), Encoding.ASCII.GetBytes("salt"), 1, 64);
        Assert.Equal(
            "55AC046E56E3089FEC1691C22544B605F94185216DDE0465E68B9D57C20DACBC49CA9CCCF179B645991664B39D77EF317C71B845B1E30BD509112041D3A19783",
            Convert.ToHexString(dk));
    }

    [Theory]
    [InlineData("password", "salt", 1, 32)]
    [InlineData("password", "salt", 2, 32)]
    [InlineData("password", "salt", 4096, 32)]
    [InlineData("pässwörd ✓", "NaCl-of-16-bytes", 1000, 40)]
    [InlineData("", "s", 3, 70)]
    public void Agrees_with_the_dotnet_implementation(string password, string salt, int iterations, int length)
    {
        byte[] p = Encoding.UTF8.GetBytes(password);
        byte[] s = Encoding.UTF8.GetBytes(salt);
        byte[] expected = Rfc2898DeriveBytes.Pbkdf2(p, s, iterations, HashAlgorithmName.SHA256, length);
        Assert.Equal(expected, Pbkdf2.DeriveSha256(new TestHmac(), p, s, iterations, length));
    }

    [Fact]
    public void Uses_one_hmac_per_iteration_and_block()
    {
        var hmac = new TestHmac();
        Pbkdf2.DeriveSha256(hmac, [1, 2], [3, 4], 100, 64);
        Assert.Equal(200, hmac.Calls);
    }
}

public class PasswordHashTests
{
    private readonly TestHmac _hmac = new();
    private readonly CountingRandom _random = new();

    [Fact]
    public void Verifies_the_right_password_only()
    {
        string stored = PasswordHash.Create("correct horse", 1000, _hmac, _random);
        Assert.StartsWith("pbkdf2-sha256$1000$", stored);
        Assert.DoesNotContain("correct horse", stored);
        Assert.True(PasswordHash.Verify("correct horse", stored, _hmac));
        Assert.False(PasswordHash.Verify("correct horse ", stored, _hmac));
        Assert.False(PasswordHash.Verify("", stored, _hmac));
        Assert.False(PasswordHash.Verify(null!, stored, _hmac));
    }

    [Fact]
    public void Two_hashes_of_one_password_differ_by_their_salt()
    {
        string a = PasswordHash.Create("same", 10, _hmac, _random);
        string b = PasswordHash.Create("same", 10, _hmac, _random);
        Assert.NotEqual(a, b);
        Assert.True(PasswordHash.Verify("same", a, _hmac));
        Assert.True(PasswordHash.Verify("same", b, _hmac));
    }

    [Fact]
    public void A_hash_made_by_dotnet_PBKDF2_verifies()
    {
        byte[] salt = RandomNumberGenerator.GetBytes(16);
        byte[] hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes("from elsewhere"), salt, 5000, HashAlgorithmName.SHA256, 32);
        string stored = "pbkdf2-sha256$5000$" + Convert.ToBase64String(salt) + "$" + Convert.ToBase64String(hash);
        Assert.True(PasswordHash.Verify("from elsewhere", stored, _hmac));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain-text-password")]
    [InlineData("pbkdf2-sha256$")]
    [InlineData("pbkdf2-sha256$10$c2FsdHNhbHQ=")]
    [InlineData("pbkdf2-sha256$0$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==")]
    [InlineData("pbkdf2-sha256$99999999$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==")]
    [InlineData("pbkdf2-sha256$10$not base64!$aGFzaGhhc2hoYXNoaGFzaA==")]
    [InlineData("pbkdf2-sha1$10$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==")]
    public void Malformed_stored_text_never_verifies(string stored)
    {
        Assert.False(PasswordHash.IsWellFormed(stored));
        Assert.False(PasswordHash.Verify("anything", stored, _hmac));
    }
}
