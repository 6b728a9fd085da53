using NesMep.Core.Link;
using NesMep.Core.Protocol;
using NesMep.Core.Tables;

namespace NesMep.Benchmarks;

/// <summary>
/// Quick bisection of core allocation: measures every single Poll() call and charges any bytes to the
/// request that was in flight before the call (its reply was handled) or the one submitted during it.
/// Only run when the steady cycle allocates (or with --attribute). Bookkeeping is outside the
/// measured window and uses preallocated slots.
/// </summary>
public static class AllocationAttribution
{
    private const int Slots = 32;

    public static void Report(PollHarness h, int cycles)
    {
        var keys = new long[Slots];
        var bytes = new long[Slots];
        var hits = new int[Slots];
        int used = 0;
        long meterTotal = 0;
        int steps = cycles * h.CycleMs;
        for (int t = 0; t < steps; t++)
        {
            long before = Key(h.Link);
            long reqBefore = h.Meter.Requests;
            long own0 = h.Meter.OwnAllocatedBytes;
            long a0 = GC.GetAllocatedBytesForCurrentThread();
            h.Poller.Poll();
            long a1 = GC.GetAllocatedBytesForCurrentThread();
            long own = h.Meter.OwnAllocatedBytes - own0;
            meterTotal += own;
            h.Clock.NowMs++;
            long delta = a1 - a0 - own;
            if (delta == 0)
            {
                continue;
            }

            // Completion of the previous request and submission of the next share one Poll(): say which.
            long key = before * 2 + (h.Meter.Requests != reqBefore ? 1 : 0);
            int slot = 0;
            while (slot < used && keys[slot] != key)
            {
                slot++;
            }

            if (slot == used && used < Slots)
            {
                keys[used++] = key;
            }

            if (slot < Slots)
            {
                bytes[slot] += delta;
                hits[slot]++;
            }
        }

        Console.WriteLine($"[attribution] core allocation by Poll() call over {cycles} more cycles (fake meter: {meterTotal} B):");
        if (used == 0)
        {
            Console.WriteLine("    (none: no Poll() call allocated)");
        }

        for (int i = 0; i < used; i++)
        {
            long k = keys[i] >> 1;
            bool submitted = (keys[i] & 1) != 0;
            int code = (int)((k >> 40) & 0xFF);
            int table = (int)((k >> 24) & 0xFFFF);
            int offset = (int)(k & 0xFFFFFF);
            Console.WriteLine($"    after {MepCodes.RequestName(code)} {TableIds.Name(table)}@{offset}{(submitted ? " + submit of next" : "")}: " +
                              $"{bytes[i]} B in {hits[i]} call(s), {(double)bytes[i] / hits[i]:N1} B/call");
        }
    }

    private static long Key(MepLink link)
    {
        MepRequest r = link.Request;
        return ((long)r.Code << 40) | ((long)(r.TableId & 0xFFFF) << 24) | (long)(r.Offset & 0xFFFFFF);
    }
}
