using Xunit;
using Xunit.Abstractions;

namespace NesMep.Core.Tests.Guard;

/// <summary>
/// Proves that the test command stops code the nanoFramework 1.x device cannot run, naming what is wrong:
/// a scratch copy of the core gets one probe file per construct, then the real-mscorlib compile
/// (nano/NesMep.Core.Check, the same project the test command builds) and the syntax scanner run on the copy.
/// Two real builds — method-body probes and declaration probes apart, because the compiler reports no
/// method-body errors once a declaration fails — so it is marked Slow.
/// </summary>
public class NanoCompileGuardTests
{
    private readonly ITestOutputHelper _output;

    public NanoCompileGuardTests(ITestOutputHelper output)
    {
        _output = output;
    }

    /// <summary>Probe file, body of a static method in it, and what the compiler's message must name.</summary>
    private static readonly (string File, string Body, string Named)[] BodyProbes =
    {
        ("ProbeList", "object o = new System.Collections.Generic.List<int>();", "'Generic' does not exist in the namespace 'System.Collections'"),
        ("ProbeNullable", "int? n = null; object o = n;", "System.Nullable`1"),
        ("ProbeReplace", "string s = \"a\".Replace(\"a\", \"b\");", "'Replace'"),
        ("ProbeTask", "System.Threading.Tasks.Task.Delay(1);", "'Tasks' does not exist in the namespace 'System.Threading'"),
        ("ProbeAppendFormat", "new System.Text.StringBuilder().AppendFormat(\"{0}\", 1);", "'AppendFormat'"),
        ("ProbeGetString", "string s = System.Text.Encoding.UTF8.GetString(new byte[1]);", "Encoding.GetString(byte[], int, int)"),
        ("ProbeTuple", "var t = (1, 2); object o = t;", "System.ValueTuple`2"),
        ("ProbeDecimal", "decimal d = 1.5m; object o = d;", "System.Decimal"),
        ("ProbeIndex", "int[] a = new int[2]; int x = a[^1];", "System.Index"),
        ("ProbeLinq", "int n = System.Linq.Enumerable.Count(new int[1]);", "'Linq' does not exist in the namespace 'System'"),
        ("ProbeIterator", "foreach (object x in Items()) { } System.Collections.IEnumerable Items() { yield return 1; }", "IEnumerator`1"),
    };

    private static readonly (string File, string Source, string Named)[] DeclarationProbes =
    {
        ("ProbeRecord", "internal record ProbeRecord(int A);", "System.IEquatable`1"),
        ("ProbeRequired", "internal sealed class ProbeRequired { public required int X { get; set; } }", "RequiredMemberAttribute"),
        ("ProbeStaticAbstract", "internal interface IProbeStaticAbstract { static abstract int Make(); }", "static abstract members in interfaces"),
        ("ProbeUsing", "internal sealed class ProbeUsing { System.Collections.Generic.List<int> _list; }", "'Generic' does not exist"),
    };

    /// <summary>Generic declarations: the compiler accepts them against the 1.x mscorlib, the 1.x runtime crashes on
    /// them (nanoframework.md §4), so only the scanner can stop these.</summary>
    private static readonly (string File, string Source, string Rule, string Named)[] ScannerProbes =
    {
        ("ProbeGenericMethod", "internal static class ProbeGenericMethod { internal static T Id<T>(T x) { return x; } }", NanoSubsetScanner.GenericDeclaration, "Id<T>"),
        ("ProbeGenericClass", "internal sealed class ProbeBox<T> { }", NanoSubsetScanner.GenericDeclaration, "ProbeBox<T>"),
    };

    /// <summary>volatile: the scanner names it, and reading the field fails the compile (no IsVolatile in nano mscorlib).</summary>
    private const string VolatileProbe = "internal sealed class ProbeVolatile { private volatile bool _stop; internal bool Stopped => _stop; }";

    [Fact]
    [Trait("Category", "Slow")]
    public void Constructs_the_device_cannot_run_fail_the_nano_compile_naming_them()
    {
        var work = Path.Combine(Path.GetTempPath(), "nesmep-nano-guard-" + Guid.NewGuid().ToString("N"));
        try
        {
            string check = CopyNanoCheck(work);
            string probes = Path.Combine(work, "src", "NesMep.Core", "_Probe");
            Directory.CreateDirectory(probes);
            foreach (var (file, body, _) in BodyProbes)
            {
                WriteProbe(probes, file, $"internal static class {file}\n    {{\n        internal static void Run()\n        {{\n            {body}\n        }}\n    }}");
            }

            foreach (var (file, source, _, _) in ScannerProbes)
            {
                WriteProbe(probes, file, source);
            }

            WriteProbe(probes, "ProbeVolatile", VolatileProbe);

            var (exit, output) = DotnetBuild.Run(check);
            _output.WriteLine(output);
            Assert.NotEqual(0, exit);
            foreach (var (file, _, named) in BodyProbes)
            {
                AssertErrorNaming(output, file, named);
            }

            // The compiler accepts these; the scanner names them with file and line.
            var violations = NanoSubsetScanner.ScanDirectory(probes, work);
            foreach (var (file, _, rule, named) in ScannerProbes)
            {
                Assert.DoesNotContain(ErrorLines(output), l => l.Contains(file + ".cs(", StringComparison.Ordinal));
                Assert.Contains(violations, v => v.File.EndsWith(file + ".cs", StringComparison.Ordinal) && v.Rule == rule && v.Text.Contains(named, StringComparison.Ordinal));
            }

            AssertErrorNaming(output, "ProbeVolatile", "IsVolatile");
            Assert.Contains(violations, v => v.File.EndsWith("ProbeVolatile.cs", StringComparison.Ordinal) && v.Rule == NanoSubsetScanner.Volatile);
            Assert.Contains(violations, v => v.File.EndsWith("ProbeList.cs", StringComparison.Ordinal) && v.Rule == NanoSubsetScanner.GenericUsage && v.Text.Contains("List<int>", StringComparison.Ordinal));
            Assert.Contains(violations, v => v.File.EndsWith("ProbeNullable.cs", StringComparison.Ordinal) && v.Rule == NanoSubsetScanner.NullableType);

            Directory.Delete(probes, recursive: true);
            Directory.CreateDirectory(probes);
            foreach (var (file, source, _) in DeclarationProbes)
            {
                WriteProbe(probes, file, source);
            }

            (exit, output) = DotnetBuild.Run(check);
            _output.WriteLine(output);
            Assert.NotEqual(0, exit);
            foreach (var (file, _, named) in DeclarationProbes)
            {
                AssertErrorNaming(output, file, named);
            }
        }
        finally
        {
            DotnetBuild.TryDelete(work);
        }
    }

    private static void WriteProbe(string folder, string file, string members)
    {
        File.WriteAllText(Path.Combine(folder, file + ".cs"), "namespace NesMep.Core\n{\n    " + members + "\n}\n");
    }

    private static IEnumerable<string> ErrorLines(string output) =>
        output.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal));

    private static void AssertErrorNaming(string output, string file, string named)
    {
        var lines = ErrorLines(output).Where(l => l.Contains("_Probe/" + file + ".cs(", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count > 0, $"{file}.cs compiled against the real mscorlib without an error");
        Assert.True(lines.Any(l => l.Contains(named, StringComparison.Ordinal)), $"no error for {file}.cs names {named}:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}");
    }

    /// <summary>Copies what nano/NesMep.Core.Check needs (core sources, nano build files, facades, repo settings); returns the project path.</summary>
    private static string CopyNanoCheck(string work)
    {
        var repo = NanoSubsetScanner.FindRepoRoot();
        DotnetBuild.CopyTree(Path.Combine(repo, "src", "NesMep.Core"), Path.Combine(work, "src", "NesMep.Core"));
        DotnetBuild.CopyTree(Path.Combine(repo, "nano", "facades"), Path.Combine(work, "nano", "facades"));
        DotnetBuild.CopyTree(Path.Combine(repo, "nano", "NesMep.Core.Check"), Path.Combine(work, "nano", "NesMep.Core.Check"));
        File.Copy(Path.Combine(repo, "nano", "Directory.Build.props"), Path.Combine(work, "nano", "Directory.Build.props"));
        foreach (var name in new[] { "Directory.Build.props", "nuget.config" })
        {
            File.Copy(Path.Combine(repo, name), Path.Combine(work, name));
        }

        return Path.Combine(work, "nano", "NesMep.Core.Check", "NesMep.Core.Check.csproj");
    }
}
