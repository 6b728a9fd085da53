using System.Diagnostics;
using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace NesMep.Core.Tests.Guard;

/// <summary>
/// Proves that src/NesMep.Core/BannedSymbols.txt is really wired into the build: a copy of the core
/// builds clean, and the same copy with one banned API use fails with RS0030 as an error.
/// Two real `dotnet build` runs, so it is marked Slow.
/// </summary>
public class BannedApiBuildTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromSeconds(240);

    private readonly ITestOutputHelper _output;

    public BannedApiBuildTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void CoreCopy_BuildsClean_AndFailsWithRS0030_WhenABannedApiIsUsed()
    {
        var repo = NanoSubsetScanner.FindRepoRoot();
        var work = Path.Combine(Path.GetTempPath(), "nesmep-guard-" + Guid.NewGuid().ToString("N"));
        try
        {
            var project = CopyCore(repo, work);

            var clean = Build(project);
            Assert.True(clean.ExitCode == 0, "unmodified core copy failed to build:" + Environment.NewLine + clean.Output);
            Assert.DoesNotContain("RS0030", clean.Output, StringComparison.Ordinal);

            File.WriteAllText(
                Path.Combine(Path.GetDirectoryName(project)!, "_BannedProbe.cs"),
                "namespace NesMep.Core\n{\n    internal static class BannedProbe\n    {\n"
                + "        internal static object Make()\n        {\n"
                + "            return new System.Collections.Generic.List<int>();\n"
                + "        }\n    }\n}\n");

            var banned = Build(project);
            Assert.True(banned.ExitCode != 0, "core copy with List<int> built successfully:" + Environment.NewLine + banned.Output);
            Assert.Contains("RS0030", banned.Output, StringComparison.Ordinal);
            Assert.Contains("_BannedProbe.cs", banned.Output, StringComparison.Ordinal);
        }
        finally
        {
            TryDelete(work);
        }
    }

    /// <summary>Copies the core's sources, csproj and ban list plus the repo-level build settings; returns the csproj path.</summary>
    private static string CopyCore(string repo, string work)
    {
        var source = Path.Combine(repo, "src", "NesMep.Core");
        var target = Path.Combine(work, "src", "NesMep.Core");
        Directory.CreateDirectory(target);

        foreach (var file in NanoSubsetScanner.SourceFiles(source))
        {
            var dest = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }

        File.Copy(Path.Combine(source, "NesMep.Core.csproj"), Path.Combine(target, "NesMep.Core.csproj"));
        File.Copy(Path.Combine(source, "BannedSymbols.txt"), Path.Combine(target, "BannedSymbols.txt"));
        foreach (var name in new[] { "Directory.Build.props", "nuget.config" })
        {
            var file = Path.Combine(repo, name);
            if (File.Exists(file))
            {
                File.Copy(file, Path.Combine(work, name));
            }
        }

        return Path.Combine(target, "NesMep.Core.csproj");
    }

    private (int ExitCode, string Output) Build(string project)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(dotnet) || !File.Exists(dotnet))
        {
            dotnet = "dotnet";
        }

        var psi = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = Path.GetDirectoryName(project)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "build", project, "--nologo", "-v", "q", "-nodeReuse:false", "-p:UseSharedCompilation=false" })
        {
            psi.ArgumentList.Add(arg);
        }

        // The test host may inherit MSBuild variables from `dotnet test`; they must not leak into a fresh build.
        foreach (var key in psi.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                psi.Environment.Remove(key);
            }
        }

        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";

        var output = new StringBuilder();
        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => { if (e.Data != null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        if (!process.WaitForExit((int)BuildTimeout.TotalMilliseconds))
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }

            Assert.Fail($"dotnet build did not finish within {BuildTimeout.TotalSeconds} s:{Environment.NewLine}{output}");
        }

        process.WaitForExit();
        string text;
        lock (output)
        {
            text = output.ToString();
        }

        _output.WriteLine($"dotnet build exit {process.ExitCode} after {watch.Elapsed.TotalSeconds:F1} s");
        _output.WriteLine(text);
        return (process.ExitCode, text);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
