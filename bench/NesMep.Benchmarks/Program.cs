using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Running;

namespace NesMep.Benchmarks;

/// <summary>
/// Usage (prints figures; asserts nothing about time; exit code 0 unless the benchmark itself crashes):
///   dotnet run -c Release --project bench/NesMep.Benchmarks -- --quick        (default; CI) core allocation per poll
///       cycle, digest and frame timings, then the 24 h soak and the Dabbler comparison (run side by side on two threads),
///       then /getDashDataWS latency during a short login flood against the real HTTP front end (127.0.0.1 only)
///   ... -- --soak [HOURS]      only the soak: HOURS (default 24) simulated hours, realistic faults, invariant PASS/FAIL lines
///   ... -- --soak-optical [HOURS]  the soak over the optical port (C12.18), after a fault-free MEP/optical side-by-side
///   ... -- --compare           only the comparison with a Dabbler-configured client (bytes, read rate, freshness, recovery)
///   ... -- --nano-size [DLL]   only the size of the core as compiled against the real nanoFramework mscorlib
///   ... -- --login-flood       only the login flood against the real HTTP front end
///   ... -- --http-bodies       only the per-body figures of the HTTP routes (size, peak chunk buffer, allocation)
///   ... -- --statics           only the heap kept by the core's static fields at boot and after first use
///   ... -- --budget            only the memory sections (statics, size, polling graph, HTTP/MQTT/table bodies) and issue 10's budget block
///   ... -- --bdn [BDN args]    full BenchmarkDotNet run of the micro-benchmarks
///   --attribute (with --quick) prints the per-request allocation breakdown even when the cycle allocates nothing.
/// </summary>
public static class Program
{
    public const string Usage =
        "usage: NesMep.Benchmarks [--quick] [--attribute]   core timings + 24 h soak + Dabbler comparison + login flood (default)\n" +
        "       NesMep.Benchmarks --soak [HOURS]            soak only (default 24 simulated hours, realistic faults)\n" +
        "       NesMep.Benchmarks --soak-optical [HOURS]    the same soak over the optical port (C12.18), after a MEP/optical side-by-side\n" +
        "       NesMep.Benchmarks --compare                 our client vs a Dabbler-configured client only\n" +
        "       NesMep.Benchmarks --nano-size [DLL]         IL size per core folder of the nanoFramework compile (nano/NesMep.Core.Check)\n" +
        "       NesMep.Benchmarks --login-flood             /getDashDataWS latency during a short login flood only\n" +
        "       NesMep.Benchmarks --http-bodies             per-body figures of the HTTP routes only\n" +
        "       NesMep.Benchmarks --statics                 heap kept by the core's static fields only\n" +
        "       NesMep.Benchmarks --budget                  memory sections and issue 10's budget block only\n" +
        "       NesMep.Benchmarks --bdn [BenchmarkDotNet args]  full BenchmarkDotNet run of the digest/frame/poll micro-benchmarks";

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

            if (args.Length > 0 && args[0] == "--nano-size")
            {
                return NanoSize.Run(args.Length > 1 ? args[1] : null);
            }

            if (args.Length > 0 && args[0] == "--http-bodies")
            {
                Console.Write(HttpBodies.Run());
                return 0;
            }

            if (args.Length == 1 && args[0] == "--budget")
            {
                Console.Write(StaticsHeap.Run());
                NanoSize.Run();
                Budget.PollingGraph = RetainedHeap.PollingGraphBytes().Graph;
                QuickBench.Bodies();
                return 0;
            }

            if (args.Length == 1 && args[0] == "--statics")
            {
                Console.Write(StaticsHeap.Run());
                return 0;
            }

            if (args.Length > 0 && (args[0] == "--help" || args[0] == "-h"))
            {
                Console.WriteLine(Usage);
                return 0;
            }

            if (args.Length > 0 && args[0] == "--soak")
            {
                double hours = 24;
                if (args.Length > 2 || (args.Length == 2 && (!double.TryParse(args[1], NumberStyles.Float, CultureInfo.InvariantCulture, out hours) || hours <= 0)))
                {
                    Console.Error.WriteLine(Usage);
                    return 1;
                }

                return Single(() => Soak.Run(hours, QuickBench.SoakStepMs));
            }

            if (args.Length > 0 && args[0] == "--soak-optical")
            {
                double hours = 24;
                if (args.Length > 2 || (args.Length == 2 && (!double.TryParse(args[1], NumberStyles.Float, CultureInfo.InvariantCulture, out hours) || hours <= 0)))
                {
                    Console.Error.WriteLine(Usage);
                    return 1;
                }

                return Single(() => OpticalSoak.Run(hours, QuickBench.SoakStepMs));
            }

            if (args.Length > 0 && args[0] == "--compare")
            {
                if (args.Length > 1)
                {
                    Console.Error.WriteLine(Usage);
                    return 1;
                }

                return Single(() => Compare.Run(QuickBench.CompareSteadyS, QuickBench.CompareDrops, QuickBench.CompareLockUps, QuickBench.CompareProfileMinutes));
            }

            if (args.Length == 1 && args[0] == "--login-flood")
            {
                return Single(LoginFlood.Run);
            }

            foreach (string a in args)
            {
                if (a == "--attribute")
                {
                    ForceAttribution = true;
                }
                else if (a != "--quick")
                {
                    Console.Error.WriteLine($"unknown argument '{a}'");
                    Console.Error.WriteLine(Usage);
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

    private static int Single(Func<Report> section)
    {
        var wall = Stopwatch.StartNew();
        Report r = section();
        Console.Write(r);
        Console.WriteLine($"benchmark: {r.Figures} figures printed ({r.Failures} invariant FAIL) in {wall.Elapsed.TotalSeconds:N1} s wall");
        return 0;
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
