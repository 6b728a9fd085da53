using NesMep.Core.Protocol;
using Xunit;

namespace NesMep.Core.Tests.Protocol;

public class MepKeyTests
{
    private static byte[] DigestWith(MepKey key)
    {
        byte[] body = Hex.Parse("3F 00 17 00 00 00 00 10 00 00 00 01");
        byte[] d = new byte[8];
        new MepDigest(key).Compute(body, 0, body.Length, d, 0);
        return d;
    }

    [Fact]
    public void Twenty_characters_are_ascii_even_when_they_look_like_hex()
    {
        MepKey key = MepKey.Parse("00112233445566778899");
        Assert.Equal(MepKeyForm.Ascii20, key.Form);
        Assert.Equal(DigestWith(MepKey.FromBytes(System.Text.Encoding.ASCII.GetBytes("0011223344556677"))), DigestWith(key));
    }

    [Fact]
    public void Forty_hex_digits_are_the_same_twenty_bytes_as_the_ascii_form()
    {
        // Reference §4.1: 58747A3B… is the hex form of "Xtz;~,hVVyOE@KyrOiV+".
        MepKey hex = MepKey.Parse("58747A3B7E2C685656794F45404B79724F69562B");
        MepKey ascii = MepKey.Parse("Xtz;~,hVVyOE@KyrOiV+");
        Assert.Equal(MepKeyForm.Hex40, hex.Form);
        Assert.True(hex.SameBytes(ascii));
    }

    [Fact]
    public void Thirty_two_hex_digits_are_the_sixteen_key_bytes_and_whitespace_is_ignored()
    {
        MepKey key = MepKey.Parse("  58 74 7A 3B 7E 2C 68 56 56 79 4F 45 40 4B 79 72 ");
        Assert.Equal(MepKeyForm.Hex32, key.Form);
        Assert.True(key.SameBytes(MepKey.Parse("Xtz;~,hVVyOE@KyrOiV+")));
    }

    [Fact]
    public void Only_the_first_sixteen_bytes_are_used()
    {
        Assert.True(MepKey.Parse("ABCDEFGHIJKLMNOPqrst").SameBytes(MepKey.Parse("ABCDEFGHIJKLMNOPwxyz")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTU")]
    [InlineData("58747A3B7E2C685656794F45404B79724F69562")]
    [InlineData("58747A3B7E2C685656794F45404B79724F69562G")]
    [InlineData("ABCDEFGHIJKLMNOPQRS\u00e9")]
    public void Anything_else_gets_an_error_that_names_the_accepted_forms_without_echoing_the_key(string text)
    {
        MepKey? key = MepKey.TryParse(text, out string? error);
        Assert.Null(key);
        Assert.Contains("20 characters", error);
        Assert.Contains("40 hex digits", error);
        Assert.Contains("32 hex digits", error);
        if (text.Length > 3)
        {
            Assert.DoesNotContain(text.Substring(0, 4), error);
        }

        var ex = Assert.Throws<FormatException>(() => MepKey.Parse(text));
        Assert.Equal(error, ex.Message);
    }

    [Fact]
    public void ToString_never_shows_the_key()
    {
        MepKey key = MepKey.Parse("Xtz;~,hVVyOE@KyrOiV+");
        Assert.DoesNotContain("Xtz", key.ToString());
        Assert.DoesNotContain("58", key.ToString());
        Assert.Contains("****", key.ToString());
    }
}
