using System.Text;
using NesMep.Core.Lifecycle;
using Xunit;

namespace NesMep.Core.Tests.Lifecycle;

public class UpdateManifestTests
{
    private const string Hash = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    private static UpdateManifest? Parse(string text, out string? error, int max = LifecycleLimits.MaxPackBytes)
    {
        byte[] b = Encoding.ASCII.GetBytes(text);
        int end = UpdateManifest.FindEnd(b, b.Length);
        Assert.True(end > 0, "no blank line in the test manifest");
        return UpdateManifest.Parse(b, end, max, out error);
    }

    [Fact]
    public void Reads_names_sizes_hashes_and_pack_offsets()
    {
        var m = Parse("nesmep-update 1\r\nkind webui\nversion 0.2.0\nfile index.html 10 " + Hash + " gzip\nfile app.js 3 " + Hash.ToUpperInvariant() + "\n\nPACK", out string? error);
        Assert.Null(error);
        Assert.NotNull(m);
        Assert.Equal("0.2.0", m.Version);
        Assert.Equal(2, m.Count);
        Assert.Equal(13, m.PackBytes);
        Assert.Equal(1, m.IndexOf("app.js"));
        Assert.Equal(-1, m.IndexOf("other.js"));
        Assert.Equal(10, m.Offset(1));
        Assert.True(m.Gzip(0));
        Assert.False(m.Gzip(1));
        Assert.Equal(Hash, m.HashHex(1));
        Assert.True(m.HashEquals(0, Convert.FromHexString(Hash), 0));
        Assert.False(m.HashEquals(0, new byte[32], 0));
    }

    [Fact]
    public void The_blank_line_ends_the_manifest_with_either_line_ending()
    {
        byte[] lf = Encoding.ASCII.GetBytes("a\n\nrest");
        byte[] crlf = Encoding.ASCII.GetBytes("a\r\n\r\nrest");
        Assert.Equal(3, UpdateManifest.FindEnd(lf, lf.Length));
        Assert.Equal(5, UpdateManifest.FindEnd(crlf, crlf.Length));
        Assert.Equal(-1, UpdateManifest.FindEnd(lf, 2)); // not arrived yet
    }

    [Theory]
    [InlineData("hello\n\n", "not an update file")]
    [InlineData("nesmep-update 1\nkind firmware\nversion 1\nfile app.js 3 " + Hash + "\n\n", "only 'webui' can; the application is updated over USB")]
    [InlineData("nesmep-update 1\nversion 1\nfile app.js 3 " + Hash + "\n\n", "names no kind")]
    [InlineData("nesmep-update 1\nkind webui\nfile app.js 3 " + Hash + "\n\n", "needs a version")]
    [InlineData("nesmep-update 1\nkind webui\nversion 1\n\n", "lists no files")]
    [InlineData("nesmep-update 1\nkind webui\nversion 1\nfile ../settings.txt 3 " + Hash + "\n\n", "is not a web UI file name")]
    [InlineData("nesmep-update 1\nkind webui\nversion 1\nfile update.state 3 " + Hash + "\n\n", "is not a web UI file name")]
    [InlineData("nesmep-update 1\nkind webui\nversion 1\nfile app.js 0 " + Hash + "\n\n", "above 0")]
    [InlineData("nesmep-update 1\nkind webui\nversion 1\nfile app.js 3 abc\n\n", "64 hex digits")]
    [InlineData("nesmep-update 1\nkind webui\nversion 1\nfile app.js 3 " + Hash + " zip\n\n", "optional 'gzip'")]
    [InlineData("nesmep-update 1\nkind webui\nversion 1\nfile app.js 3 " + Hash + "\nfile app.js 3 " + Hash + "\n\n", "listed twice")]
    [InlineData("nesmep-update 1\nkind webui\nkind webui\nversion 1\n\n", "unknown or repeated line 'kind webui' (manifest line 3)")]
    [InlineData("nesmep-update 1\nkind webui\nversion 1\nfile app.js 70000 " + Hash + "\n\n", "at most 65536 fit")]
    [InlineData("nesmep-update 1\nkind webui\nversion 1\nfile app.js 3 " + Hash + "\u00e9\n\n", "plain ASCII")]
    public void Refuses_bad_manifests_with_a_reason(string text, string expected)
    {
        byte[] b = Encoding.UTF8.GetBytes(text);
        Assert.Null(UpdateManifest.Parse(b, UpdateManifest.FindEnd(b, b.Length), LifecycleLimits.MaxPackBytes, out string? error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void More_than_the_file_limit_is_refused()
    {
        var sb = new StringBuilder("nesmep-update 1\nkind webui\nversion 1\n");
        for (int i = 0; i <= UpdateManifest.MaxFiles; i++)
        {
            sb.Append("file f").Append(i).Append(".js 1 ").Append(Hash).Append('\n');
        }

        Assert.Null(Parse(sb.Append('\n').ToString(), out string? error, int.MaxValue));
        Assert.Contains("more than 40 files", error);
    }
}
