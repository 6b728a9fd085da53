using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;
using Xunit.Abstractions;

namespace NesMep.Core.Tests.Guard;

/// <summary>
/// The firmware application (src/NesMep.Firmware) runs on nanoFramework 1.x like the core: its sources keep the same
/// language subset (the real-mscorlib compile is nano/NesMep.Firmware.Check, built by the test command), and the lists
/// that must agree by hand do: the UI files, the resources that embed them, the table the web adapter serves them
/// from, the stand-in for the generated resource class, and the package versions of packages.config and the nfproj.
/// </summary>
public class FirmwareGuardTests
{
    private readonly ITestOutputHelper _output;
    private readonly string _repo = NanoSubsetScanner.FindRepoRoot();

    public FirmwareGuardTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private string Firmware => Path.Combine(_repo, "src", "NesMep.Firmware");

    [Fact]
    public void FirmwareSources_HaveNoNanoSubsetViolations()
    {
        var files = NanoSubsetScanner.SourceFiles(Firmware);
        Assert.NotEmpty(files);
        _output.WriteLine($"scanned {files.Count} files under src/NesMep.Firmware");
        var violations = NanoSubsetScanner.ScanDirectory(Firmware, _repo);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void Every_UI_file_is_embedded_plain_and_gzipped_and_served()
    {
        var ui = Directory.GetFiles(Path.Combine(_repo, "webui"))
            .Select(Path.GetFileName).Where(n => n != "README.md" && !n!.StartsWith('.')).Select(n => n!).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(ui);
        var ids = ui.Select(n => n.Replace('.', '_')).ToList();
        var expectedResources = ids.SelectMany(id => new[] { id, id + "_gz" }).OrderBy(n => n, StringComparer.Ordinal).ToList();

        var resx = XDocument.Load(Path.Combine(Firmware, "Resources.resx")).Root!.Elements("data").ToList();
        Assert.Equal(expectedResources, resx.Select(d => (string)d.Attribute("name")!).OrderBy(n => n, StringComparer.Ordinal).ToList());
        foreach (var d in resx)
        {
            string name = (string)d.Attribute("name")!;
            string file = ((string)d.Element("value")!).Split(';')[0];
            string expected = name.EndsWith("_gz", StringComparison.Ordinal)
                ? "webui-gz\\" + ui[ids.IndexOf(name[..^3])] + ".gz"
                : "..\\..\\webui\\" + ui[ids.IndexOf(name)];
            Assert.Equal(expected, file);
        }

        string table = File.ReadAllText(Path.Combine(Firmware, "Web", "WebResourceTable.cs"));
        var served = Regex.Matches(table, "^\\s+\"([^\"]+)\",$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ui, served.OrderBy(n => n, StringComparer.Ordinal).ToList());
        for (int i = 0; i < served.Count; i++)
        {
            // Raw(i) and Gzip(i) list the resources in the order of Names().
            string id = served[i].Replace('.', '_');
            var raw = Regex.Matches(table, "BinaryResources\\.(\\w+?),").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(id, raw[i]);
            Assert.Equal(id + "_gz", raw[served.Count + i]);
        }

        string standIn = File.ReadAllText(Path.Combine(_repo, "nano", "NesMep.Firmware.Check", "GeneratedResources.cs"));
        var members = Regex.Matches(standIn, "^\\s+(\\w+) = \\d+,$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.Equal(expectedResources, members);
    }

    [Fact]
    public void The_nfproj_references_each_package_at_its_packages_config_version()
    {
        var packages = XDocument.Load(Path.Combine(Firmware, "packages.config")).Root!.Elements("package")
            .ToDictionary(p => (string)p.Attribute("id")!, p => (string)p.Attribute("version")!);
        Assert.Contains("nanoFramework.CoreLibrary", packages.Keys);
        string nfproj = File.ReadAllText(Path.Combine(Firmware, "NesMep.Firmware.nfproj"));
        var hints = Regex.Matches(nfproj, "\\$\\(NesMepPackagesDir\\)([A-Za-z0-9.]+?)\\.(\\d+\\.\\d+\\.\\d+)\\\\lib").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Equal(packages.OrderBy(p => p.Key), hints.OrderBy(p => p.Key));
        Assert.Equal(packages["nanoFramework.CoreLibrary"], XDocument.Load(Path.Combine(_repo, "nano", "Directory.Build.props")).Descendants("NanoCoreLibraryVersion").Single().Value);
    }

    /// <summary>
    /// The firmware check is not a formality: a scratch copy of the firmware gets a file that calls what upstream does not
    /// have (SerialPort.DiscardInBuffer, which nanoFramework's SerialPort lacks; string.Replace, absent from the 1.x
    /// mscorlib), and the same project the test command builds must fail, naming both. One real build, so Slow.
    /// </summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void A_member_the_device_lacks_fails_the_firmware_check_naming_it()
    {
        var work = Path.Combine(Path.GetTempPath(), "nesmep-fw-guard-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var dir in new[] { "src/NesMep.Core", "src/NesMep.Firmware", "nano/facades", "nano/NesMep.Core.Check", "nano/NesMep.Firmware.Check" })
            {
                DotnetBuild.CopyTree(Path.Combine(_repo, dir), Path.Combine(work, dir));
            }

            File.Copy(Path.Combine(_repo, "nano", "Directory.Build.props"), Path.Combine(work, "nano", "Directory.Build.props"));
            foreach (var name in new[] { "Directory.Build.props", "nuget.config" })
            {
                File.Copy(Path.Combine(_repo, name), Path.Combine(work, name));
            }

            File.WriteAllText(Path.Combine(work, "src", "NesMep.Firmware", "ProbeMissing.cs"),
                "namespace NesMep.Firmware\n{\n    internal static class ProbeMissing\n    {\n        internal static string Run(System.IO.Ports.SerialPort port)\n        {\n" +
                "            port.DiscardInBuffer();\n            return \"a\".Replace(\"a\", \"b\");\n        }\n    }\n}\n");

            var (exit, output) = DotnetBuild.Run(Path.Combine(work, "nano", "NesMep.Firmware.Check", "NesMep.Firmware.Check.csproj"));
            _output.WriteLine(output);
            Assert.NotEqual(0, exit);
            var errors = output.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal) && l.Contains("ProbeMissing.cs(", StringComparison.Ordinal)).ToList();
            Assert.Contains(errors, l => l.Contains("'DiscardInBuffer'", StringComparison.Ordinal));
            Assert.Contains(errors, l => l.Contains("'Replace'", StringComparison.Ordinal));
            Assert.DoesNotContain(output.Split('\n'), l => l.Contains(": error ", StringComparison.Ordinal) && !l.Contains("ProbeMissing.cs(", StringComparison.Ordinal));
        }
        finally
        {
            DotnetBuild.TryDelete(work);
        }
    }
}
