using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NesMep.Core.Tests.Guard;

/// <summary>One language construct in the portable core that nanoFramework 1.x cannot run.</summary>
public sealed class NanoViolation
{
    public NanoViolation(string file, int line, string rule, string text)
    {
        File = file;
        Line = line;
        Rule = rule;
        Text = text;
    }

    public string File { get; }

    public int Line { get; }

    public string Rule { get; }

    public string Text { get; }

    public override string ToString() => $"{File}:{Line}: [{Rule}] {Text}";
}

/// <summary>
/// Syntax-level guard for the nanoFramework 1.x subset (docs/nanoframework-subset.md). Every missing type
/// or member is caught by compiling the core against the real nanoFramework mscorlib (nano/NesMep.Core.Check);
/// this scanner keeps only what that compiler accepts or reports obscurely but the 1.x runtime rejects: generic
/// declarations (accepted by the compiler, crash the 1.x runtime), generic types beyond the few mscorlib has,
/// nullable value types, async/await, iterators and volatile. Sources are parsed with NANOFRAMEWORK_1_0
/// defined, i.e. the way the .nfproj build sees them.
/// </summary>
public static class NanoSubsetScanner
{
    public const string GenericDeclaration = "generic-declaration";
    public const string GenericUsage = "generic-usage";
    public const string NullableType = "nullable-type";
    public const string Async = "async-await";
    public const string Yield = "yield";
    public const string Volatile = "volatile";

    /// <summary>
    /// Generic types nano 1.x mscorlib itself declares (nanoframework.md §3 "Generics"), with the
    /// type-argument counts it has. Using (not declaring) these is allowed.
    /// </summary>
    private static readonly Dictionary<string, int[]> AllowedGenericUsages = new()
    {
        ["Action"] = new[] { 1, 2 },
        ["Func"] = new[] { 1, 2, 3 },
        ["EventHandler"] = new[] { 1 },
    };

    private static readonly CSharpParseOptions ParseOptions = new(
        LanguageVersion.Preview,
        DocumentationMode.Parse,
        SourceCodeKind.Regular,
        new[] { "NANOFRAMEWORK_1_0" });

    /// <summary>Walks up from the test binaries until the folder holding NesMep.Firmware.sln.</summary>
    public static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "NesMep.Firmware.sln")))
            {
                return dir.FullName;
            }

            dir = dir.Parent;
        }

        throw new InvalidOperationException(
            "NesMep.Firmware.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>All .cs files below <paramref name="directory"/>, skipping bin/ and obj/ folders.</summary>
    public static IReadOnlyList<string> SourceFiles(string directory)
    {
        return Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(directory, f)))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Scans every source file below <paramref name="directory"/>; paths are reported relative to <paramref name="reportRoot"/>.</summary>
    public static IReadOnlyList<NanoViolation> ScanDirectory(string directory, string reportRoot)
    {
        var result = new List<NanoViolation>();
        foreach (var file in SourceFiles(directory))
        {
            var name = Path.GetRelativePath(reportRoot, file).Replace('\\', '/');
            result.AddRange(ScanSource(System.IO.File.ReadAllText(file), name));
        }

        return result;
    }

    /// <summary>Scans one source text (a whole file or a snippet).</summary>
    public static IReadOnlyList<NanoViolation> ScanSource(string source, string fileName = "snippet.cs")
    {
        var tree = CSharpSyntaxTree.ParseText(source, ParseOptions, fileName);
        var root = tree.GetRoot();
        var found = new List<NanoViolation>();

        void Add(SyntaxNodeOrToken at, string rule)
        {
            var line = at.GetLocation()!.GetLineSpan().StartLinePosition.Line + 1;
            var text = at.ToString().Trim();
            var newline = text.IndexOf('\n');
            if (newline >= 0)
            {
                text = text.Substring(0, newline).TrimEnd() + " …";
            }

            if (text.Length > 100)
            {
                text = text.Substring(0, 100) + "…";
            }

            found.Add(new NanoViolation(fileName, line, rule, text));
        }

        foreach (var node in root.DescendantNodes())
        {
            switch (node)
            {
                case TypeParameterListSyntax:
                    // class Box<T>, struct, interface, delegate D<T>, T Id<T>(), local functions.
                    Add(node.Parent!, GenericDeclaration);
                    break;
                case GenericNameSyntax generic when !IsAllowedGenericUsage(generic):
                    Add(generic, GenericUsage);
                    break;
                case NullableTypeSyntax nullable when IsValueTypeKeyword(nullable.ElementType):
                    Add(node, NullableType);
                    break;
                case AwaitExpressionSyntax:
                    Add(node, Async);
                    break;
                case YieldStatementSyntax:
                    Add(node, Yield);
                    break;
            }
        }

        foreach (var token in root.DescendantTokens())
        {
            switch (token.Kind())
            {
                // Only the modifier / foreach / using forms are real keywords; "async" and "await"
                // used as identifiers stay IdentifierToken.
                case SyntaxKind.AsyncKeyword:
                    Add(token.Parent ?? root, Async);
                    break;
                case SyntaxKind.AwaitKeyword when token.Parent is not AwaitExpressionSyntax:
                    Add(token.Parent ?? root, Async);
                    break;
                case SyntaxKind.VolatileKeyword:
                    Add(token.Parent ?? root, Volatile);
                    break;
            }
        }

        return found
            .OrderBy(v => v.Line)
            .ThenBy(v => v.Rule, StringComparer.Ordinal)
            .ToList();
    }

    private static bool IsBuildOutput(string relativePath)
    {
        var parts = relativePath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return parts.Any(p => p is "bin" or "obj");
    }

    private static bool IsAllowedGenericUsage(GenericNameSyntax generic)
    {
        return AllowedGenericUsages.TryGetValue(generic.Identifier.ValueText, out var counts)
            && counts.Contains(generic.TypeArgumentList.Arguments.Count)
            && !IsQualifiedOutsideSystem(generic);
    }

    /// <summary>Action/Func/EventHandler are only the mscorlib ones when unqualified or System.-qualified.</summary>
    private static bool IsQualifiedOutsideSystem(GenericNameSyntax generic)
    {
        if (generic.Parent is QualifiedNameSyntax q && q.Right == generic)
        {
            return NormalizeName(q.Left.ToString()) != "System";
        }

        if (generic.Parent is MemberAccessExpressionSyntax m && m.Name == generic)
        {
            return NormalizeName(m.Expression.ToString()) != "System";
        }

        return false;
    }

    /// <summary>int?, bool?, ... : the nullable value types that need Nullable&lt;T&gt;. A nullable reference
    /// annotation (string?, object?) needs nothing at run time and is allowed; a nullable user struct is
    /// left to the real-mscorlib compile, which has no Nullable&lt;T&gt; (CS0518).</summary>
    private static bool IsValueTypeKeyword(TypeSyntax type)
    {
        return type is PredefinedTypeSyntax predefined
            && !predefined.Keyword.IsKind(SyntaxKind.StringKeyword)
            && !predefined.Keyword.IsKind(SyntaxKind.ObjectKeyword);
    }

    private static string NormalizeName(string name)
    {
        var compact = new string(name.Where(c => !char.IsWhiteSpace(c)).ToArray());
        return compact.StartsWith("global::", StringComparison.Ordinal) ? compact.Substring(8) : compact;
    }

}
