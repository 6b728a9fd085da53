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
    /// <summary>
    /// Bytes of the whole polling graph and of its table state (MeterTableState) alone; with <paramref name="byField"/>,
    /// also each object's bytes under the declaring type and field that first reached it ("Type.field", arrays' elements
    /// under the array's field), so the largest holders can be printed.
    /// </summary>
    public static (long Graph, long TableState) PollingGraphBytes(Dictionary<string, long>? byField = null)
    {
        var h = new PollHarness();
        h.WarmUp(60_000, 200);
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance) { h.Meter, h.Clock, NullLog.Instance };
        long graph = Size(h.Poller, seen, byField);
        long tableState = Size(h.Poller.Tables, new HashSet<object>(ReferenceEqualityComparer.Instance));
        return (graph, tableState);
    }

    /// <summary>Bytes of every object reachable from <paramref name="root"/> not yet in <paramref name="seen"/> (which it fills).</summary>
    internal static long Size(object root, HashSet<object> seen, Dictionary<string, long>? byField = null)
    {
        long total = 0;
        var stack = new Stack<(object O, string Holder)>();
        stack.Push((root, "(root) " + root.GetType().Name));
        seen.Add(root);
        while (stack.Count > 0)
        {
            (object o, string holder) = stack.Pop();
            long bytes = 0;
            Type type = o.GetType();
            if (o is string s)
            {
                bytes = 22 + (2L * s.Length);
            }
            else if (o is Array array)
            {
                Type element = type.GetElementType()!;
                bytes = 24 + ((long)array.Length * (element.IsValueType ? Unsafe(element) : 8));
                if (!element.IsValueType)
                {
                    foreach (object? item in array)
                    {
                        Push(item, holder + "[]", seen, stack);
                    }
                }
            }
            else
            {
                bytes = 16;
                for (Type? t = type; t != null; t = t.BaseType)
                {
                    foreach (FieldInfo f in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    {
                        bytes += f.FieldType.IsValueType ? Unsafe(f.FieldType) : 8;
                        if (!f.FieldType.IsValueType)
                        {
                            Push(f.GetValue(o), t.Name + "." + f.Name, seen, stack);
                        }
                    }
                }
            }

            total += bytes;
            if (byField != null)
            {
                byField[holder] = byField.GetValueOrDefault(holder) + bytes;
            }
        }

        return total;
    }

    private static void Push(object? o, string holder, HashSet<object> seen, Stack<(object, string)> stack)
    {
        if (o != null && !(o is Delegate) && !(o is Type) && seen.Add(o))
        {
            stack.Push((o, holder));
        }
    }

    private static int Unsafe(Type valueType)
    {
        return (int)typeof(Unsafe).GetMethod(nameof(System.Runtime.CompilerServices.Unsafe.SizeOf))!.MakeGenericMethod(valueType).Invoke(null, null)!;
    }
}
