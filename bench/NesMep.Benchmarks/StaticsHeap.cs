using System.Reflection;
using System.Runtime.CompilerServices;
using NesMep.Core.Mqtt;
using NesMep.Core.Web;

namespace NesMep.Benchmarks;

/// <summary>
/// Issue 10's "heap kept by the core's static constructors at boot" (nanoCLR measured 15.5 KB; target 4 KB), as a
/// net10 proxy: every static constructor of the core assembly is run (nanoCLR runs all of them at boot), then the
/// object graphs held by reference-type static fields are summed with <see cref="RetainedHeap"/>'s walker (64-bit
/// .NET sizes, each object counted once, for the first type that reaches it). A second walk after the first use
/// (a Gen 3 meter polled until steady, the dispatcher serving each API route once, the MQTT discovery entities
/// looked up) adds what lazily built statics keep. Must run before anything else in the process uses the core,
/// or the first figure includes lazy statics too.
/// </summary>
public static class StaticsHeap
{
    private const int TopTypes = 8;

    public static Report Run()
    {
        var r = new Report();
        Assembly core = typeof(HttpDispatcher).Assembly;
        Type[] types = core.GetTypes();
        foreach (Type t in types)
        {
            if (!t.ContainsGenericParameters)
            {
                RuntimeHelpers.RunClassConstructor(t.TypeHandle);
            }
        }

        r.Line("statics: heap kept by the core's static fields, net10 proxy (64-bit .NET object sizes; the nanoCLR allocated about 2x; " +
               "nanoCLR measured 15.5 KB at boot, issue 10 target <= 4 KB)");
        long boot = Walk(types, r, "at boot");
        r.Figure("statics: kept after every static constructor ran (net10 proxy)", boot.ToString("N0"), "B (nanoCLR measured 15.5 KB; target 4 KB)");
        Budget.StaticsAtBoot = boot;
        FirstUse();
        long used = Walk(types, r, "after first use");
        Budget.StaticsAfterUse = used;
        r.Figure("statics: kept after first use (poll, API routes, MQTT entities)", used.ToString("N0"), "B (lazily built tables included)");
        return r;
    }

    /// <summary>What a module does in its first minute: poll a Gen 3 meter until steady, serve every API route once, look up the discovery entities.</summary>
    private static void FirstUse()
    {
        var h = new PollHarness();
        h.WarmUp(60_000, 60);
        var context = new NesMep.Core.Api.ModuleContext(new NesMep.Core.Api.ModuleInfo(), h.Clock, h.Poller);
        HttpDispatcher dispatcher = HttpBodies.NewDispatcher(h);
        foreach (Route route in RouteTable.All)
        {
            if (route.Api)
            {
                dispatcher.Serve(new WebRequest { Path = route.Path }, context, new object(), new HttpBodies.CountingSink());
            }
        }

        for (int i = 0; i < HaDiscovery.Count; i++)
        {
            GC.KeepAlive(HaDiscovery.Entity(i));
        }
    }

    /// <summary>Sums the static graphs and prints the types that keep the most, with their largest fields.</summary>
    private static long Walk(Type[] types, Report r, string when)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var perType = new List<(string Type, long Bytes, string Fields)>();
        long total = 0;
        foreach (Type t in types)
        {
            if (t.ContainsGenericParameters)
            {
                continue;
            }

            long typeBytes = 0;
            var fields = new List<(string Name, long Bytes)>();
            foreach (FieldInfo f in t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (f.IsLiteral || f.FieldType.IsValueType || f.GetCustomAttribute<ThreadStaticAttribute>() != null)
                {
                    continue;
                }

                object? value = f.GetValue(null);
                if (value == null || value is Delegate || value is Type || seen.Contains(value))
                {
                    continue;
                }

                seen.Add(value);
                long bytes = RetainedHeap.Size(value, seen);
                typeBytes += bytes;
                fields.Add((f.Name, bytes));
            }

            if (typeBytes > 0)
            {
                fields.Sort((a, b) => b.Bytes.CompareTo(a.Bytes));
                perType.Add((t.FullName!.Replace("NesMep.Core.", ""), typeBytes,
                    $"{fields.Count} field(s); largest " + string.Join(", ", fields.Take(3).Select(x => $"{x.Name} {x.Bytes:N0}"))));
                total += typeBytes;
            }
        }

        perType.Sort((a, b) => b.Bytes.CompareTo(a.Bytes));
        r.Line($"statics {when}: {perType.Count} types keep {total:N0} B; the largest:");
        foreach ((string type, long bytes, string fields) in perType.Take(TopTypes))
        {
            r.Line($"  {type,-44} {bytes,8:N0} B  ({fields})");
        }

        return total;
    }
}
