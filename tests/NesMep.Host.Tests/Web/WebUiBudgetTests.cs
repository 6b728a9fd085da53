using System.Text.RegularExpressions;
using NesMep.Host.Web;
using Xunit;
using Xunit.Abstractions;

namespace NesMep.Host.Tests.Web;

/// <summary>
/// The UI must fit the ESP32 (flash and about 100 KB free heap while serving) and work with no
/// internet: size budget per page and in total (gzip, as served), and no reference to anything
/// outside the module. docs/webui.md states the same numbers.
/// </summary>
public class WebUiBudgetTests(ITestOutputHelper output)
{
    /// <summary>All UI files together, gzip-compressed.</summary>
    public const int TotalGzipBudget = 48 * 1024;

    /// <summary>One page with everything it loads (HTML, CSS, scripts, icon), gzip-compressed.</summary>
    public const int PageGzipBudget = 16 * 1024;

    /// <summary>The largest single file, uncompressed (the device streams it, but keep it modest).</summary>
    public const int FileRawBudget = 24 * 1024;

    [Fact]
    public void Every_page_and_the_whole_UI_fit_the_budget()
    {
        string root = SourceWebUi();
        Dictionary<string, int> gz = Directory.GetFiles(root)
            .Where(f => NesMep.Core.Web.WebHeaders.ContentTypeFor(Path.GetFileName(f)) != null)
            .ToDictionary(f => Path.GetFileName(f), f => WebAssets.Gzip(File.ReadAllBytes(f)).Length);
        string[] pages = gz.Keys.Where(n => n.EndsWith(".html", StringComparison.Ordinal)).Order().ToArray();
        Assert.Equal(new[] { "config.html", "console.html", "index.html", "log.html", "login.html", "setup.html", "status.html", "update.html" }, pages);

        int total = gz.Values.Sum();
        output.WriteLine($"all UI files: {total} bytes gzip (budget {TotalGzipBudget})");
        Assert.True(total <= TotalGzipBudget, $"UI is {total} bytes gzip, budget {TotalGzipBudget}");
        foreach (string page in pages)
        {
            string[] parts = References(File.ReadAllText(Path.Combine(root, page))).Prepend(page).ToArray();
            foreach (string part in parts)
            {
                Assert.True(gz.ContainsKey(part), $"{page} loads {part}, which is not in webui/");
            }

            int size = parts.Sum(p => gz[p]);
            output.WriteLine($"{page}: {size} bytes gzip with {string.Join(", ", parts.Skip(1))}");
            Assert.True(size <= PageGzipBudget, $"{page} is {size} bytes gzip with what it loads, budget {PageGzipBudget}");
        }

        foreach (string f in Directory.GetFiles(root))
        {
            Assert.True(new FileInfo(f).Length <= FileRawBudget, f + " is larger than " + FileRawBudget + " bytes");
        }
    }

    [Fact]
    public void Nothing_is_loaded_from_outside_the_module_and_nothing_runs_inline()
    {
        string root = SourceWebUi();
        foreach (string f in Directory.GetFiles(root).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)))
        {
            string text = File.ReadAllText(f);
            string name = Path.GetFileName(f);
            // The SVG namespace URI is an identifier, never fetched.
            string checkable = text.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal);
            Assert.DoesNotMatch(new Regex(@"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", RegexOptions.IgnoreCase), checkable);
            Assert.DoesNotContain("@import", text);
            Assert.DoesNotContain("@font-face", text);
            if (name.EndsWith(".html", StringComparison.Ordinal))
            {
                // The Content-Security-Policy forbids inline code and style attributes; keep the files compatible.
                Assert.DoesNotMatch(new Regex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase), text);
                Assert.DoesNotMatch(new Regex(@"\s(on[a-z]+|style)\s*=", RegexOptions.IgnoreCase), text);
            }
        }
    }

    [Fact]
    public void Scripts_put_text_into_the_page_as_text_never_as_HTML_or_code()
    {
        // Meter strings, log lines and server error messages reach the page only through textContent.
        var unsafeSinks = new Regex(
            @"\b(innerHTML|outerHTML|insertAdjacentHTML|createContextualFragment|srcdoc)\b|document\.write|\beval\s*\(|new\s+Function\b|set(Timeout|Interval)\(\s*['""`]|setAttribute\(\s*['""`]on",
            RegexOptions.IgnoreCase);
        string[] scripts = Directory.GetFiles(SourceWebUi(), "*.js");
        Assert.NotEmpty(scripts);
        foreach (string f in scripts)
        {
            Match m = unsafeSinks.Match(File.ReadAllText(f));
            Assert.False(m.Success, Path.GetFileName(f) + " uses " + m.Value);
        }
    }

    [Fact]
    public void The_host_serves_the_same_files_and_writes_the_precompressed_set_for_the_firmware()
    {
        string source = SourceWebUi();
        WebAssets served = WebAssets.Load(Path.Combine(AppContext.BaseDirectory, "webui"));
        string[] expected = Directory.GetFiles(source).Select(Path.GetFileName).Where(n => NesMep.Core.Web.WebHeaders.ContentTypeFor(n!) != null).Order().ToArray()!;
        Assert.Equal(expected, served.Names.Order().ToArray());

        // The files the device flashes: NAME and NAME.gz side by side (it picks .gz when the browser accepts gzip).
        string outDir = Path.Combine(AppContext.BaseDirectory, "webui-gz");
        Directory.CreateDirectory(outDir);
        foreach (string name in expected)
        {
            byte[] raw = File.ReadAllBytes(Path.Combine(source, name));
            NesMep.Core.Web.WebAsset asset = served.Find(name)!;
            Assert.Equal(raw, asset.Raw);
            File.WriteAllBytes(Path.Combine(outDir, name), raw);
            if (asset.Gzipped != null)
            {
                File.WriteAllBytes(Path.Combine(outDir, name + ".gz"), asset.Gzipped);
            }
        }

        output.WriteLine("precompressed UI for the firmware: " + outDir);
    }

    /// <summary>Local scripts, stylesheets and icons a page loads.</summary>
    private static IEnumerable<string> References(string html) =>
        Regex.Matches(html, @"(?:src|href)=""([a-z0-9-]+\.(?:js|css|svg))""").Select(m => m.Groups[1].Value).Distinct();

    /// <summary>webui/ of the repository (walks up from the test binaries).</summary>
    internal static string SourceWebUi()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d != null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "NesMep.Linux.slnf")))
            {
                return Path.Combine(d.FullName, "webui");
            }
        }

        throw new DirectoryNotFoundException("repository root not found above " + AppContext.BaseDirectory);
    }
}
