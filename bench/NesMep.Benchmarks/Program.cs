using System.Diagnostics;
using System.Reflection;
using BenchmarkDotNet.Running;

namespace NesMep.Benchmarks;

/// <summary>
/// dotnet run -c Release --project bench/NesMep.Benchmarks -- --quick              (default; CI)
/// dotnet run -c Release --project bench/NesMep.Benchmarks -- --bdn [BDN args]     (full BenchmarkDotNet run)
/// --attribute with --quick prints the per-request allocation breakdown even when the cycle allocates nothing.
/// </summary>
public static class Program
{
    public static bool ForceAttribution { get; private set; }

    public static int Main(string[] args)
    {
        try
        {
            if (args.Length > 0 && args[0] == "--bdn")
            {
                string[] rest = args.Skip(1).ToArray();
                if (!rest.Any(a => a == "--artifacts"))
                {
                    // Keep BDN's output under bin/ instead of the caller's working directory.
                    rest = rest.Concat(new[] { "--artifacts", Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts") }).ToArray();
                }

                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest);
                return 0;
            }

            foreach (string a in args)
            {
                if (a == "--attribute")
                {
                    ForceAttribution = true;
                }
                else if (a != "--quick")
                {
                    Console.Error.WriteLine($"unknown argument '{a}'; use --quick [--attribute] or --bdn [BenchmarkDotNet args]");
                    return 1;
                }
            }

            return QuickBench.Run();
        }
        catch (Exception e)
        {
            Console.Error.WriteLine("benchmark failed: " + e);
            return 1;
        }
    }

    /// <summary>False when the core or this assembly was built without optimisation (figures then mean little).</summary>
    public static bool IsOptimized()
    {
        return Optimized(typeof(Program).Assembly) && Optimized(typeof(NesMep.Core.Protocol.MepDigest).Assembly);
    }

    private static bool Optimized(Assembly a)
    {
        var d = a.GetCustomAttribute<DebuggableAttribute>();
        return d == null || !d.IsJITOptimizerDisabled;
    }
}
