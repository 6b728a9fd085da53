using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace NesMep.Core.Tests.Guard;

/// <summary>
/// The core never indexes a string (s[i]): on nanoFramework the indexer re-walks the UTF-8 text on every call
/// (a loop over it is quadratic: hex parsing of a 220-byte reply ran 182× slower than other work) and returns the
/// high surrogate twice for a surrogate pair. Walk one ToCharArray() instead (docs/nanoframework-subset.md,
/// "Runtime costs"). A semantic check: the core is compiled in memory and every element access on a string found.
/// </summary>
public class StringIndexerGuardTests
{
    [Fact]
    public void Core_sources_never_index_a_string()
    {
        var repo = NanoSubsetScanner.FindRepoRoot();
        var core = Path.Combine(repo, "src", "NesMep.Core");
        var found = Find(NanoSubsetScanner.SourceFiles(core).Select(f => (Path.GetRelativePath(repo, f), File.ReadAllText(f))));
        Assert.True(found.Count == 0, "string indexer in the core (walk ToCharArray() instead):" + Environment.NewLine + string.Join(Environment.NewLine, found));
    }

    [Fact]
    public void The_check_finds_an_indexed_string_and_passes_a_char_array()
    {
        var found = Find(new[]
        {
            ("a.cs", "class A { int M(string s) { int n = 0; for (int i = 0; i < s.Length; i++) { n += s[i]; } return n; } }"),
            ("b.cs", "class B { int M(string s) { int n = 0; foreach (char c in s.ToCharArray()) { n += c; } char[] a = s.ToCharArray(); return n + a[0]; } }"),
        });
        Assert.Single(found);
        Assert.StartsWith("a.cs:1:", found[0], StringComparison.Ordinal);
    }

    private static List<string> Find(IEnumerable<(string Name, string Text)> sources)
    {
        var options = new CSharpParseOptions(LanguageVersion.Preview, preprocessorSymbols: new[] { "NANOFRAMEWORK_1_0" });
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, options, s.Name)).ToList();
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) == "netstandard.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("core", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var found = new List<string>();
        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var access in tree.GetRoot().DescendantNodes().OfType<ElementAccessExpressionSyntax>())
            {
                if (model.GetTypeInfo(access.Expression).Type?.SpecialType == SpecialType.System_String)
                {
                    int line = access.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    found.Add($"{tree.FilePath.Replace('\\', '/')}:{line}: {access}");
                }
            }
        }

        return found;
    }
}
