using NesMep.Core.Link;
using Xunit;

namespace NesMep.Core.Tests.Link;

/// <summary>The optical-port password (C12.18 Security, reference §13.2): 20 characters or 40 hex digits, never echoed.</summary>
public class OpticalKeyTests
{
    private static byte[] Bytes(OpticalKey key)
    {
        byte[] b = new byte[OpticalKey.Length + 2];
        key.CopyTo(b, 1);
        Assert.Equal(0, b[0]);
        Assert.Equal(0, b[^1]);
        return b[1..^1];
    }

    [Fact]
    public void Twenty_characters_are_the_password_bytes_as_printed()
    {
        const string printed = "Abc-123 xyz+=?~!@#$%";
        Assert.Equal(20, printed.Length);
        OpticalKey key = OpticalKey.Parse("  " + printed + "\n");
        Assert.False(key.IsHex);
        Assert.Equal("20 ASCII characters", key.FormDescription);
        Assert.Equal(System.Text.Encoding.ASCII.GetBytes(printed), Bytes(key));
    }

    [Fact]
    public void Forty_hex_digits_are_the_same_twenty_bytes()
    {
        OpticalKey hex = OpticalKey.Parse("41 42 43 44 45 46 47 48 49 4a 4B 4c 4d 4e 4f 50 51 52 53 54");
        Assert.True(hex.IsHex);
        Assert.Equal("40 hex digits", hex.FormDescription);
        Assert.Equal(Bytes(OpticalKey.Parse("ABCDEFGHIJKLMNOPQRST")), Bytes(hex));
    }

    [Theory]
    [InlineData("", "no optical key given")]
    [InlineData("   ", "no optical key given")]
    [InlineData("0011223344556677889900112233445566778899aa", "42 hex digits")]
    [InlineData("00112233445566778899AABBCCDDEEFF", "32 hex digits")] // a MEP-style 16-byte key is not a C12.18 password
    [InlineData("secret-password", "15 characters and is not hex")]
    [InlineData("secret\u0001password-20ch", "not printable ASCII")]
    public void Other_input_is_refused_without_repeating_it(string text, string expected)
    {
        Assert.Null(OpticalKey.TryParse(text, out string? error));
        Assert.Contains(expected, error);
        Assert.Contains(OpticalKey.AcceptedForms, error);
        if (text.Trim().Length > 0)
        {
            Assert.DoesNotContain(text.Trim(), error);
        }

        Assert.Throws<FormatException>(() => OpticalKey.Parse(text));
    }

    [Fact]
    public void ToString_never_shows_the_key()
    {
        Assert.Equal("OpticalKey(20 ASCII characters, ****)", OpticalKey.Parse("ABCDEFGHIJKLMNOPQRST").ToString());
    }
}
