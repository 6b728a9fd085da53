using System.Reflection;
using System.Runtime.CompilerServices;
using NesMep.Core.Platform;

namespace NesMep.Benchmarks;

/// <summary>
/// Heap kept by the polling objects (link, poller with its table state, reading) on a Gen 3 meter once polling is
/// steady, counted by walking the object graph from the poller (every object reachable through fields, once; the
/// meter, clock and log it was given are left out) with 64-bit .NET sizes: 16 B per object header plus its fields,
/// arrays 24 B plus their elements. Deterministic, unlike GC.GetTotalMemory. A net10 proxy for the device (issue 10):
/// the nanoCLR measured 32 KB for the same graph with its own, smaller object layout; compare the figure over time.
/// </summary>
public static class RetainedHeap
{
    /// <summary>Bytes of the whole polling graph and of its table state (MeterTableState) alone.</summary>
    public static (long Graph, long TableState) PollingGraphBytes()
    {
        var h = new PollHarness();
        h.WarmUp(60_000, 200);
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance) { h.Meter, h.Clock, NullLog.Instance };
        long graph = Size(h.Poller, seen);
        long tableState = Size(h.Poller.Tables, new HashSet<object>(ReferenceEqualityComparer.Instance));
        return (graph, tableState);
    }

    /// <summary>Bytes of every object reachable from <paramref name="root"/> not yet in <paramref name="seen"/> (which it fills).</summary>
    internal static long Size(object root, HashSet<object> seen)
    {
        long total = 0;
        var stack = new Stack<object>();
        stack.Push(root);
        seen.Add(root);
        while (stack.Count > 0)
        {
            object o = stack.Pop();
            Type type = o.GetType();
            if (o is string s)
            {
                total += 22 + (2L * s.Length);
                continue;
            }

            if (o is Array array)
            {
                Type element = type.GetElementType()!;
                total += 24 + ((long)array.Length * (element.IsValueType ? Unsafe(element) : 8));
                if (!element.IsValueType)
                {
                    foreach (object? item in array)
                    {
                        Push(item, seen, stack);
                    }
                }

                continue;
            }

            total += 16;
            for (Type? t = type; t != null; t = t.BaseType)
            {
                foreach (FieldInfo f in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    total += f.FieldType.IsValueType ? Unsafe(f.FieldType) : 8;
                    if (!f.FieldType.IsValueType)
                    {
                        Push(f.GetValue(o), seen, stack);
                    }
                }
            }
        }

        return total;
    }

    private static void Push(object? o, HashSet<object> seen, Stack<object> stack)
    {
        if (o != null && !(o is Delegate) && !(o is Type) && seen.Add(o))
        {
            stack.Push(o);
        }
    }

    private static int Unsafe(Type valueType)
    {
        return (int)typeof(Unsafe).GetMethod(nameof(System.Runtime.CompilerServices.Unsafe.SizeOf))!.MakeGenericMethod(valueType).Invoke(null, null)!;
    }
}
