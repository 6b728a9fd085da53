#nullable enable
using NesMep.Core.Web;
using Xunit;

namespace NesMep.Core.Tests.Web;

public class FormBodyTests
{
    [Fact]
    public void Decodes_what_browsers_send()
    {
        FormBody? f = FormBody.Parse("a=1&b=x+y%21&c=&d&e=%C3%A4%E2%9C%93&f=%2B%26%3D", out string? error);
        Assert.Null(error);
        Assert.NotNull(f);
        Assert.Equal(6, f!.Count);
        Assert.Equal("1", f.Get("a"));
        Assert.Equal("x y!", f.Get("b"));
        Assert.Equal("", f.Get("c"));
        Assert.Equal("", f.Get("d"));
        Assert.Equal("ä✓", f.Get("e"));
        Assert.Equal("+&=", f.Get("f"));
        Assert.Null(f.Get("missing"));
        Assert.False(f.Has("missing"));
    }

    [Fact]
    public void Raw_non_ascii_text_next_to_encoded_text_keeps_a_surrogate_pair_whole()
    {
        // A client that does not percent-encode: the house emoji (a surrogate pair) must not become U+FFFD twice.
        Assert.Equal("a A\uD83C\uDFE0\u00E4", FormBody.Decode("a+%41\uD83C\uDFE0\u00E4"));
    }

    [Fact]
    public void Empty_body_is_an_empty_form()
    {
        Assert.Equal(0, FormBody.Parse("", out _)!.Count);
        Assert.Equal(0, FormBody.Parse(null!, out _)!.Count);
        Assert.Equal(0, FormBody.Parse("&&", out _)!.Count);
    }

    [Theory]
    [InlineData("a=%", "percent")]
    [InlineData("a=%G1", "percent")]
    [InlineData("a=%4", "percent")]
    [InlineData("=x", "without a name")]
    [InlineData("a=1&a=2", "twice")]
    public void Refuses_malformed_or_ambiguous_bodies(string body, string expected)
    {
        Assert.Null(FormBody.Parse(body, out string? error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Refuses_oversize_bodies_and_too_many_fields()
    {
        Assert.Null(FormBody.Parse(new string('a', FormBody.MaxLength + 1), out string? e1));
        Assert.Contains("longer", e1);
        string many = string.Join("&", Enumerable.Range(0, FormBody.MaxFields + 1).Select(i => "f" + i + "=1"));
        Assert.Null(FormBody.Parse(many, out string? e2));
        Assert.Contains("more than", e2);
    }

    [Fact]
    public void A_malformed_secret_is_never_quoted_in_the_error()
    {
        Assert.Null(FormBody.Parse("password=hunter2%ZZ", out string? error));
        Assert.DoesNotContain("hunter2", error);
    }
}

public class WebTextTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("42", 42)]
    [InlineData("-7", -7)]
    [InlineData("2147483647", int.MaxValue)]
    public void Parses_whole_numbers(string text, int expected)
    {
        Assert.True(WebText.TryParseInt(text, out int v));
        Assert.Equal(expected, v);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("+1")]
    [InlineData("1.5")]
    [InlineData(" 1")]
    [InlineData("2147483648")]
    [InlineData("99999999999")]
    public void Refuses_anything_else(string text) => Assert.False(WebText.TryParseInt(text, out _));

    [Theory]
    [InlineData("esp32-mep", null)]
    [InlineData("a", null)]
    [InlineData("", "give")]
    [InlineData("-x", "start or end")]
    [InlineData("x-", "start or end")]
    [InlineData("my.meter", "letters")]
    [InlineData("my_meter", "letters")]
    public void Checks_host_names(string name, string? expected)
    {
        string? e = WebText.CheckHostName(name);
        if (expected == null)
        {
            Assert.Null(e);
        }
        else
        {
            Assert.Contains(expected, e);
        }
    }

    [Fact]
    public void Host_names_longer_than_63_are_refused() => Assert.NotNull(WebText.CheckHostName(new string('a', 64)));
}
