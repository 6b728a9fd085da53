using Xunit;
using Xunit.Abstractions;

namespace NesMep.Core.Tests.Guard;

/// <summary>
/// Keeps src/NesMep.Core inside the nanoFramework 1.x language subset (docs/nanoframework-subset.md).
/// Missing types and members fail the real-mscorlib compile (nano/NesMep.Core.Check, NanoCompileGuardTests); this covers syntax.
/// </summary>
public class NanoSubsetGuardTests
{
    private readonly ITestOutputHelper _output;

    public NanoSubsetGuardTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void CoreSources_HaveNoNanoSubsetViolations()
    {
        var repo = NanoSubsetScanner.FindRepoRoot();
        var core = Path.Combine(repo, "src", "NesMep.Core");
        var files = NanoSubsetScanner.SourceFiles(core);
        Assert.NotEmpty(files);
        _output.WriteLine($"scanned {files.Count} files under src/NesMep.Core");

        var violations = NanoSubsetScanner.ScanDirectory(core, repo);

        Assert.True(
            violations.Count == 0,
            $"{violations.Count} nanoFramework subset violation(s) in src/NesMep.Core "
            + "(see docs/nanoframework-subset.md):" + Environment.NewLine
            + string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void CoreSourceFiles_ExcludeBuildOutput()
    {
        var core = Path.Combine(NanoSubsetScanner.FindRepoRoot(), "src", "NesMep.Core");
        foreach (var file in NanoSubsetScanner.SourceFiles(core))
        {
            var rel = Path.GetRelativePath(core, file).Replace('\\', '/');
            Assert.False(rel.StartsWith("obj/", StringComparison.Ordinal) || rel.StartsWith("bin/", StringComparison.Ordinal), rel);
        }
    }

    [Theory]
    // generic declarations of every kind
    [InlineData(NanoSubsetScanner.GenericDeclaration, "class Box<T> { }")]
    [InlineData(NanoSubsetScanner.GenericDeclaration, "struct Pair<TA, TB> { }")]
    [InlineData(NanoSubsetScanner.GenericDeclaration, "interface ISource<T> { }")]
    [InlineData(NanoSubsetScanner.GenericDeclaration, "delegate T Maker<T>();")]
    [InlineData(NanoSubsetScanner.GenericDeclaration, "class C { T Id<T>(T x) => x; }")]
    [InlineData(NanoSubsetScanner.GenericDeclaration, "class C { void M() { T Local<T>(T x) => x; } }")]
    // generic types nano 1.x mscorlib does not have
    [InlineData(NanoSubsetScanner.GenericUsage, "class C { object o = new System.Collections.Generic.List<int>(); }")]
    [InlineData(NanoSubsetScanner.GenericUsage, "class C { System.Span<byte> s; }")]
    [InlineData(NanoSubsetScanner.GenericUsage, "class C { System.Nullable<int> n; }")]
    [InlineData(NanoSubsetScanner.GenericUsage, "class C : System.IEquatable<C> { }")]
    [InlineData(NanoSubsetScanner.GenericUsage, "class C { object e = System.Array.Empty<int>(); }")]
    [InlineData(NanoSubsetScanner.GenericUsage, "class C { System.Func<int, int, int, int> f; }")]
    [InlineData(NanoSubsetScanner.GenericUsage, "class C { My.Action<int> a; }")]
    // nullable value types (a nullable reference annotation is allowed: see Scanner_AcceptsLegalCode)
    [InlineData(NanoSubsetScanner.NullableType, "class C { int? x; }")]
    [InlineData(NanoSubsetScanner.NullableType, "class C { void M(object o) { var b = o is int?; } }")]
    [InlineData(NanoSubsetScanner.NullableType, "class C { long? M() => null; }")]
    // async / await
    [InlineData(NanoSubsetScanner.Async, "class C { async void M() { } }")]
    [InlineData(NanoSubsetScanner.Async, "class C { void M(object t) { System.Action a = async () => { }; } }")]
    [InlineData(NanoSubsetScanner.Async, "object t = null; await t;")]
    [InlineData(NanoSubsetScanner.Async, "class C { void M(object xs) { await foreach (var x in xs) { } } }")]
    // iterators, volatile (the real-mscorlib compile accepts volatile)
    [InlineData(NanoSubsetScanner.Yield, "class C { System.Collections.IEnumerable M() { yield return 1; } }")]
    [InlineData(NanoSubsetScanner.Yield, "class C { System.Collections.IEnumerable M() { yield break; } }")]
    [InlineData(NanoSubsetScanner.Volatile, "class C { private volatile bool _stop; }")]
    [InlineData(NanoSubsetScanner.GenericUsage, "using L = System.Collections.Generic.List<int>;")]
    public void Scanner_FlagsForbiddenConstruct(string rule, string snippet)
    {
        var violations = NanoSubsetScanner.ScanSource(snippet);
        foreach (var v in violations)
        {
            _output.WriteLine(v.ToString());
        }

        Assert.Contains(violations, v => v.Rule == rule);
    }

    [Theory]
    [InlineData("class C { int[] a = new int[4]; byte[] b = { 1, 2 }; int[] c = [1, 2, 3]; }")]
    [InlineData("using System.Collections; class C { ArrayList l = new ArrayList(); void M() { l.Add(1); foreach (object o in l) { } } }")]
    [InlineData("using System; using System.Text; using System.Threading; class C { }")]
    [InlineData("interface ILog { void Write(string s); } class L : ILog { public void Write(string s) { } }")]
    [InlineData("interface IShape { int Sides { get; } int Twice() => Sides * 2; }")]
    [InlineData("delegate void FrameHandler(byte[] frame, int length); class C { event FrameHandler Received; }")]
    [InlineData("using System; class C { Action a = () => { }; Action<int> b = x => { }; Action<int, string> c = (x, y) => { }; }")]
    [InlineData("using System; class C { Func<int> f = () => 1; Func<int, int> g = x => x; Func<int, int, int> h = (x, y) => x + y; }")]
    [InlineData("using System; class C { System.Func<int, bool> f; event EventHandler<EventArgs> Changed; }")]
    [InlineData("class C { string M(int k) => k switch { 0 => \"zero\", > 0 and < 10 => \"small\", _ => \"big\" }; }")]
    [InlineData("class C { int M(object o) { if (o is string { Length: > 2 } s) { return s.Length; } return o is null ? -1 : 0; } }")]
    [InlineData("class C { readonly object _lock = new object(); int _n; void M() { lock (_lock) { _n++; } System.Threading.Interlocked.Increment(ref _n); } }")]
    [InlineData("class C { string M(double d, int i) => $\"{d:F1} {i:X4} {nameof(M)}\"; }")]
    [InlineData("class C { bool M(string s, out int v) { v = 0; return int.TryParse(s, out v) && s != null && s?.Length > 0 && (s ?? \"\") != \"\"; } }")]
    [InlineData("class C { int M(bool b, int x, int y) => b ? x : y; }")]
    [InlineData("readonly struct P { public P(int x) { X = x; } public int X { get; } } ref struct R { }")]
    [InlineData("class Service(string name) { public string Name { get; init; } = name; }")]
    [InlineData("namespace N; class C { void M() { var x = new C(); static int Sq(int v) => v * v; } }")]
    [InlineData("class C { int async = 1; int await = 2; int M() => async + await; }")]
    [InlineData("/// <summary>Unlike <see cref=\"System.Collections.Generic.List{T}\"/>, uses arrays.</summary>\nclass C { }")]
    [InlineData("#nullable enable\nclass C { string? _name; object? M(string? s) => s; }")]
    [InlineData("#if !NANOFRAMEWORK_1_0\nclass NetOnly { System.Collections.Generic.List<int> l; }\n#endif\nclass C { }")]
    public void Scanner_AcceptsLegalCode(string snippet)
    {
        var violations = NanoSubsetScanner.ScanSource(snippet);

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void Scanner_ReportsFileLineAndRule()
    {
        const string source = "namespace N\n{\n    class Ok { }\n\n    class Box<T> { int? _x; }\n}\n";

        var violations = NanoSubsetScanner.ScanSource(source, "src/NesMep.Core/Box.cs");

        Assert.Equal(2, violations.Count);
        Assert.All(violations, v => Assert.Equal(5, v.Line));
        Assert.Contains(violations, v => v.Rule == NanoSubsetScanner.GenericDeclaration);
        Assert.Contains(violations, v => v.Rule == NanoSubsetScanner.NullableType);
        Assert.StartsWith("src/NesMep.Core/Box.cs:5: [", violations[0].ToString(), StringComparison.Ordinal);
    }
}
