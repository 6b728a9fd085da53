using NesMep.Core.Optical;
using Xunit;

namespace NesMep.Core.Tests.Optical;

public class OpticalKeyTests
{
    [Fact]
    public void Twenty_characters_and_forty_hex_digits_give_the_same_twenty_bytes()
    {
        byte[]? a = OpticalKey.TryParse("ABCDEFGHIJ0123456789", out string? e1);
        byte[]? h = OpticalKey.TryParse("41424344454647484 94A 30313233343536373839", out string? e2);
        Assert.Null(e1);
        Assert.Null(e2);
        Assert.Equal(System.Text.Encoding.ASCII.GetBytes("ABCDEFGHIJ0123456789"), a);
        Assert.Equal(a, h);
    }

    [Theory]
    [InlineData(null, "no optical key")]
    [InlineData("   ", "no optical key")]
    [InlineData("short-secret", "not hex")]
    [InlineData("0102", "4 hex digits")]
    [InlineData("010203040506070809101112131415161718192021", "more than 40")]
    [InlineData("secret\u00e9secretsecrets", "not printable")]
    public void Bad_keys_are_refused_without_repeating_them(string? text, string expected)
    {
        Assert.Null(OpticalKey.TryParse(text, out string? error));
        Assert.Contains(expected, error);
        Assert.Contains("20 characters", error);
        if (text != null && text.Trim().Length > 0)
        {
            Assert.DoesNotContain(text.Trim(), error);
        }
    }
}
